// POST /api/payments/razorpay/verify: the parent's app hands over Razorpay Checkout's answer; a valid signature confirms.
// Orders of other kinds (credit plan purchases) are confirmed by the verifier app.ts plugs in: bookings never imports it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type, { type TSchema } from 'typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses } from '../../shared/schemas.js'
import { BookingResponse, VerifyPaymentBody } from './bookings.schemas.js'
import type { BookingsService } from './bookings.service.js'

/** Confirms the payments of orders that are not bookings'; its answer's schema joins the route's 200 response. */
export interface OrderVerifier {
  ownsOrder(orderId: string): Promise<boolean>
  verifyPayment(userId: string, body: VerifyPaymentBody): Promise<unknown>
  /** The 200 answer for its orders, with an example. */
  response: TSchema
}

const examplesOf = (schema: TSchema): unknown[] => (schema as { examples?: unknown[] }).examples ?? []

export const razorpayPaymentRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; bookings: BookingsService; purchases?: OrderVerifier }> = async (
  app,
  { guard, bookings, purchases },
) => {
  const ok = purchases
    ? Type.Union([BookingResponse, purchases.response], {
        description: 'The confirmed booking, or for an order of a credit plan purchase the paid purchase with the wallet',
        examples: [...examplesOf(BookingResponse), ...examplesOf(purchases.response)],
      })
    : BookingResponse
  app.post(
    '/payments/razorpay/verify',
    {
      preHandler: guard.requireRole('customer'),
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
        response: { 200: ok, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const userId = actorOf(request).id
      if (purchases && (await purchases.ownsOrder(request.body.razorpay_order_id))) return purchases.verifyPayment(userId, request.body)
      return bookings.verifyPayment(userId, request.body)
    },
  )
}
