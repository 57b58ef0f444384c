// Idempotency-Key handling (Stripe-style), scoped per user, for every money move (bookings, plan purchases): the key row
// is written in the same transaction as the change, so a concurrent duplicate waits on it and then replays the first answer; a failed request leaves no key.
import { createHash } from 'node:crypto'
import { and, eq, lt, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../db/database.js'
import { idempotencyKeys } from '../db/schema/platform.js'
import { ConflictError } from './errors.js'

class IdempotencyKeyReusedError extends ConflictError {
  constructor() {
    super('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request; use a new key for a new request')
  }
}

class IdempotencyKeyInUseError extends ConflictError {
  constructor() {
    super('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still being processed; retry shortly')
  }
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]))
  return value
}

/** The fingerprint of a request: the route and its validated body, whatever the order of its keys. */
export function requestHash(route: string, body: unknown): string {
  return createHash('sha256').update(route).update('\n').update(JSON.stringify(canonical(body))).digest('hex')
}

export type KeyClaim = { kind: 'new' } | { kind: 'replay'; code: number; body: unknown }

export async function claimIdempotencyKey(tx: Executor, userId: string, key: string, hash: string, now: Date): Promise<KeyClaim> {
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ user_id: userId, key, request_hash: hash, status: 'in_progress', created_at: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key })
  if (inserted.length > 0) return { kind: 'new' }
  const [row] = await tx.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.user_id, userId), eq(idempotencyKeys.key, key)))
  if (!row) throw new IdempotencyKeyInUseError()
  if (row.request_hash !== hash) throw new IdempotencyKeyReusedError()
  if (row.status !== 'completed' || row.response_code === null) throw new IdempotencyKeyInUseError()
  return { kind: 'replay', code: row.response_code, body: row.response_body }
}

/**
 * The claim as a data-modifying CTE body, for a use case that folds it into its first statement (one round trip fewer):
 * it returns one row when the key is new. When it returns none, `claimIdempotencyKey` says whether to replay or refuse.
 */
export function claimIdempotencyKeySql(userId: string, key: string, hash: string, now: Date): SQL {
  return sql`insert into idempotency_keys (user_id, key, request_hash, status, created_at)
    values (${userId}::uuid, ${key}, ${hash}, 'in_progress', ${now.toISOString()}::timestamptz)
    on conflict do nothing returning 1`
}

/** The completion as a statement a use case may run inside its last one (as a CTE), instead of a round trip of its own. */
export function completeIdempotencyKeySql(userId: string, key: string, code: number, body: unknown): SQL {
  return sql`update idempotency_keys set status = 'completed', response_code = ${code}::int, response_body = ${JSON.stringify(body)}::jsonb
    where user_id = ${userId}::uuid and key = ${key} returning 1`
}

export async function completeIdempotencyKey(tx: Executor, userId: string, key: string, code: number, body: unknown): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ status: 'completed', response_code: code, response_body: body })
    .where(and(eq(idempotencyKeys.user_id, userId), eq(idempotencyKeys.key, key)))
}

/** Forgets a key whose request did not happen after all (the payment could not start): a retry with it starts afresh. */
export async function forgetIdempotencyKey(tx: Executor, userId: string, key: string): Promise<void> {
  await tx.delete(idempotencyKeys).where(and(eq(idempotencyKeys.user_id, userId), eq(idempotencyKeys.key, key)))
}

/** Idempotency keys are kept 24 hours (as Stripe does); an older key counts as new. Returns how many were removed. */
export async function pruneIdempotencyKeys(executor: Executor, before: Date): Promise<number> {
  const rows = await executor.delete(idempotencyKeys).where(lt(idempotencyKeys.created_at, before)).returning({ key: idempotencyKeys.key })
  return rows.length
}
