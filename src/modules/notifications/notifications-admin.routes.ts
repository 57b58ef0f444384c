// /api/admin/notifications: admins send a message to a segment of users (in batches by a job) and follow its progress.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses, IdParams } from '../../shared/schemas.js'
import type { BroadcastsService } from './broadcasts.service.js'
import { BroadcastResponse, CreateBroadcastBody } from './notifications.schemas.js'

const security = [{ bearer: [] }]
const tags = ['admin']

export const adminNotificationRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; broadcasts: BroadcastsService }> = async (app, { guard, broadcasts }) => {
  const adminOnly = guard.requireRole('admin')

  app.post(
    '/admin/notifications/broadcast',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Send a message to a segment of users',
        description:
          'Active users with the segment’s role and city ({} is everyone) get the title and body on the channels chosen, in batches of ' +
          'BROADCAST_BATCH_SIZE by a background job; users’ preferences and quiet hours apply (kind `broadcast`). Audited (notification.broadcast). ' +
          'Follow it at GET /api/admin/notifications/broadcasts/{id}.',
        security,
        body: CreateBroadcastBody,
        response: { 202: BroadcastResponse, ...errorResponses(401, 403, 422) },
      },
    },
    async (request, reply) => reply.code(202).send(await broadcasts.createBroadcast(actorOf(request).id, request.body)),
  )

  app.get(
    '/admin/notifications/broadcasts/:id',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'A broadcast and its progress',
        description: '`processed` of `total` users handed to the notification service; `completed` when all were.',
        security,
        params: IdParams,
        response: { 200: BroadcastResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => broadcasts.getBroadcast(request.params.id),
  )
}
