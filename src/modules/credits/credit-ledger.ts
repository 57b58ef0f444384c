// The credits ledger's writes, each inside the caller's transaction and under the wallet's row lock. Credits live in lots
// (one per entry that adds credits, with its expiry); spending takes the lots that expire first. The database keeps the
// sums (migration 0012): an entry moves the wallet, its lines move the lots, and neither can go below zero.
import { and, asc, eq, gt, lte, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryPreparedRow, queryRows } from '../../db/query.js'
import { creditLedger, creditLots, creditTransactions, wallets, type CreditEntryType } from '../../db/schema/credits.js'
import { DAY_MS } from '../../shared/clock.js'
import type { IdGenerator } from '../../shared/ids.js'
import { InsufficientCreditsError } from './credits.errors.js'

export type CreditEntryRow = typeof creditLedger.$inferSelect
export type CreditLotRow = typeof creditLots.$inferSelect

export interface LedgerContext {
  tx: Executor
  ids: IdGenerator
  now: Date
}

interface NewEntry {
  user_id: string
  entry_type: CreditEntryType
  delta: number
  reason: string
  booking_id?: string | null
  purchase_id?: string | null
  plan_id?: string | null
  expires_at?: Date | null
  actor_id?: string | null
}

interface LotMove {
  lot_id: string
  delta: number
}

/** Takes the wallet's row lock (creating an empty wallet first): every write to one wallet happens one after another. */
export async function lockWallet(tx: Executor, userId: string, now: Date): Promise<number> {
  await tx.insert(wallets).values({ user_id: userId, balance: 0, updated_at: now }).onConflictDoNothing()
  const [row] = await tx.select({ balance: wallets.balance }).from(wallets).where(eq(wallets.user_id, userId)).for('update')
  return row!.balance
}

/** The entry and its lines; the entry's insert trigger sets balance_after (and refuses a negative balance). */
async function writeEntry(ctx: LedgerContext, entry: NewEntry, moves: readonly LotMove[]): Promise<CreditEntryRow> {
  const [row] = await ctx.tx
    .insert(creditLedger)
    .values({ id: ctx.ids.next(), balance_after: 0, created_at: ctx.now, ...entry })
    .returning()
  for (const move of moves) {
    if (move.delta === 0) continue
    await ctx.tx.insert(creditTransactions).values({ id: ctx.ids.next(), entry_id: row!.id, lot_id: move.lot_id, delta: move.delta, created_at: ctx.now })
  }
  return row!
}

async function newLot(ctx: LedgerContext, userId: string, entryId: string, credits: number, expiresAt: Date, rollsOver: boolean): Promise<string> {
  const id = ctx.ids.next()
  // a lot starts empty: the entry's line fills it (projections change only through lines)
  await ctx.tx.insert(creditLots).values({ id, user_id: userId, entry_id: entryId, credits, remaining: 0, expires_at: expiresAt, rolls_over: rollsOver, created_at: ctx.now })
  return id
}

/** An entry that adds `credits` in one new lot expiring at `expiresAt`. */
async function addInNewLot(ctx: LedgerContext, entry: NewEntry & { expires_at: Date }, rollsOver: boolean): Promise<CreditEntryRow> {
  const row = await writeEntry(ctx, entry, [])
  const lotId = await newLot(ctx, entry.user_id, row.id, entry.delta, entry.expires_at, rollsOver)
  await ctx.tx.insert(creditTransactions).values({ id: ctx.ids.next(), entry_id: row.id, lot_id: lotId, delta: entry.delta, created_at: ctx.now })
  return row
}

/** Lots with credits left that have not expired, the soonest to expire first. */
export async function spendableLots(tx: Executor, userId: string, now: Date): Promise<CreditLotRow[]> {
  return tx
    .select()
    .from(creditLots)
    .where(and(eq(creditLots.user_id, userId), gt(creditLots.remaining, 0), gt(creditLots.expires_at, now)))
    .orderBy(asc(creditLots.expires_at), asc(creditLots.created_at), asc(creditLots.id))
}

