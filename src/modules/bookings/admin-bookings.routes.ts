// /api/admin/bookings: admins list and filter every booking, read one in full, cancel one with a refund they choose, export CSV.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AuthGuard } from '../../shared/auth.js'
import { auditActorOf } from '../audit/index.js'
import { errorResponses, IdParams } from '../../shared/schemas.js'
import {
  AdminBookingPage, AdminBookingResponse, AdminCancelBookingBody, BookingsCsvResponse, ExportAdminBookingsQuery, ListAdminBookingsQuery,
} from './admin-bookings.schemas.js'
import type { BookingsService } from './bookings.service.js'

const security = [{ bearer: [] }]
const tags = ['admin']

export const adminBookingRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; bookings: BookingsService }> = async (app, { guard, bookings }) => {
  const adminOnly = guard.requireRole('admin')

  app.get(
    '/admin/bookings',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'List bookings',
        description:
          'Every booking, filtered by status, payment method, partner, listing, customer (user_id, or q on name/phone/email), the listing’s city, ' +
          'and from/to India days of creation or (date_field=session) of any session. 422 DATE_RANGE_INVALID when from is after to.',
        security,
        querystring: ListAdminBookingsQuery,
        response: { 200: AdminBookingPage, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => bookings.listAdminBookings(request.query),
  )

  app.get(
    '/admin/bookings/export.csv',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Export bookings as CSV',
        description:
          'The list’s filters; from and to are required (422 without) and cover at most 366 days (422 DATE_RANGE_TOO_LONG). Streamed in creation ' +
          'order: UTF-8 with a BOM, amounts in rupees and paise, times in India time, text that a spreadsheet would run as a formula prefixed with a quote.',
        security,
        querystring: ExportAdminBookingsQuery,
        produces: ['text/csv'],
        response: { 200: BookingsCsvResponse, ...errorResponses(401, 403, 422) },
      },
    },
    async (request, reply) => {
      const csv = bookings.exportBookingsCsv(request.query)
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="bookings-${request.query.from}-to-${request.query.to}.csv"`)
        .header('cache-control', 'private, no-store')
        .send(csv)
    },
  )

  app.get(
    '/admin/bookings/:id',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'One booking in full',
        description: 'With its customer, children, listing, partner, sessions, Razorpay payments and refunds, invoice and history (oldest first).',
        security,
        params: IdParams,
        response: { 200: AdminBookingResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => bookings.getAdminBooking(request.params.id),
  )

  app.post(
    '/admin/bookings/:id/cancel',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Cancel a booking with a chosen refund',
        description:
          'A pending or confirmed booking (409 otherwise) is cancelled and its upcoming seats released. refund_amount (paise) may be 0 up to what is ' +
          'still refundable of what was paid (422 REFUND_EXCEEDS_PAID above it): money goes back through the payment’s gateway like every booking ' +
          'refund; for a booking paid with credits, the same share of its credits goes back to the wallet (rounded down) and refund_amount is their money value. ' +
          'Audited (booking.admin_cancel).',
        security,
        params: IdParams,
        body: AdminCancelBookingBody,
        response: { 200: AdminBookingResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => bookings.adminCancelBooking(auditActorOf(request), request.params.id, request.body),
  )
}
