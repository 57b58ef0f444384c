// Request and answer shapes of the admins' audit trail (GET /api/admin/audit-logs).
import Type, { type Static } from 'typebox'
import { IsoDateTime, Page, PageQuery, Uuid } from '../../shared/schemas.js'

const Snapshot = Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], {
  description: 'The changed thing’s fields before / after (secrets never recorded); null for a creation’s before',
})

const AUDIT_LOG_EXAMPLE = {
  id: '3f2c9a4e-7d1b-4c5a-8e6f-0a1b2c3d4e5f',
  actor: { id: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44', name: 'Asha Ops', email: 'ops@rrray.in' },
  action: 'listing.approve',
  target: { type: 'listing', id: '9d8e7f60-1a2b-4c3d-8e9f-0a1b2c3d4e5f' },
  before: { status: 'pending_approval', rejection_reason: null, published_at: null },
  after: { status: 'approved', rejection_reason: null, published_at: '2026-12-01T06:00:00.000Z' },
  ip: '203.0.113.7',
  created_at: '2026-12-01T06:00:00.000Z',
}

export const AuditLogResponse = Type.Object(
  {
    id: Uuid,
    actor: Type.Union([
      Type.Object({ id: Uuid, name: Type.Union([Type.String(), Type.Null()]), email: Type.Union([Type.String(), Type.Null()]) }),
      Type.Null(),
    ], { description: 'The admin who acted; null for the system' }),
    action: Type.String({ description: '`<area>.<verb>`', examples: ['listing.approve'] }),
    target: Type.Object({ type: Type.String({ examples: ['listing'] }), id: Type.String() }),
    before: Snapshot,
    after: Snapshot,
    ip: Type.Union([Type.String(), Type.Null()], { description: 'The address the admin’s request came from' }),
    created_at: IsoDateTime,
  },
  { examples: [AUDIT_LOG_EXAMPLE] },
)
export type AuditLogResponse = Static<typeof AuditLogResponse>
export const AuditLogPage = Page(AuditLogResponse)

const IndiaDay = (description: string, example: string) => Type.String({ format: 'date', description, examples: [example] })

export const ListAuditLogsQuery = Type.Object({
  ...PageQuery.properties,
  actor_id: Type.Optional(Type.String({ format: 'uuid', description: 'Only this admin’s actions' })),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9_]+(\\.[a-z0-9_]+)*$', description: 'Exactly this action', examples: ['listing.approve'] })),
  target_type: Type.Optional(Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z0-9_]+$', examples: ['listing'] })),
  target_id: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f\\u007f]+$', description: 'Usually a UUID; a config key for settings' })),
  from: Type.Optional(IndiaDay('First day (India time), YYYY-MM-DD', '2026-11-01')),
  to: Type.Optional(IndiaDay('Last day (India time), YYYY-MM-DD, inclusive', '2026-11-30')),
})
export type ListAuditLogsQuery = Static<typeof ListAuditLogsQuery>
