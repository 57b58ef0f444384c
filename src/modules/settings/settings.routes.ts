// /api/admin/config: the system settings (cancellation policy, GST, default commission, hold minutes), read and changed by admins.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AuthGuard } from '../../shared/auth.js'
import { errorResponses } from '../../shared/schemas.js'
import { auditActorOf } from '../audit/index.js'
import { ListSettingsQuery, SettingKeyParams, SettingPage, SettingResponse, UpdateSettingBody } from './settings.schemas.js'
import type { SettingsService } from './settings.service.js'

const security = [{ bearer: [] }]
const tags = ['admin']

export const settingsRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; settings: SettingsService }> = async (app, { guard, settings }) => {
  const adminOnly = guard.requireRole('admin')

  app.get(
    '/admin/config',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'List the system settings',
        description: 'Every key the config table may hold, with the value in use, its default, whether a value is stored, and the JSON Schema of its value.',
        security,
        querystring: ListSettingsQuery,
        response: { 200: SettingPage, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => settings.listSettings(request.query),
  )

  app.put(
    '/admin/config/:key',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Change a system setting',
        description:
          '`{value}` must match the key’s schema (GET /api/admin/config): 422 INVALID_SETTING_VALUE otherwise, and nothing changes. ' +
          '404 SETTING_NOT_FOUND for a key that is not a setting. Applies to the next use case that reads it (no cache). ' +
          'Audited (config.update, before/after) when the value changes.',
        security,
        params: SettingKeyParams,
        body: UpdateSettingBody,
        response: { 200: SettingResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => settings.updateSetting(auditActorOf(request), request.params.key, request.body.value),
  )
}