/** Credits usable now: what is left in lots that have not expired (the balance, once due expiries are written). */
export async function usableCredits(executor: Executor, userId: string, now: Date): Promise<number> {
  const [row] = await executor
    .select({ n: sql<number>`coalesce(sum(${creditLots.remaining}), 0)::int` })
    .from(creditLots)
    .where(and(eq(creditLots.user_id, userId), gt(creditLots.remaining, 0), gt(creditLots.expires_at, now)))
  return Number(row?.n ?? 0)
}

/** usableCredits as a scalar subquery, for a caller that reads it inside a statement of its own. */
export function usableCreditsSql(userId: string, now: Date): SQL {
  return sql`(select coalesce(sum(remaining), 0)::int from credit_lots where user_id = ${userId}::uuid and remaining > 0 and expires_at > ${now.toISOString()}::timestamptz)`
}

const sumRemaining = (lots: readonly CreditLotRow[]) => lots.reduce((sum, lot) => sum + lot.remaining, 0)

/** Takes `credits` from the lots that expire first; the moves, or undefined when the unexpired credits are too few. */
function takeFromLots(lots: readonly CreditLotRow[], credits: number): LotMove[] | undefined {
  const moves: LotMove[] = []
  let left = credits
  for (const lot of lots) {
    if (left === 0) break
    const take = Math.min(lot.remaining, left)
    moves.push({ lot_id: lot.id, delta: -take })
    left -= take
  }
  return left === 0 ? moves : undefined
}

/** Writes an `expire` entry for each of the wallet's lots past its date with credits left. Idempotent; wallet locked. */
export async function expireDueLots(ctx: LedgerContext, userId: string): Promise<CreditEntryRow[]> {
  const due = await ctx.tx
    .select()
    .from(creditLots)
    .where(and(eq(creditLots.user_id, userId), gt(creditLots.remaining, 0), lte(creditLots.expires_at, ctx.now)))
    .orderBy(asc(creditLots.expires_at), asc(creditLots.id))
  const written: CreditEntryRow[] = []
  for (const lot of due) {
    written.push(
      await writeEntry(
        ctx,
        { user_id: userId, entry_type: 'expire', delta: -lot.remaining, reason: `${lot.remaining} credits expired`, expires_at: lot.expires_at },
        [{ lot_id: lot.id, delta: -lot.remaining }],
      ),
    )
  }
  return written
}

/** Locks the wallet and writes what has expired by now: the start of every change to a wallet. Returns the balance. */
export async function openWallet(ctx: LedgerContext, userId: string): Promise<number> {
  await lockWallet(ctx.tx, userId, ctx.now)
  await expireDueLots(ctx, userId)
  const [row] = await ctx.tx.select({ balance: wallets.balance }).from(wallets).where(eq(wallets.user_id, userId))
  return row!.balance
}

export interface GrantInput {
  user_id: string
  purchase_id: string
  plan_id: string
  credits: number
  expires_at: Date
  /** Credits of a paid plan roll over into the next one; trial credits never do. */
  rolls_over: boolean
  reason: string
}

/** A plan purchase's credits, in one `grant` entry (unique per purchase). The wallet must be open. */
export async function grantCredits(ctx: LedgerContext, input: GrantInput): Promise<CreditEntryRow> {
  return addInNewLot(
    ctx,
    { user_id: input.user_id, entry_type: 'grant', delta: input.credits, reason: input.reason, purchase_id: input.purchase_id, plan_id: input.plan_id, expires_at: input.expires_at },
    input.rolls_over,
  )
}

export interface RolloverInput {
  user_id: string
  purchase_id: string
  plan_id: string
  /** The most credits that may roll over (the new plan's size × CREDIT_ROLLOVER_PERCENT). */
  cap: number
  expires_at: Date
  reason: string
}

/**
 * Moves unused credits of earlier paid plans (those expiring first first) into a lot expiring with the new plan, up to the
 * cap; the rest keep their own date. One `rollover` entry of delta 0, or undefined when nothing rolls over.
 */
