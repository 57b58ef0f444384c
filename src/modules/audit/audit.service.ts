// The admins' read of the audit trail: filtered, newest first, each row with who acted (name and email).
import type { Db, Executor } from '../../db/database.js'
import { DAY_MS } from '../../shared/clock.js'
import { pageOffset, type PageOf } from '../../shared/schemas.js'
import { AuditDateRangeError } from './audit.errors.js'
import { listAuditLogs, type AuditLog } from './audit.repository.js'
import type { AuditLogResponse, ListAuditLogsQuery } from './audit.schemas.js'

/** Midnight of an India calendar day (Asia/Kolkata is UTC+05:30 all year). */
const startOfIndiaDay = (day: string): Date => new Date(`${day}T00:00:00+05:30`)

export interface AuditDeps {
  db: Db
  /** Names and emails of users by id (the auth module's findUserContacts, handed in by app.ts: auth records audits too). */
  findUserContacts: (executor: Executor, ids: readonly string[]) => Promise<Array<{ id: string; name: string | null; email: string | null }>>
}

export function createAuditService(deps: AuditDeps) {
  const { db, findUserContacts } = deps

  return {
    async listAuditLogs(query: ListAuditLogsQuery): Promise<PageOf<AuditLogResponse>> {
      if (query.from !== undefined && query.to !== undefined && query.to < query.from) throw new AuditDateRangeError()
      const { limit, offset } = pageOffset(query)
      const { items, total } = await listAuditLogs(
        db,
        {
          actor_id: query.actor_id,
          action: query.action,
          target_type: query.target_type,
          target_id: query.target_id,
          from: query.from === undefined ? undefined : startOfIndiaDay(query.from),
          before: query.to === undefined ? undefined : new Date(startOfIndiaDay(query.to).getTime() + DAY_MS),
        },
        limit,
        offset,
      )
      const actorIds = [...new Set(items.map((row) => row.actor_id).filter((id): id is string => id !== null))]
      const contacts = new Map((await findUserContacts(db, actorIds)).map((c) => [c.id, c]))
      return { items: items.map((row) => toAuditLogResponse(row, contacts)), total, page: query.page, page_size: query.page_size }
    },
  }
}

export type AuditService = ReturnType<typeof createAuditService>

function toAuditLogResponse(row: AuditLog, contacts: Map<string, { name: string | null; email: string | null }>): AuditLogResponse {
  const contact = row.actor_id === null ? undefined : contacts.get(row.actor_id)
  return {
    id: row.id,
    actor: row.actor_id === null ? null : { id: row.actor_id, name: contact?.name ?? null, email: contact?.email ?? null },
    action: row.action,
    target: { type: row.target_type, id: row.target_id },
    before: row.before as Record<string, unknown> | null,
    after: row.after as Record<string, unknown> | null,
    ip: row.ip,
    created_at: row.created_at.toISOString(),
  }
}
