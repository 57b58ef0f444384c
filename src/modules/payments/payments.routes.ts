// POST /payments/razorpay/webhook: the raw body (this plugin's own JSON parser keeps the bytes), signature, dedupe, 200.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { errorResponses } from '../../shared/schemas.js'
import { InvalidSignatureError } from './payments.errors.js'
import { RazorpayWebhookBody, RazorpayWebhookHeaders, RazorpayWebhookResponse } from './payments.schemas.js'
import type { WebhookIntake } from './webhook-intake.js'

export interface PaymentWebhookRouteDeps {
  intake: WebhookIntake
}

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)

export const paymentWebhookRoutes: FastifyPluginAsyncTypebox<PaymentWebhookRouteDeps> = async (app, { intake }) => {
  // scoped to this plugin: the webhook's JSON stays bytes for the HMAC; every other route keeps Fastify's parser
  const rawBodies = new WeakMap<FastifyRequest, Buffer>()
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const raw = body as Buffer
    rawBodies.set(request, raw)
    let parsed: unknown = {}
    try {
      parsed = JSON.parse(raw.toString('utf8'))
    } catch {
      // a bad signature (checked next) or an INVALID_PAYLOAD answer, never a parser error before the signature
    }
    done(null, parsed)
  })

  app.post(
    '/payments/razorpay/webhook',
    {
      schema: {
        tags: ['payments'],
        summary: 'Razorpay webhook: verified on the raw body, de-duplicated by event id',
        description:
          'Razorpay posts payment, order and refund events here. The X-Razorpay-Signature header must be the HMAC-SHA256 of the exact body ' +
          'with the webhook secret (the previous secret is accepted during a rotation). A redelivery with the same X-Razorpay-Event-Id ' +
          'answers {status: "duplicate"} and changes nothing.',
        headers: RazorpayWebhookHeaders,
        body: RazorpayWebhookBody,
        response: { 200: RazorpayWebhookResponse, ...errorResponses(400, 413, 415, 422) },
      },
      // before body validation: a tampered body is a signature problem (400), not a schema problem
      preValidation: async (request) => {
        const raw = rawBodies.get(request) ?? Buffer.alloc(0)
        if (!intake.verifySignature(raw, header(request.headers['x-razorpay-signature']))) throw new InvalidSignatureError()
      },
    },
    async (request) => {
      const outcome = await intake.receive({
        rawBody: rawBodies.get(request) ?? Buffer.alloc(0),
        signature: header(request.headers['x-razorpay-signature']),
        eventId: header(request.headers['x-razorpay-event-id']),
      })
      if (outcome.status === 'processed') request.log.info({ event_type: outcome.event_type }, 'razorpay webhook processed')
      else app.metrics.webhookDuplicates.inc({ provider: 'razorpay' })
      return { status: outcome.status }
    },
  )
}
