// POST /api/payments/razorpay/verify: the parent's app hands over Razorpay Checkout's answer; a valid signature confirms.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses } from '../../shared/schemas.js'
import { BookingResponse, VerifyPaymentBody } from './bookings.schemas.js'
import type { BookingsService } from './bookings.service.js'

export const razorpayPaymentRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; bookings: BookingsService }> = async (app, { guard, bookings }) => {
  app.post(
    '/payments/razorpay/verify',
    {
      preHandler: guard.requireRole('customer'),
      schema: {
        tags: ['payments'],
        summary: 'Confirm a booking with Razorpay Checkout’s payment signature',
        description:
          'razorpay_signature must be the HMAC-SHA256 of `order_id|payment_id` with the key secret, checked against the order id stored with ' +
          'the booking. 400 INVALID_SIGNATURE changes nothing; an order of another user (or unknown) is 404. Verifying again returns the same ' +
          'confirmed booking. A payment after the hold expired re-takes the seats when free; otherwise 409 BOOKING_HOLD_EXPIRED and a full refund.',
        security: [{ bearer: [] }],
        body: VerifyPaymentBody,
        response: { 200: BookingResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => bookings.verifyPayment(actorOf(request).id, request.body),
  )
}
