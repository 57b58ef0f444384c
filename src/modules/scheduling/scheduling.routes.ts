// Partners' schedules (/api/partners/listings/{id}/plan-options|batches|sessions, /api/partners/sessions/{id}) and the
// public reads of plan options and batches. Another partner's listing, batch, option or session answers 404.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses, PageQuery, Page } from '../../shared/schemas.js'
import {
  BatchPage, BatchParams, BatchRemovalResponse, BatchResponse, CreateBatchBody, CreatePlanOptionBody, CreateSessionBody, ListingParams,
  ListSessionsQuery, PlanOptionPage, PlanOptionParams, PlanOptionRemovalResponse, PlanOptionResponse, PublicBatchResponse,
  PublicPlanOptionResponse, SessionPage, SessionParams, SessionRemovalResponse, SessionResponse, UpdateBatchBody, UpdatePlanOptionBody,
  UpdateSessionBody,
} from './scheduling.schemas.js'
import type { SchedulingService } from './scheduling.service.js'

const security = [{ bearer: [] }]
const tags = ['partner schedules']
const publicTags = ['listings']

export interface SchedulingRoutesOptions {
  guard: AuthGuard
  scheduling: SchedulingService
}

export const schedulingRoutes: FastifyPluginAsyncTypebox<SchedulingRoutesOptions> = async (app, { guard, scheduling }) => {
  const partnerOnly = guard.requireRole('partner')

  // ---- plan options ----

  app.get(
    '/partners/listings/:id/plan-options',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Plan options of my listing, active and deactivated',
        security,
        params: ListingParams,
        querystring: PageQuery,
        response: { 200: PlanOptionPage, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => scheduling.listPlanOptions(actorOf(request).id, request.params.id, request.query),
  )

  app.post(
    '/partners/listings/:id/plan-options',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Add a plan option to my listing',
        description:
          'pack: sessions_count ≥ 2 and validity_days; single, trial, monthly: one session, no validity_days (422 INVALID_PLAN_OPTION). ' +
          'A listing has at most one active trial option (409 TRIAL_OPTION_EXISTS).',
        security,
        params: ListingParams,
        body: CreatePlanOptionBody,
        response: { 201: PlanOptionResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await scheduling.createPlanOption(actorOf(request).id, request.params.id, request.body)),
  )

  app.put(
    '/partners/listings/:id/plan-options/:option_id',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Edit a plan option',
        description:
          'Send only what changes; the result is checked as on creation. The kind of an option bookings used cannot change ' +
          '(409 PLAN_OPTION_IN_USE). Prices apply to new bookings only. active true brings back a deactivated option.',
        security,
        params: PlanOptionParams,
        body: UpdatePlanOptionBody,
        response: { 200: PlanOptionResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => scheduling.updatePlanOption(actorOf(request).id, request.params.id, request.params.option_id, request.body),
  )

  app.delete(
    '/partners/listings/:id/plan-options/:option_id',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Remove a plan option',
        description: 'Deleted when no booking was made with it; otherwise deactivated: parents no longer see it and its bookings keep it.',
        security,
        params: PlanOptionParams,
        response: { 200: PlanOptionRemovalResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => scheduling.removePlanOption(actorOf(request).id, request.params.id, request.params.option_id),
  )

  // ---- batches ----

  app.get(
    '/partners/listings/:id/batches',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Batches of my listing, active and deactivated',
        security,
        params: ListingParams,
        querystring: PageQuery,
        response: { 200: BatchPage, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => scheduling.listBatches(actorOf(request).id, request.params.id, request.query),
  )

  app.post(
    '/partners/listings/:id/batches',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Add a recurring batch; its sessions for the next 8 weeks are made at once',
        description:
          'Weekdays and start_time are in the listing’s time zone (its venue’s); sessions are made for each matching date in ' +
          '[start_date, end_date] up to 8 weeks ahead, and a daily job keeps that horizon rolling. 422 INVALID_BATCH_DATES.',
        security,
        params: ListingParams,
        body: CreateBatchBody,
        response: { 201: BatchResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await scheduling.createBatch(actorOf(request).id, request.params.id, request.body)),
  )

  app.put(
    '/partners/listings/:id/batches/:batch_id',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Edit a batch; its future sessions nobody booked are regenerated',
        description:
          'Future sessions without bookings that no longer fit are removed and the new ones added; sessions with seats taken keep ' +
          'their time and get the new capacity. Capacity can go down only to the most seats taken in a future session ' +
          '(409 CAPACITY_BELOW_BOOKED). A deleted (deactivated) batch cannot be edited (409 BATCH_INACTIVE).',
        security,
        params: BatchParams,
        body: UpdateBatchBody,
        response: { 200: BatchResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => scheduling.updateBatch(actorOf(request).id, request.params.id, request.params.batch_id, request.body),
  )

  app.delete(
    '/partners/listings/:id/batches/:batch_id',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Delete a batch',
        description:
          'Its future sessions nobody booked are removed; sessions with bookings stay and go ahead (cancel them one by one to refund). ' +
          'The batch is deleted when nothing refers to it any more, else deactivated: it makes no new sessions and parents no longer see it.',
        security,
        params: BatchParams,
        response: { 200: BatchRemovalResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => scheduling.removeBatch(actorOf(request).id, request.params.id, request.params.batch_id),
  )

  // ---- sessions ----

  app.get(
    '/partners/listings/:id/sessions',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Sessions of my listing, in start order',
        description: 'Filters: from/until (start time), batch_id, status.',
        security,
        params: ListingParams,
        querystring: ListSessionsQuery,
        response: { 200: SessionPage, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => scheduling.listSessions(actorOf(request).id, request.params.id, request.query),
  )

  app.post(
    '/partners/listings/:id/sessions',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Add a one-off session (a camp day, an event)',
        description: 'starts_at in the future; ends_at or duration_minutes, ending after the start (422 INVALID_SESSION_TIME).',
        security,
        params: ListingParams,
        body: CreateSessionBody,
        response: { 201: SessionResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await scheduling.createSession(actorOf(request).id, request.params.id, request.body)),
  )

  app.put(
    '/partners/sessions/:session_id',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Change a session’s time or capacity',
        description:
          'Capacity can go down only to the seats taken (409 CAPACITY_BELOW_BOOKED). Only a one-off session nobody booked can move ' +
          '(409 SESSION_HAS_BOOKINGS, BATCH_SESSION_TIME_FIXED); a started or cancelled session cannot change (409 SESSION_IN_PAST, SESSION_CANCELLED).',
        security,
        params: SessionParams,
        body: UpdateSessionBody,
        response: { 200: SessionResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => scheduling.updateSession(actorOf(request).id, request.params.session_id, request.body),
  )

  app.delete(
    '/partners/sessions/:session_id',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Cancel or delete a session',
        description:
          'A session with bookings is marked cancelled and its bookings are cancelled with a full refund (a pack gets the session back); ' +
          'a batch’s session is cancelled too, so the rolling schedule does not make it again; a one-off session nobody booked is deleted. ' +
          'Cancelling twice is fine; a session that has started answers 409 SESSION_IN_PAST.',
        security,
        params: SessionParams,
        response: { 200: SessionRemovalResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => scheduling.removeSession(actorOf(request).id, request.params.session_id),
  )

  // ---- public ----

  app.get(
    '/listings/:id/plan-options',
    {
      schema: {
        tags: publicTags,
        summary: 'What a listing sells: its active plan options',
        description: 'Only approved listings of active partners; any other answers 404.',
        params: ListingParams,
        querystring: PageQuery,
        response: { 200: Page(PublicPlanOptionResponse), ...errorResponses(404, 422) },
      },
    },
    async (request) => scheduling.listPublicPlanOptions(request.params.id, request.query),
  )

  app.get(
    '/listings/:id/batches',
    {
      schema: {
        tags: publicTags,
        summary: 'A listing’s active batches, each with its next session and the seats left in it',
        description: 'Only approved listings of active partners; any other answers 404.',
        params: ListingParams,
        querystring: PageQuery,
        response: { 200: Page(PublicBatchResponse), ...errorResponses(404, 422) },
      },
    },
    async (request) => scheduling.listPublicBatches(request.params.id, request.query),
  )
}
