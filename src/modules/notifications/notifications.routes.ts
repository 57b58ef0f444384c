// /api/notifications (the in-app inbox and preferences) and /api/push/tokens (this device's Expo push token).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses, IdParams } from '../../shared/schemas.js'
import {
  ListNotificationsQuery, NotificationPage, NotificationResponse, PreferencesResponse, PushTokenParams, PushTokenResponse, ReadAllResponse,
  RegisterPushTokenBody, UpdatePreferencesBody,
} from './notifications.schemas.js'
import type { NotificationsService } from './notifications.service.js'

const security = [{ bearer: [] }]
const tags = ['notifications']

export const notificationRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; notifications: NotificationsService }> = async (app, { guard, notifications }) => {
  const signedIn = guard.signedIn

  app.get(
    '/notifications',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Your in-app notifications',
        description: 'Newest first; `unread=true` lists only unread ones. `unread_count` counts all your unread notifications.',
        security,
        querystring: ListNotificationsQuery,
        response: { 200: NotificationPage, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => notifications.listNotifications(actorOf(request).id, request.query),
  )

  app.post(
    '/notifications/:id/read',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Mark a notification read',
        description: 'Idempotent: reading it again keeps the first read time. Another user’s notification is 404.',
        security,
        params: IdParams,
        response: { 200: NotificationResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => notifications.markRead(actorOf(request).id, request.params.id),
  )

  app.post(
    '/notifications/read-all',
    {
      onRequest: signedIn,
      schema: { tags, summary: 'Mark every notification read', security, response: { 200: ReadAllResponse, ...errorResponses(401, 403) } },
    },
    async (request) => notifications.markAllRead(actorOf(request).id),
  )

  app.get(
    '/notifications/preferences',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Your notification preferences',
        description: 'Each kind with its channels on or off, and whether quiet hours (21:00–08:00 India time) hold back non-urgent push and SMS.',
        security,
        response: { 200: PreferencesResponse, ...errorResponses(401, 403) },
      },
    },
    async (request) => notifications.getPreferences(actorOf(request).id),
  )

  app.put(
    '/notifications/preferences',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Change your notification preferences',
        description:
          'Send the kinds and channels that change. Transactional kinds (booking confirmed, cancelled, rescheduled; payout paid) cannot be ' +
          'turned off: 422 TRANSACTIONAL_NOTIFICATION; a channel a kind is not sent on is 422 CHANNEL_NOT_OFFERED. Sign-in codes never go ' +
          'through preferences. Quiet hours delay (never drop) non-urgent push and SMS until 08:00.',
        security,
        body: UpdatePreferencesBody,
        response: { 200: PreferencesResponse, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => notifications.updatePreferences(actorOf(request).id, request.body),
  )

  app.post(
    '/push/tokens',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Register this device for push notifications',
        description: 'An Expo push token (ExponentPushToken[…]); 422 INVALID_PUSH_TOKEN otherwise. Registering again is fine; a token last used by another account moves to yours.',
        security,
        body: RegisterPushTokenBody,
        response: { 201: PushTokenResponse, ...errorResponses(401, 403, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await notifications.registerPushToken(actorOf(request).id, request.body)),
  )

  app.delete(
    '/push/tokens/:token',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Stop push notifications to a device',
        description: 'The token, URL-encoded. 404 when it is not registered to you.',
        security,
        params: PushTokenParams,
        response: { 204: Type.Null({ description: 'Removed' }), ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      await notifications.deletePushToken(actorOf(request).id, request.params.token)
      return reply.code(204).send(null)
    },
  )
}
