// /api/sessions/{id}/waitlist and /api/waitlist/*: a customer's place in the line of a full session, and offers of freed seats.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses, IdParams, Page, PageQuery } from '../../shared/schemas.js'
import { CreateBookingResponse } from '../bookings/index.js'
import { AcceptOfferBody, EntryIdParams, JoinWaitlistBody, WaitlistEntryResponse } from './waitlist.schemas.js'
import type { WaitlistService } from './waitlist.service.js'

const security = [{ bearer: [] }]
const tags = ['waitlist']

export const waitlistRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; waitlist: WaitlistService }> = async (app, { guard, waitlist }) => {
  const customerOnly = guard.requireRole('customer')

  app.post(
    '/sessions/:id/waitlist',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'Join the waitlist of a full session',
        description:
          'Only for a scheduled, future session of a public listing with fewer free seats than children: otherwise 409 SESSION_HAS_SEATS ' +
          '(book it) or SESSION_NOT_BOOKABLE. One entry per family per session: 409 ALREADY_WAITLISTED. When seats free up, the first family ' +
          'in line whose children fit gets them held for WAITLIST_OFFER_MINUTES and a notification.',
        security,
        params: IdParams,
        body: JoinWaitlistBody,
        response: { 201: WaitlistEntryResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await waitlist.joinWaitlist(actorOf(request).id, request.params.id, request.body.child_ids)),
  )

  app.delete(
    '/sessions/:id/waitlist',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'Leave the waitlist of a session',
        description: 'A live offer is withdrawn and its seats go to the next family in line. 404 when you are not on it.',
        security,
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      await waitlist.leaveWaitlist(actorOf(request).id, request.params.id)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/waitlist/my',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'My places in waitlists',
        description: 'Entries still in line, newest first, with the place in line and any live offer with its expiry.',
        security,
        querystring: PageQuery,
        response: { 200: Page(WaitlistEntryResponse), ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => waitlist.listMyWaitlist(actorOf(request).id, request.query),
  )

  app.post(
    '/waitlist/:entry_id/accept',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'Book the seats offered to me',
        description:
          'Books the held seats with this plan option of the session’s listing, as POST /api/bookings does (its rules and price apply; ' +
          '`payment_method: "credits"` pays from the wallet). ' +
          '409 NO_ACTIVE_OFFER when there is no live offer (it lapsed, was declined or was never made); 503 and 502 as POST /api/bookings when Razorpay is down or refuses.',
        security,
        params: EntryIdParams,
        body: AcceptOfferBody,
        response: { 201: CreateBookingResponse, ...errorResponses(401, 403, 404, 409, 422, 429, 502, 503) },
      },
    },
    async (request, reply) => {
      const answer = await waitlist.acceptOffer(actorOf(request).id, request.params.entry_id, request.body)
      return reply.code(answer.status as 201).send(answer.body)
    },
  )

  app.post(
    '/waitlist/:entry_id/decline',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'Decline the seats offered to me',
        description: 'The entry leaves the line and the seats go to the next family. 409 NO_ACTIVE_OFFER when there is no live offer.',
        security,
        params: EntryIdParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      await waitlist.declineOffer(actorOf(request).id, request.params.entry_id)
      return reply.code(204).send(null)
    },
  )
}
