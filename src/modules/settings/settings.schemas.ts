// Request and answer shapes of the system settings (GET /api/admin/config, PUT /api/admin/config/{key}).
import Type, { type Static } from 'typebox'
import { IsoDateTime, Page, PageQuery } from '../../shared/schemas.js'

export const SettingResponse = Type.Object(
  {
    key: Type.String({ examples: ['booking_hold_minutes'] }),
    description: Type.String(),
    value: Type.Unknown({ description: 'What the services use now: the stored value, else the default' }),
    default: Type.Unknown({ description: 'What applies while no value is stored (for some keys an environment variable)' }),
    is_set: Type.Boolean({ description: 'A value is stored (set by an admin or the production seed)' }),
    schema: Type.Record(Type.String(), Type.Unknown(), { description: 'JSON Schema of the value PUT accepts' }),
    updated_at: Type.Union([IsoDateTime, Type.Null()]),
  },
  {
    examples: [{
      key: 'booking_hold_minutes',
      description: 'How long a booking awaiting online payment holds its seats before they are given back.',
      value: 20, default: 15, is_set: true, schema: { type: 'integer', minimum: 1, maximum: 120 }, updated_at: '2026-12-01T06:00:00.000Z',
    }],
  },
)
export type SettingResponse = Static<typeof SettingResponse>
export const SettingPage = Page(SettingResponse)

export const ListSettingsQuery = PageQuery
export type ListSettingsQuery = Static<typeof ListSettingsQuery>

export const SettingKeyParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 100, examples: ['gst'] }) })
export type SettingKeyParams = Static<typeof SettingKeyParams>

export const UpdateSettingBody = Type.Object(
  { value: Type.Unknown({ description: 'A value matching the key’s `schema` (see GET /api/admin/config)' }) },
  { additionalProperties: false, examples: [{ value: { full_refund_hours: 48, partial_refund_hours: 12, partial_refund_percent: 50 } }] },
)
export type UpdateSettingBody = Static<typeof UpdateSettingBody>
