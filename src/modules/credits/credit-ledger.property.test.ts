// The ledger as a property: every sequence of grants, spends, refunds, expiries and adjustments under a moving clock keeps
// balance = sum of entries ≥ 0 (also at every step of balance_after), the lots adding up to the balance, and never
// spends a credit past its expiry. A small model of lots predicts every answer. The database refuses edits of entries.
import fc from 'fast-check'
import { asc, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../../test/test-database.js'
import { createListing, createUser } from '../../../test/factories.js'
import { bookings, creditLedger, creditLots, creditPlans, creditPurchases, creditTransactions, wallets } from '../../db/schema/index.js'
import { queryRows } from '../../db/query.js'
import { DAY_MS, HOUR_MS } from '../../shared/clock.js'
import { uuidGenerator } from '../../shared/ids.js'
import { adjustCredits, grantCredits, openWallet, refundCredits, rollOverCredits, spendCredits, type LedgerContext } from './credit-ledger.js'

const database = await createTestDatabase()
const db = database.db
const GRACE_DAYS = 7
const ids = uuidGenerator

const Op = fc.oneof(
  fc.record({ kind: fc.constant('grant' as const), credits: fc.integer({ min: 1, max: 30 }), days: fc.integer({ min: 1, max: 40 }), trial: fc.boolean(), rollover: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ kind: fc.constant('spend' as const), booking: fc.integer({ min: 0, max: 3 }), credits: fc.integer({ min: 1, max: 25 }) }),
  fc.record({ kind: fc.constant('refund' as const), booking: fc.integer({ min: 0, max: 3 }), percent: fc.constantFrom(100, 50, 30) }),
  fc.record({ kind: fc.constant('adjust' as const), delta: fc.integer({ min: -20, max: 20 }).filter((d) => d !== 0) }),
  fc.record({ kind: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 24 * 20 }) }),
  fc.constant({ kind: 'expire' as const }),
)

interface ModelLot {
  id: string
  remaining: number
  expires: number
  rollsOver: boolean
}

async function fixtures() {
  const user = await createUser(db)
  const admin = await createUser(db, { role: 'admin' })
  const listing = await createListing(db)
  const [plan] = await db.insert(creditPlans).values({ name: 'P', credits: 10, price: 1000, validity_days: 30 }).returning()
  const bookingIds: string[] = []
  for (let i = 0; i < 4; i++) {
    const [b] = await db.insert(bookings).values({ user_id: user.id, listing_id: listing.id, status: 'confirmed', payment_method: 'credits' }).returning()
    bookingIds.push(b!.id)
  }
  return { user, admin, plan: plan!, bookingIds }
}

async function checkInvariants(userId: string, expectedBalance: number) {
  const [wallet] = await db.select().from(wallets).where(eq(wallets.user_id, userId))
  const entries = await db.select().from(creditLedger).where(eq(creditLedger.user_id, userId)).orderBy(asc(creditLedger.seq))
  const sum = entries.reduce((s, e) => s + e.delta, 0)
  expect(wallet?.balance ?? 0).toBe(sum)
  expect(sum).toBe(expectedBalance)
  expect(sum).toBeGreaterThanOrEqual(0)
  let running = 0
  for (const e of entries) {
    running += e.delta
    expect(e.balance_after).toBe(running)
  }
  const [lots] = await queryRows<{ total: number | string | null }>(db, sql`select sum(remaining) as total from credit_lots where user_id = ${userId}::uuid`)
  expect(Number(lots?.total ?? 0)).toBe(sum)
  // no credit was taken from a lot at or after its expiry, except by the entry that expired it
  const late = await queryRows<{ id: string }>(
    db,
    sql`select t.id from credit_transactions t join credit_ledger e on e.id = t.entry_id join credit_lots l on l.id = t.lot_id
        where e.user_id = ${userId}::uuid and t.delta < 0 and e.entry_type <> 'expire' and l.expires_at <= e.created_at`,
  )
  expect(late).toEqual([])
}

