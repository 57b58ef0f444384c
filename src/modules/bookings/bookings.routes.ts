// /api/bookings (parents) and /api/partner/bookings (partners). Another user's booking answers 404, as a missing one does.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses, IdParams, Page } from '../../shared/schemas.js'
import {
  AddBookingSessionBody, AvailableSessionsResponse, BookingResponse, CancelBookingBody, CreateBookingBody, CreateBookingResponse, IdempotencyHeaders,
  MarkAttendanceBody, MyBookingsQuery, PartnerBookingResponse, PartnerBookingsQuery, RescheduleBookingBody, UnableToAttendBody, UnableToAttendResponse,
} from './bookings.schemas.js'
import type { BookingsService } from './bookings.service.js'

const security = [{ bearer: [] }]
const tags = ['bookings']

export const bookingRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; bookings: BookingsService }> = async (app, { guard, bookings }) => {
  const customerOnly = guard.requireRole('customer')
  const partnerOnly = guard.requireRole('partner')

  app.post(
    '/bookings',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'Book a session, a pack or a month of a batch',
        description:
          'Needs an Idempotency-Key header: a retry with the same key and body answers the first answer again (same status); the same key with another ' +
          'body answers 409 IDEMPOTENCY_KEY_REUSED. One seat per child; the price comes from the plan option (any amount sent is ignored). ' +
          'PAYMENTS_MODE=mock confirms at once; otherwise the seats are held (pending_payment) for BOOKING_HOLD_MINUTES. ' +
          'Errors: 404 for a listing, plan option, session or child that is not there (or not yours), 409 SESSION_FULL, TRIAL_ALREADY_USED, ' +
          'CHILD_ALREADY_BOOKED, SESSION_NOT_BOOKABLE, 422 CHILD_AGE_MISMATCH, SESSION_REQUIRED, 429 TOO_MANY_PENDING_BOOKINGS; when Razorpay is down ' +
          '503 PAYMENT_GATEWAY_UNAVAILABLE, when it refuses the order 502 PAYMENT_GATEWAY_ERROR (the hold is released, nothing is charged).',
        security,
        headers: IdempotencyHeaders,
        body: CreateBookingBody,
        response: { 201: CreateBookingResponse, ...errorResponses(401, 403, 404, 409, 422, 429, 502, 503) },
      },
    },
    async (request, reply) => {
      const answer = await bookings.createBooking(actorOf(request).id, request.headers['idempotency-key'], request.body)
      return reply.code(answer.status as 201).send(answer.body)
    },
  )

  app.get(
    '/bookings/my',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'My bookings',
        description: 'upcoming: soonest first; past and cancelled (which includes expired holds): newest first; no status: all, newest first.',
        security,
        querystring: MyBookingsQuery,
        response: { 200: Page(BookingResponse), ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => bookings.listMyBookings(actorOf(request).id, request.query),
  )

  app.get(
    '/bookings/:id',
    {
      onRequest: customerOnly,
      schema: { tags, summary: 'One of my bookings', security, params: IdParams, response: { 200: BookingResponse, ...errorResponses(401, 403, 404, 422) } },
    },
    async (request) => bookings.getBooking(actorOf(request).id, request.params.id),
  )

  app.post(
    '/bookings/:id/cancel',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'Cancel a booking',
        description:
          'Seats are released at once. The refund follows the cancellation policy (config key cancellation_policy; default: 24 h or more before ' +
          'the next session 100%, 6–24 h 50%, less 0%; a listing’s own cancellation notice hours replace the 24 h). A pending hold is cancelled ' +
          'without a refund (nothing was paid). 409 BOOKING_ALREADY_CANCELLED or BOOKING_STATUS_CONFLICT when it cannot be cancelled.',
        security,
        params: IdParams,
        body: CancelBookingBody,
        response: { 200: BookingResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => bookings.cancelBooking(actorOf(request).id, request.params.id, request.body.reason?.trim() ?? null),
  )

  app.get(
    '/bookings/:id/available-sessions',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'Sessions this booking could move to',
        description: 'Same listing (and batch for packs and monthly plans), scheduled, in the future, with seats for every child, within the plan’s validity, ' +
          'and none where one of the children already has a seat. ' +
          'reschedulable says whether the booking can move now (reason says why not).',
        security,
        params: IdParams,
        response: { 200: AvailableSessionsResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => bookings.availableSessions(actorOf(request).id, request.params.id),
  )

  app.post(
    '/bookings/:id/reschedule',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'Move a booking to another session',
        description:
          'The new seat is taken before the old one is freed, in one transaction. 409 RESCHEDULE_LIMIT after MAX_RESCHEDULES moves, ' +
          'RESCHEDULE_WINDOW_CLOSED inside the listing’s reschedule notice (default 24 h), SESSION_FULL, BOOKING_NOT_RESCHEDULABLE, ' +
          'CHILD_ALREADY_BOOKED when a child already has a seat in that session through another booking.',
        security,
        params: IdParams,
        body: RescheduleBookingBody,
        response: { 200: BookingResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => bookings.rescheduleBooking(actorOf(request).id, request.params.id, request.body),
  )

  app.post(
    '/bookings/:id/sessions',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'Book the next session of a pack',
        description: 'Uses one of sessions_remaining (a pack’s later sessions, or one credited back) on a session of the same listing and batch. 409 NO_SESSIONS_REMAINING, SESSION_FULL, CHILD_ALREADY_BOOKED.',
        security,
        params: IdParams,
        body: AddBookingSessionBody,
        response: { 200: BookingResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => bookings.addBookingSession(actorOf(request).id, request.params.id, request.body.session_id),
  )

  app.post(
    '/bookings/:id/unable-to-attend',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'Tell the partner a child cannot come',
        description:
          'Always recorded. Before the cancellation notice (listing’s, else 24 h) the seat is released: packs and monthly plans get the session ' +
          'back to book another (outcome credited); a single or trial booking is cancelled with a refund by policy (outcome refunded). Later: recorded only.',
        security,
        params: IdParams,
        body: UnableToAttendBody,
        response: { 201: UnableToAttendResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await bookings.reportUnableToAttend(actorOf(request).id, request.params.id, request.body)),
  )

  app.get(
    '/partner/bookings',
    {
      onRequest: partnerOnly,
      schema: {
        tags: ['partner bookings'],
        summary: 'Bookings of my listings',
        description: 'Filters combine; from/to are dates of the sessions in India time. Expired holds are left out unless status asks for them.',
        security,
        querystring: PartnerBookingsQuery,
        response: { 200: Page(PartnerBookingResponse), ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => bookings.listPartnerBookings(actorOf(request).id, request.query),
  )

  app.put(
    '/partner/bookings/:id/attendance',
    {
      onRequest: partnerOnly,
      schema: {
        tags: ['partner bookings'],
        summary: 'Mark a child’s attendance',
        description: 'For a session of a confirmed booking, from one hour before it starts (409 ATTENDANCE_TOO_EARLY). Another partner’s booking is 404.',
        security,
        params: IdParams,
        body: MarkAttendanceBody,
        response: { 200: PartnerBookingResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => bookings.markAttendance(actorOf(request).id, request.params.id, request.body),
  )
}