export async function rollOverCredits(ctx: LedgerContext, input: RolloverInput): Promise<CreditEntryRow | undefined> {
  if (input.cap <= 0) return undefined
  const eligible = (await spendableLots(ctx.tx, input.user_id, ctx.now)).filter((l) => l.rolls_over && l.expires_at < input.expires_at)
  const total = Math.min(input.cap, sumRemaining(eligible))
  if (total === 0) return undefined
  const taken = takeFromLots(eligible, total)!
  const row = await writeEntry(
    ctx,
    { user_id: input.user_id, entry_type: 'rollover', delta: 0, reason: input.reason.replace('{credits}', String(total)), purchase_id: input.purchase_id, plan_id: input.plan_id, expires_at: input.expires_at },
    taken,
  )
  const lotId = await newLot(ctx, input.user_id, row.id, total, input.expires_at, true)
  await ctx.tx.insert(creditTransactions).values({ id: ctx.ids.next(), entry_id: row.id, lot_id: lotId, delta: total, created_at: ctx.now })
  return row
}

/** Spends `credits` for a booking from the lots that expire first. The wallet must be open. 409 INSUFFICIENT_CREDITS. */
export async function spendCredits(ctx: LedgerContext, input: { user_id: string; booking_id: string; credits: number; reason: string }): Promise<CreditEntryRow> {
  const lots = await spendableLots(ctx.tx, input.user_id, ctx.now)
  const moves = takeFromLots(lots, input.credits)
  if (!moves) throw new InsufficientCreditsError(input.credits, sumRemaining(lots))
  return writeEntry(ctx, { user_id: input.user_id, entry_type: 'spend', delta: -input.credits, reason: input.reason, booking_id: input.booking_id }, moves)
}

/**
 * spendCredits for a booking in two round trips: the wallet's row lock, then one statement that picks the lots as
 * spendCredits does (the soonest to expire first) and writes the entry and its lines. The ledger's triggers keep every sum as before. A wallet not made yet, or with a lot past its
 * date, is opened the full way first (openWallet writes the expiries). 409 INSUFFICIENT_CREDITS.
 */
export async function spendCreditsForBooking(
  ctx: LedgerContext,
  input: { user_id: string; booking_id: string; credits: number; reason: string },
): Promise<void> {
  const now = ctx.now.toISOString()
  // a lot can only become due with time, so a due lot missed by this statement's snapshot was not there before the wait
  const wallet = await queryPreparedRow<{ due: boolean }>(
    ctx.tx,
    sql`select exists (select 1 from credit_lots where user_id = ${input.user_id}::uuid and remaining > 0 and expires_at <= ${now}::timestamptz) as due
        from wallets where user_id = ${input.user_id}::uuid for update`,
  )
  if (!wallet || wallet.due) await openWallet(ctx, input.user_id)
  const entryId = ctx.ids.next()
  // read after the lock: these lots are the committed truth
  const row = await queryPreparedRow<{ ok: boolean; usable: number }>(
    ctx.tx,
    sql`with lots as (
          select id, remaining, sum(remaining) over (order by expires_at, created_at, id) as upto
          from credit_lots where user_id = ${input.user_id}::uuid and remaining > 0 and expires_at > ${now}::timestamptz
        ), moves as (
          select id, least(remaining, ${input.credits}::int - (upto - remaining))::int as take from lots where upto - remaining < ${input.credits}::int
        ), enough as (
          select coalesce((select sum(take) from moves), 0) = ${input.credits}::int as ok, coalesce((select sum(remaining) from lots), 0)::int as usable
        ), entry as (
          insert into credit_ledger (id, user_id, entry_type, delta, balance_after, reason, booking_id, created_at)
          select ${entryId}::uuid, ${input.user_id}::uuid, 'spend', ${-input.credits}::int, 0, ${input.reason}, ${input.booking_id}::uuid, ${now}::timestamptz
          from enough where ok
          returning id
        ), lines as (
          insert into credit_transactions (id, entry_id, lot_id, delta, created_at)
          select gen_random_uuid(), entry.id, moves.id, -moves.take, ${now}::timestamptz from entry, moves
          returning 1
        )
        select ok, usable, (select count(*) from lines)::int as lines from enough`,
  )
  if (!row?.ok) throw new InsufficientCreditsError(input.credits, Number(row?.usable ?? 0))
}