describe('credits ledger', () => {
  it('keeps balance = sum of entries ≥ 0 and spends only unexpired credits, whatever happens', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(Op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const { user, admin, plan, bookingIds } = await fixtures()
        let now = new Date('2026-04-01T06:00:00.000Z').getTime()
        let lots: ModelLot[] = []
        const spentBy = new Map<string, number>() // booking → credits still out
        const run = <T>(fn: (ctx: LedgerContext) => Promise<T>) =>
          db.transaction(async (tx) => {
            const ctx = { tx, ids, now: new Date(now) }
            await openWallet(ctx, user.id)
            return fn(ctx)
          })
        let expected = 0 // the balance as the operations say it should be, kept apart from the database's sums
        const expireModel = () => {
          for (const l of lots) if (l.expires <= now) expected -= l.remaining
          lots = lots.map((l) => (l.expires <= now ? { ...l, remaining: 0 } : l))
        }
        const usable = () => lots.filter((l) => l.expires > now).reduce((s, l) => s + l.remaining, 0)

        for (const op of ops) {
          expireModel()
          if (op.kind === 'advance') {
            now += op.hours * HOUR_MS
            continue
          }
          if (op.kind === 'expire') {
            await run(async () => undefined)
          } else if (op.kind === 'grant') {
            // the purchase row is only the grant's reference (a parent buys one trial plan; here `trial` is the lot's kind)
            const [purchase] = await db
              .insert(creditPurchases)
              .values({ id: ids.next(), user_id: user.id, plan_id: plan.id, plan_name: 'P', status: 'paid', amount: 1000, credits: op.credits, bonus_credits: 0, validity_days: op.days, is_trial: false, payment_method: 'mock', paid_at: new Date(now), expires_at: new Date(now + op.days * DAY_MS), created_at: new Date(now), updated_at: new Date(now) })
              .returning()
            const expires = now + op.days * DAY_MS
            await run(async (ctx) => {
              await grantCredits(ctx, { user_id: user.id, purchase_id: purchase!.id, plan_id: plan.id, credits: op.credits, expires_at: new Date(expires), rolls_over: !op.trial, reason: 'plan' })
              if (!op.trial) await rollOverCredits(ctx, { user_id: user.id, purchase_id: purchase!.id, plan_id: plan.id, cap: op.rollover, expires_at: new Date(expires), reason: 'rollover {credits}' })
            })
            let cap = op.trial ? 0 : op.rollover
            const moved: number[] = []
            for (const l of [...lots].sort((a, b) => a.expires - b.expires)) {
              if (cap === 0 || !l.rollsOver || l.remaining === 0 || l.expires >= expires) continue
              const take = Math.min(cap, l.remaining)
              l.remaining -= take
              cap -= take
              moved.push(take)
            }
            lots.push({ id: 'grant', remaining: op.credits, expires, rollsOver: !op.trial })
            const total = moved.reduce((s, n) => s + n, 0)
            if (total > 0) lots.push({ id: 'rollover', remaining: total, expires, rollsOver: true })
            expected += op.credits
          } else if (op.kind === 'spend') {
            const bookingId = bookingIds[op.booking]!
            const enough = usable() >= op.credits
            const outcome = await run((ctx) => spendCredits(ctx, { user_id: user.id, booking_id: bookingId, credits: op.credits, reason: 'booking' })).then(
              () => 'ok',
              (err: { code?: string }) => err.code,
            )
            expect(outcome).toBe(enough ? 'ok' : 'INSUFFICIENT_CREDITS')
            if (enough) {
              // the model re-reads the lots from the database after a spend: which lot gave what is the code's choice, checked above
              spentBy.set(bookingId, (spentBy.get(bookingId) ?? 0) + op.credits)
              expected -= op.credits
            }
          } else if (op.kind === 'refund') {
            const bookingId = bookingIds[op.booking]!
            const out = spentBy.get(bookingId) ?? 0
            const credits = Math.floor((out * op.percent) / 100)
            await run((ctx) => refundCredits(ctx, { user_id: user.id, booking_id: bookingId, credits, reason: 'cancelled', grace_days: GRACE_DAYS }))
            spentBy.set(bookingId, out - credits)
            expected += credits
          } else {
            const enough = op.delta > 0 || usable() >= -op.delta
            const outcome = await run((ctx) => adjustCredits(ctx, { user_id: user.id, delta: op.delta, reason: 'correction', actor_id: admin.id, validity_days: 30 })).then(
              () => 'ok',
              (err: { code?: string }) => err.code,
            )
            expect(outcome).toBe(enough ? 'ok' : 'INSUFFICIENT_CREDITS')
            if (enough) expected += op.delta
          }
          // a refused change rolls back the expiries written before it: read the wallet as GET /api/wallet does (it settles them)
          await run(async () => undefined)
          // lots as the database holds them now
          const rows = await db.select().from(creditLots).where(eq(creditLots.user_id, user.id))
          lots = rows.map((r) => ({ id: r.id, remaining: r.remaining, expires: r.expires_at.getTime(), rollsOver: r.rolls_over }))
          await checkInvariants(user.id, expected)
        }
      }),
      { numRuns: 25 },
    )
  })

  it('refuses to update or delete an entry, its lines, or to set a balance by hand', async () => {
    const { user, plan } = await fixtures()
    const [purchase] = await db
      .insert(creditPurchases)
      .values({ id: ids.next(), user_id: user.id, plan_id: plan.id, plan_name: 'P', status: 'paid', amount: 1000, credits: 5, bonus_credits: 0, validity_days: 30, is_trial: false, payment_method: 'mock', paid_at: new Date(), expires_at: new Date(Date.now() + DAY_MS), created_at: new Date(), updated_at: new Date() })
      .returning()
    await db.transaction(async (tx) => {
      const ctx = { tx, ids, now: new Date() }
      await openWallet(ctx, user.id)
      await grantCredits(ctx, { user_id: user.id, purchase_id: purchase!.id, plan_id: plan.id, credits: 5, expires_at: new Date(Date.now() + DAY_MS), rolls_over: true, reason: 'plan' })
    })
    await expect(db.update(creditLedger).set({ delta: 500 }).where(eq(creditLedger.user_id, user.id))).rejects.toThrow()
    await expect(db.delete(creditLedger).where(eq(creditLedger.user_id, user.id))).rejects.toThrow()
    await expect(db.delete(creditTransactions)).rejects.toThrow()
    await expect(db.execute(sql`truncate credit_ledger cascade`)).rejects.toThrow()
    await expect(db.update(wallets).set({ balance: 1000 }).where(eq(wallets.user_id, user.id))).rejects.toThrow()
    await expect(db.update(creditLots).set({ remaining: 0 }).where(eq(creditLots.user_id, user.id))).rejects.toThrow()
    const other = await createUser(db)
    await expect(db.insert(wallets).values({ user_id: other.id, balance: 50 })).rejects.toThrow()
    // an entry whose lines do not add up is refused at commit
    await expect(
      db.transaction(async (tx) => {
        await openWallet({ tx, ids, now: new Date() }, user.id)
        await tx.insert(creditLedger).values({ id: ids.next(), user_id: user.id, entry_type: 'adjust', delta: 3, balance_after: 0, reason: 'by hand', actor_id: user.id, created_at: new Date() })
      }),
    ).rejects.toThrow()
    const [wallet] = await db.select().from(wallets).where(eq(wallets.user_id, user.id))
    expect(wallet!.balance).toBe(5)
  })
})
