// POST /api/subscribe-plan: a parent buys a credit plan (paid like a booking: mock at once, or a Razorpay order to pay).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses } from '../../shared/schemas.js'
import { CreditPurchaseResponse, PurchaseIdempotencyHeaders, SubscribePlanBody } from './purchases.schemas.js'
import type { PurchasesService } from './purchases.service.js'

export const creditPurchaseRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; purchases: PurchasesService }> = async (app, { guard, purchases }) => {
  app.post(
    '/subscribe-plan',
    {
      onRequest: guard.requireRole('customer'),
      schema: {
        tags: ['credits'],
        summary: 'Buy a credit plan',
        description:
          'Needs an Idempotency-Key header: a retry with the same key and body answers the first answer again; the same key with another body ' +
          'answers 409 IDEMPOTENCY_KEY_REUSED. The price and credits come from the plan. PAYMENTS_MODE=mock (and a free plan in any mode) ' +
          'confirms at once: the plan’s credits and bonus in one grant expiring after validity_days, unused credits of earlier paid plans rolled ' +
          'over (up to CREDIT_ROLLOVER_PERCENT of the plan’s credits; trial credits never roll over) and the platform’s GST invoice. Otherwise ' +
          'the purchase waits for its Razorpay order to be paid (POST /api/payments/razorpay/verify or the webhook); 503 ' +
          'PAYMENT_GATEWAY_UNAVAILABLE when the order cannot be created (nothing charged; the same key may be retried). 404 for an unknown or ' +
          'inactive plan.',
        security: [{ bearer: [] }],
        headers: PurchaseIdempotencyHeaders,
        body: SubscribePlanBody,
        response: { 201: CreditPurchaseResponse, ...errorResponses(401, 403, 404, 409, 422, 502, 503) },
      },
    },
    async (request, reply) => {
      const answer = await purchases.subscribePlan(actorOf(request).id, request.headers['idempotency-key'], request.body)
      return reply.code(answer.status as 201).send(answer.body)
    },
  )
}
