// The admin audit trail: one row per admin mutation, written by the same transaction as the change it describes.
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { auditLogs } from '../../db/schema/audit.js'

export interface AuditEntry {
  /** The admin (or system user) who acted; null for the system itself. */
  actor_id: string | null
  /** What happened, as `<area>.<verb>`: `partner.kyc_verify`, `listing.approve`. */
  action: string
  target_type: string
  target_id: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  /** The admin's request address (`auditActorOf(request).ip`); null or left out for the system's own actions. */
  ip?: string | null
  /** When it happened; the injected clock's time. Defaults to the database's now(). */
  created_at?: Date
}

export type AuditLog = typeof auditLogs.$inferSelect

// Whatever a caller passes, secrets never reach the audit trail (it is read by every admin and exported).
const SECRET_KEY = /password|secret|token|encrypted|otp|code_hash|bank_account_number/i

function redact(snapshot: Record<string, unknown> | null): Record<string, unknown> | null {
  if (snapshot === null) return null
  return Object.fromEntries(Object.entries(snapshot).filter(([key]) => !SECRET_KEY.test(key)))
}

/** Writes the audit row on the caller's transaction, so the change and its record commit or roll back together. */
export async function recordAudit(tx: Executor, entry: AuditEntry): Promise<AuditLog> {
  const [row] = await tx
    .insert(auditLogs)
    .values({
      actor_id: entry.actor_id,
      action: entry.action,
      target_type: entry.target_type,
      target_id: entry.target_id,
      before: redact(entry.before),
      after: redact(entry.after),
      ip: entry.ip ?? null,
      ...(entry.created_at ? { created_at: entry.created_at } : {}),
    })
    .returning()
  return row!
}

/** The audit rows of one target, newest first. */
export async function findAuditLogsForTarget(executor: Executor, targetType: string, targetId: string): Promise<AuditLog[]> {
  return executor
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.target_type, targetType), eq(auditLogs.target_id, targetId)))
    .orderBy(desc(auditLogs.created_at), desc(auditLogs.id))
}

export interface AuditLogFilter {
  actor_id?: string | undefined
  action?: string | undefined
  target_type?: string | undefined
  target_id?: string | undefined
  /** created_at >= from */
  from?: Date | undefined
  /** created_at < before */
  before?: Date | undefined
}

/** A page of audit rows matching every given filter, newest first, and how many match in all. */
export async function listAuditLogs(
  executor: Executor,
  filter: AuditLogFilter,
  limit: number,
  offset: number,
): Promise<{ items: AuditLog[]; total: number }> {
  const conditions: SQL[] = []
  if (filter.actor_id !== undefined) conditions.push(eq(auditLogs.actor_id, filter.actor_id))
  if (filter.action !== undefined) conditions.push(eq(auditLogs.action, filter.action))
  if (filter.target_type !== undefined) conditions.push(eq(auditLogs.target_type, filter.target_type))
  if (filter.target_id !== undefined) conditions.push(eq(auditLogs.target_id, filter.target_id))
  if (filter.from !== undefined) conditions.push(gte(auditLogs.created_at, filter.from))
  if (filter.before !== undefined) conditions.push(lt(auditLogs.created_at, filter.before))
  const where = and(...conditions)
  const [counted] = await executor.select({ total: sql<number>`count(*)::int` }).from(auditLogs).where(where)
  const items = await executor
    .select()
    .from(auditLogs)
    .where(where)
    .orderBy(desc(auditLogs.created_at), desc(auditLogs.id))
    .limit(limit)
    .offset(offset)
  return { items, total: Number(counted?.total ?? 0) }
}
