// Paying with credits on PostgreSQL: creation throughput when every customer has credits, and the wallet storm — 500
// parallel credit bookings from one wallet holding 10 credits (exactly 10 must succeed, the balance must end at 0).
import { eq, sql } from 'drizzle-orm'
import type { Db } from '../src/db/database.js'
import { queryRow } from '../src/db/query.js'
import { children, users, wallets } from '../src/db/schema/index.js'
import { createTokenService } from '../src/shared/auth.js'
import { systemClock } from '../src/shared/clock.js'
import { BOOKERS, driveBookings, otherCodes, md5uuid, prepareFixture, SPREAD_PARTNERS, storm, type Target, type Throughput } from './bookings.js'
import { note } from './progress.js'
import { BENCH_JWT_SECRET } from './protocol.js'

export interface CreditBookingBenchResult {
  throughput: Throughput
  one_partner: Throughput
  wallet_storm: { requests: number; credits: number; drain_ms: number; p99_ms: number; created: number; insufficient: number; other: number; other_codes: string; balance: number; ledger_sum: number }
}

/** Grants `credits` to the fixture's customers 1..n (md5(`<prefix>-booker-<i>`)) as a plan purchase would: purchase, entry, lot, line. */
async function grantInBulk(db: Db, prefix: string, n: number, credits: number): Promise<void> {
  await db.transaction(async (tx) => {
    const user = sql`md5(${prefix} || '-booker-' || i)::uuid`
    const id = (kind: string) => sql`md5(${prefix} || ${`-${kind}-`} || i)::uuid`
    const plan = sql`md5(${prefix} || '-plan')::uuid`
    await tx.execute(sql`insert into credit_plans (id, name, credits, price, validity_days, active) values (${plan}, 'Bench credits', ${credits}, 0, 365, false)`)
    const series = sql`from generate_series(1, ${n}::int) i`
    await tx.execute(sql`insert into credit_purchases (id, user_id, plan_id, plan_name, status, amount, credits, bonus_credits, validity_days, is_trial, payment_method, paid_at, expires_at, created_at, updated_at)
      select ${id('purchase')}, ${user}, ${plan}, 'Bench credits', 'paid', 0, ${credits}, 0, 365, false, 'mock', now(), now() + interval '365 days', now(), now() ${series}`)
    // the entry's trigger makes each wallet; the lot starts empty and its line fills it (the ledger's own rules)
    await tx.execute(sql`insert into credit_ledger (id, user_id, entry_type, delta, balance_after, reason, purchase_id, plan_id, expires_at, created_at)
      select ${id('grant')}, ${user}, 'grant', ${credits}, 0, 'Bench credits', ${id('purchase')}, ${plan}, now() + interval '365 days', now() ${series}`)
    await tx.execute(sql`insert into credit_lots (id, user_id, entry_id, credits, remaining, expires_at, rolls_over, created_at)
      select ${id('lot')}, ${user}, ${id('grant')}, ${credits}, 0, now() + interval '365 days', true, now() ${series}`)
    await tx.execute(sql`insert into credit_transactions (id, entry_id, lot_id, delta, created_at) select ${id('line')}, ${id('grant')}, ${id('lot')}, ${credits}, now() ${series}`)
  })
}

const targetBody = (t: Target) => ({ listing_id: t.listingId, plan_option_id: t.planId, session_id: t.sessionId })

export async function benchCreditBookings(db: Db, baseUrl: string, settings: { connections: number; durationSeconds: number }): Promise<CreditBookingBenchResult> {
  note('credit bookings: customers with 1,000 credits each')
  const f = await prepareFixture(db, 'bench-credits', SPREAD_PARTNERS)
  await grantInBulk(db, 'bench-credits', BOOKERS, 1_000)
  note(`credit bookings: POST /api/bookings with payment_method credits over ${SPREAD_PARTNERS} partners — ${settings.connections} connections for ${settings.durationSeconds} s`)
  const throughput = await driveBookings(f, baseUrl, settings, { payment_method: 'credits' })
  const one = await prepareFixture(db, 'bench-credits-one', 1)
  await grantInBulk(db, 'bench-credits-one', BOOKERS, 1_000)
  note(`credit bookings: POST /api/bookings with payment_method credits, all with one partner — ${settings.connections} connections for ${settings.durationSeconds} s`)
  const onePartner = await driveBookings(one, baseUrl, settings, { payment_method: 'credits' })

  note('credit bookings: wallet storm — 500 parallel bookings from one wallet holding 10 credits')
  const [parent] = await db.insert(users).values({ name: 'Storm parent', role: 'customer', id: md5uuid('bench-storm-booker-1') }).returning()
  const kids = await db.insert(children).values(Array.from({ length: 500 }, (_, i) => ({ user_id: parent!.id, name: `Kid ${i}`, date_of_birth: '2018-01-01' }))).returning({ id: children.id })
  await grantInBulk(db, 'bench-storm', 1, 10)
  const token = await createTokenService({ secret: BENCH_JWT_SECRET, expiryHours: 24, clock: systemClock }).issue({ id: parent!.id, role: 'customer' })
  const run = await storm(
    500,
    (i) => ({
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `wallet-storm-${i}` },
      body: JSON.stringify({ ...targetBody(f.targets[i % f.targets.length]!), child_ids: [kids[i]!.id], payment_method: 'credits' }),
    }),
    baseUrl,
  )
  const [wallet] = await db.select({ balance: wallets.balance }).from(wallets).where(eq(wallets.user_id, parent!.id))
  const sum = await queryRow<{ total: number }>(db, sql`select coalesce(sum(delta), 0)::int as total from credit_ledger where user_id = ${parent!.id}::uuid`)
  return {
    throughput,
    one_partner: onePartner,
    wallet_storm: {
      requests: 500,
      credits: 10,
      drain_ms: run.drain_ms,
      p99_ms: run.p99_ms,
      created: run.statuses.filter((s) => s.status === 201).length,
      insufficient: run.statuses.filter((s) => s.code === 'INSUFFICIENT_CREDITS').length,
      other: run.statuses.filter((s) => s.status !== 201 && s.code !== 'INSUFFICIENT_CREDITS').length,
      other_codes: otherCodes(run.statuses.filter((s) => s.status !== 201 && s.code !== 'INSUFFICIENT_CREDITS')),
      balance: wallet?.balance ?? 0,
      ledger_sum: sum?.total ?? 0,
    },
  }
}
