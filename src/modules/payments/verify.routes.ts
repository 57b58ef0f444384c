// POST /api/payments/razorpay/verify: the parent's app hands over Razorpay Checkout's answer; a valid signature applies the
// payment to whatever the order pays for (a booking, a credit plan purchase), and the answer is that subject's.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type, { type TSchema } from 'typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses } from '../../shared/schemas.js'
import type { Checkout } from './checkout.js'
import { VerifyPaymentBody } from './payments.schemas.js'

const examplesOf = (schema: TSchema): unknown[] => (schema as { examples?: unknown[] }).examples ?? []

/** One subject's answer as it is; several as a union whose examples are all of theirs. */
function verifiedResponse(schemas: readonly TSchema[]): TSchema {
  if (schemas.length === 1) return schemas[0]!
  return Type.Union([...schemas], {
    description: 'The confirmed booking, or for an order of a credit plan purchase the paid purchase with the wallet',
    examples: schemas.flatMap(examplesOf),
  })
}

export const paymentVerifyRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; checkout: Checkout }> = async (app, { guard, checkout }) => {
  app.post(
    '/payments/razorpay/verify',
    {
      onRequest: guard.requireRole('customer'),
      schema: {
        tags: ['payments'],
        summary: 'Confirm a booking or a credit plan purchase with Razorpay Checkout’s payment signature',
        description:
          'razorpay_signature must be the HMAC-SHA256 of `order_id|payment_id` with the key secret, checked against the order id stored with ' +
          'the booking (or credit purchase). 400 INVALID_SIGNATURE changes nothing; an order of another user (or unknown) is 404. Verifying again ' +
          'returns the same answer. A payment after the hold expired re-takes the seats when free; otherwise 409 BOOKING_HOLD_EXPIRED and a full ' +
          'refund. An order of a credit plan purchase answers the paid purchase (its credits granted once) and the wallet.',
        security: [{ bearer: [] }],
        body: VerifyPaymentBody,
        response: { 200: verifiedResponse(checkout.subjects().map((s) => s.verifiedResponse)), ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => checkout.verifyPayment(actorOf(request).id, request.body),
  )
}
