// The admin audit trail: one row per admin mutation, written by the same transaction as the change it describes.
import { and, desc, eq } from 'drizzle-orm'
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