/**
 * Gives a booking's credits back: into the lots they came from, the latest-expiring first, keeping their expiry; credits
 * whose lot has expired by now go into one new lot expiring `graceDays` from now. The wallet must be open.
 */
export async function refundCredits(
  ctx: LedgerContext,
  input: { user_id: string; booking_id: string; credits: number; reason: string; grace_days: number },
): Promise<CreditEntryRow | undefined> {
  if (input.credits <= 0) return undefined
  // per lot: what this booking still has out of it (its spends less what came back already)
  const out = await queryRows<{ lot_id: string; expires_at: Date | string; rolls_over: boolean; taken: number | string }>(
    ctx.tx,
    sql`select l.id as lot_id, l.expires_at, l.rolls_over, -sum(t.delta) as taken
        from credit_transactions t join credit_ledger e on e.id = t.entry_id join credit_lots l on l.id = t.lot_id
        where e.booking_id = ${input.booking_id}::uuid and e.entry_type in ('spend', 'refund')
        group by l.id, l.expires_at, l.rolls_over
        having -sum(t.delta) > 0
        order by l.expires_at desc, l.id desc`,
  )
  const moves: LotMove[] = []
  let left = input.credits
  let expired = 0
  let earliest: Date | undefined
  for (const lot of out) {
    if (left === 0) break
    const give = Math.min(left, Number(lot.taken))
    left -= give
    const expiresAt = new Date(lot.expires_at)
    if (expiresAt <= ctx.now) {
      expired += give
      continue
    }
    moves.push({ lot_id: lot.lot_id, delta: give })
    if (!earliest || expiresAt < earliest) earliest = expiresAt
  }
  if (left > 0) throw new RangeError(`booking ${input.booking_id} has ${input.credits - left} credits to give back, not ${input.credits}`)
  const graceUntil = new Date(ctx.now.getTime() + input.grace_days * DAY_MS)
  // the entry shows the soonest expiry among the credits it returned
  const entryExpiry = earliest && (expired === 0 || earliest < graceUntil) ? earliest : graceUntil
  const row = await writeEntry(
    ctx,
    { user_id: input.user_id, entry_type: 'refund', delta: input.credits, reason: input.reason, booking_id: input.booking_id, expires_at: entryExpiry },
    moves,
  )
  if (expired > 0) {
    const lotId = await newLot(ctx, input.user_id, row.id, expired, graceUntil, false)
    await ctx.tx.insert(creditTransactions).values({ id: ctx.ids.next(), entry_id: row.id, lot_id: lotId, delta: expired, created_at: ctx.now })
  }
  return row
}

/**
 * An admin's correction: adds credits in a new lot expiring after `validity_days`, or takes them like a spend (the
 * soonest-expiring first). Never below zero: 409 INSUFFICIENT_CREDITS. The wallet must be open.
 */
export async function adjustCredits(
  ctx: LedgerContext,
  input: { user_id: string; delta: number; reason: string; actor_id: string; validity_days: number },
): Promise<CreditEntryRow> {
  const base = { user_id: input.user_id, entry_type: 'adjust' as const, delta: input.delta, reason: input.reason, actor_id: input.actor_id }
  if (input.delta > 0) return addInNewLot(ctx, { ...base, expires_at: new Date(ctx.now.getTime() + input.validity_days * DAY_MS) }, false)
  const lots = await spendableLots(ctx.tx, input.user_id, ctx.now)
  const moves = takeFromLots(lots, -input.delta)
  if (!moves) throw new InsufficientCreditsError(-input.delta, sumRemaining(lots))
  return writeEntry(ctx, base, moves)
}

/** Users with credits past their expiry still in a lot: the expiry job's work list. */
export async function usersWithDueLots(executor: Executor, now: Date, limit: number): Promise<string[]> {
  const rows = await executor
    .selectDistinct({ user_id: creditLots.user_id })
    .from(creditLots)
    .where(and(gt(creditLots.remaining, 0), lte(creditLots.expires_at, now)))
    .limit(limit)
  return rows.map((r) => r.user_id)
}
