// POST /api/payouts/razorpayx/webhook: RazorpayX payout events, verified on the raw bytes with RAZORPAYX_WEBHOOK_SECRET.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { errorResponses } from '../../shared/schemas.js'
import { InvalidSignatureError, type WebhookIntake } from '../payments/index.js'
import { RazorpayXWebhookBody, RazorpayXWebhookHeaders, RazorpayXWebhookResponse } from './payouts.schemas.js'

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)

export const payoutWebhookRoutes: FastifyPluginAsyncTypebox<{ intake: WebhookIntake }> = async (app, { intake }) => {
  // scoped to this plugin: the JSON stays bytes for the HMAC
  const rawBodies = new WeakMap<FastifyRequest, Buffer>()
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    rawBodies.set(request, body as Buffer)
    let parsed: unknown = {}
    try {
      parsed = JSON.parse((body as Buffer).toString('utf8'))
    } catch {
      // a bad signature (checked next) or an INVALID_PAYLOAD answer, never a parser error before the signature
    }
    done(null, parsed)
  })

  app.post(
    '/payouts/razorpayx/webhook',
    {
      schema: {
        tags: ['payments'],
        summary: 'RazorpayX payout webhook: verified on the raw body, de-duplicated by event id',
        description:
          'RazorpayX posts payout.processed (→ paid, with the UTR), payout.reversed and payout.failed (→ reversed / failed: the amount is payable ' +
          'again) here. X-Razorpay-Signature must be the HMAC-SHA256 of the exact body with RAZORPAYX_WEBHOOK_SECRET (else 400 INVALID_SIGNATURE); ' +
          'a redelivery with the same X-Razorpay-Event-Id answers {status: "duplicate"} and changes nothing; an event for a request already ' +
          'paid, failed, reversed or rejected is recorded and ignored.',
        headers: RazorpayXWebhookHeaders,
        body: RazorpayXWebhookBody,
        response: { 200: RazorpayXWebhookResponse, ...errorResponses(400, 413, 415, 422) },
      },
      preValidation: async (request) => {
        if (!intake.verifySignature(rawBodies.get(request) ?? Buffer.alloc(0), header(request.headers['x-razorpay-signature']))) throw new InvalidSignatureError()
      },
    },
    async (request) => {
      const outcome = await intake.receive({
        rawBody: rawBodies.get(request) ?? Buffer.alloc(0),
        signature: header(request.headers['x-razorpay-signature']),
        eventId: header(request.headers['x-razorpay-event-id']),
      })
      if (outcome.status === 'processed') request.log.info({ event_type: outcome.event_type }, 'razorpayx webhook processed')
      return { status: outcome.status }
    },
  )
}
