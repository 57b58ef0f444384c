// The project's own booking statements replayed by pgbench (`-f`): the floor of POST /api/bookings with no Node, HTTP or
// driver in the way. The statements are recorded from the bench server while it serves one real mock-money booking,
// then each parameter becomes a literal, except what must change per transaction (the customer and child, the session
// and its partner's invoice series, the key and the ids the app generates), which become pgbench variables.
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Db } from '../src/db/database.js'
import { queryRow } from '../src/db/query.js'
import { bookingRequest, BOOKERS, md5uuid, type Fixture } from './bookings.js'
import { seriesOfPartner } from '../src/modules/invoices/index.js'
import type { RecordedStatement } from './protocol.js'
import type { ServerProcess } from './server-process.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const TARGETS_TABLE = 'bench_replay_targets'
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`

// pgbench -M prepared turns every `:name` of a statement into a parameter, inside string literals too; JSON is written
// with a space after each key and with its strings' colons as \u003a, which PostgreSQL reads as the same value
function jsonWithoutVariables(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value).replace(/:/g, '\\u003a')
  if (Array.isArray(value)) return `[${value.map(jsonWithoutVariables).join(',')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value).map(([k, v]) => `${jsonWithoutVariables(k)}: ${jsonWithoutVariables(v)}`).join(',')}}`
  return JSON.stringify(value)
}

/** A recorded value as a literal pgbench will not read a variable in (its text is checked: the replay must not change it). */
function safeQuote(s: string): string {
  if (!/:[A-Za-z_]/.test(s)) return quote(s)
  let parsed: unknown
  try {
    parsed = JSON.parse(s)
  } catch {
    throw new Error(`a recorded literal has a ":name" pgbench would read as a variable: ${s.slice(0, 80)}`)
  }
  return quote(jsonWithoutVariables(parsed))
}

interface Recorded {
  statements: RecordedStatement[]
  booker: number
  target: Fixture['targets'][number]
  key: string
  partnerId: string
  series: string
}

/** Books once through the server (booker `booker`, the fixture's first target) and keeps the statements it sent. */
export async function recordBooking(db: Db, server: ServerProcess, f: Fixture, booker: number): Promise<Recorded> {
  const target = f.targets[0]!
  const key = `replay-record-${randomUUID()}`
  // wait until the requests the last run left in flight are done: nothing but this booking may be recorded
  for (let quiet = false; !quiet; ) quiet = (await server.record(() => new Promise((resolve) => setTimeout(resolve, 500)))).length === 0
  let status = 0
  const statements = await server.record(async () => {
    const req = bookingRequest(f, booker, target, key)
    const res = await fetch(`${server.baseUrl}/api/bookings`, { method: 'POST', headers: req.headers, body: req.body })
    status = res.status
    await res.arrayBuffer()
  })
  if (status !== 201) throw new Error(`the recorded booking answered ${status}`)
  const row = await queryRow<{ partner_id: string; series: string }>(
    db,
    sql`select l.partner_id, s.series from listings l join partner_invoice_series s on s.partner_id = l.partner_id where l.id = ${target.listingId}::uuid`,
  )
  return { statements, booker, target, key, partnerId: row!.partner_id, series: row!.series }
}

/** A table of the fixture's targets numbered 0…n-1 with their partner and series, which the script picks from with :t. */
export async function createReplayTargets(db: Db, f: Fixture): Promise<void> {
  // every partner gets its invoice series as its first invoice would (a short run may not have invoiced them all)
  for (const t of f.targets) {
    const listing = await queryRow<{ partner_id: string }>(db, sql`select partner_id from listings where id = ${t.listingId}::uuid`)
    await db.transaction((tx) => seriesOfPartner(tx, listing!.partner_id))
  }
  await db.execute(sql.raw(`drop table if exists ${TARGETS_TABLE}`))
  await db.execute(sql.raw(`create table ${TARGETS_TABLE} (n int primary key, session_id uuid, listing_id uuid, plan_id uuid, partner_id uuid, series text)`))
  for (const [n, t] of f.targets.entries()) {
    await db.execute(sql`insert into bench_replay_targets (n, session_id, listing_id, plan_id, partner_id, series)
      select ${n}::int, ${t.sessionId}::uuid, ${t.listingId}::uuid, ${t.planId}::uuid, l.partner_id, s.series
      from listings l left join partner_invoice_series s on s.partner_id = l.partner_id where l.id = ${t.listingId}::uuid`)
  }
  // statistics for the new table and the ones the runs before grew, so each connection's generic plans (pgbench -M
  // prepared) are costed on what is there (one run read 124 ms per claim instead of 9; not reproduced since)
  await db.execute(sql.raw(`analyze ${TARGETS_TABLE}, bookings, booking_sessions, idempotency_keys, invoices`))
}

export async function dropReplayTargets(db: Db): Promise<void> {
  await db.execute(sql.raw(`drop table if exists ${TARGETS_TABLE}`))
}

/** The pgbench script for `clients` clients: the recorded statements with per-transaction values as variables (:b booker, :t target, :k ids). */
export function replayScript(f: Fixture, r: Recorded, clients: number): string {
  const n = r.booker + 1 // the fixture's ids are md5(`<prefix>-booker-<i>`), i from 1
  const target = (column: string) => `(select ${column} from ${TARGETS_TABLE} where n = :t)`
  const userId = `md5('${f.prefix}-booker-' || :b)::uuid`
  const childId = `md5('${f.prefix}-child-' || :b)::uuid`
  const fixed = new Map<string, string>([
    [fixtureId(f.prefix, 'booker', n), userId],
    [fixtureId(f.prefix, 'child', n), childId],
    [`{${fixtureId(f.prefix, 'child', n)}}`, `('{' || ${childId}::text || '}')`],
    [r.target.sessionId, `${target('session_id')}`],
    [r.target.listingId, `${target('listing_id')}`],
    [r.target.planId, `${target('plan_id')}`],
    [r.partnerId, `${target('partner_id')}`],
    [r.series, `${target('series')}`],
    [r.key, `('replay-' || :k)`],
  ])
  // ids the app made for this booking (booking, seat row, invoice, job…): the same id is the same expression throughout
  const fresh = new Map<string, string>()
  const literal = (value: unknown): string => {
    if (value === null || value === undefined) return 'NULL'
    if (typeof value === 'number' || typeof value === 'bigint') return String(value)
    if (typeof value === 'boolean') return value ? 'true' : 'false'
    if (value instanceof Date) return quote(value.toISOString())
    if (typeof value !== 'string') return safeQuote(JSON.stringify(value))
    const known = fixed.get(value)
    if (known) return known
    if (value.startsWith(`${r.series}/`)) return `(${target('series')} || ${quote(value.slice(r.series.length))})`
    if (UUID.test(value)) {
      if (!fresh.has(value)) fresh.set(value, `md5('replay-${fresh.size}-' || :k)::uuid`)
      return fresh.get(value)!
    }
    return safeQuote(value)
  }
  const lines = [
    `-- ${r.statements.length} statements of one POST /api/bookings (mock money), recorded from the bench server`,
    // :n counts this client's transactions (pgbench -D n=0; a client's variables last the run): the client goes round
    // the targets, and each round with a customer no one else books with, counting down from below the recorded one, so
    // no child is seated twice in a session (session_children's key would refuse it, as the app does)
    '\\set n :n + 1',
    `\\set t :n % ${f.targets.length}`,
    `\\set b 1 + (${BOOKERS - 2} - (:n / ${f.targets.length}) * ${clients} - :client_id + ${BOOKERS - 1} * 1000) % ${BOOKERS - 1}`,
    '\\set k random(1, 1000000000000)',
  ]
  for (const s of r.statements) {
    const text = s.query.replace(/\$(\d+)/g, (_, i: string) => literal(s.params[Number(i) - 1]))
    lines.push(`${text.replace(/\s+/g, ' ').trim()};`)
  }
  return `${lines.join('\n')}\n`
}

const fixtureId = (prefix: string, kind: 'booker' | 'child', i: number) => md5uuid(`${prefix}-${kind}-${i}`)
