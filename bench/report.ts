// The bench's printed report: one table of routes per engine, then the EXPLAIN timings of the search SQL.
import { cpus } from 'node:os'
import { SEARCH_MIX_ROUTE, SEARCH_REFERENCE_ROUTE } from './drive.js'
import { BIG_SESSIONS, SPREAD_PARTNERS, type Throughput } from './bookings.js'
import type { BenchSettings, EngineResult } from './run.js'

function table(header: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (rightAligned[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`
  return [line(header), `|${widths.map((w, i) => (rightAligned[i] ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`, ...rows.map(line)].join('\n')
}

const n0 = (v: number) => Math.round(v).toLocaleString('en-US')
const n1 = (v: number) => v.toFixed(1)

/** Issue 14's aims for the search mix, per engine. */
const SEARCH_MIX_AIMS = { postgres: { rps: 2000, p99: 40, share: 0.8 }, pglite: { rps: 500, p99: 300, share: null } } as const

function searchMixLines(r: EngineResult): string[] {
  const mix = r.routes.find((x) => x.route === SEARCH_MIX_ROUTE)
  const reference = r.routes.find((x) => x.route === SEARCH_REFERENCE_ROUTE)
  if (!mix) return []
  const aim = SEARCH_MIX_AIMS[r.engine]
  const mark = (ok: boolean) => (ok ? '✓' : '✗')
  const share = mix.share_of_reference
  return [
    '',
    `search mix: /api/search ${n0(mix.requests_per_second)} req/s (aim ≥ ${n0(aim.rps)} ${mark(mix.requests_per_second >= aim.rps)}), ` +
      `p99 ${mix.p99_ms} ms (aim ≤ ${aim.p99} ${mark(mix.p99_ms <= aim.p99)}), non-2xx ${n0(mix.non_2xx)}; ` +
      `/bench/search-reference ${reference ? `${n0(reference.requests_per_second)} req/s, p99 ${reference.p99_ms} ms, non-2xx ${n0(reference.non_2xx)}` : 'not run'}; ` +
      `ratio ${share === null ? '–' : share.toFixed(2)}${aim.share === null || share === null ? '' : ` (aim ≥ ${aim.share} ${mark(share >= aim.share)})`}`,
  ]
}

export function formatReport(results: EngineResult[], settings: BenchSettings): string {
  const out: string[] = [
    '',
    `RRRAY bench ${new Date().toISOString()} · node ${process.version} · ${cpus().length} CPUs · ${settings.connections} connections × ${settings.durationSeconds} s per route${settings.quick ? ' · BENCH_QUICK (small data)' : ''}`,
  ]
  for (const r of results) {
    const s = r.size
    out.push(
      '',
      settings.only === 'bookings'
        ? `## ${r.engine}: BENCH_ONLY=bookings (migrations and the booking fixtures only, no large set)`
        : `## ${r.engine}: ${n0(s.listings)} listings, ${n0(s.listings * s.sessionsPerListing)} sessions, ${n0(s.users)} users, ${n0(s.bookings)} bookings (seeded in ${n1(r.seed_seconds)} s)`,
      `server RSS: ${n0(r.idle_rss_mb)} MB after start, peak ${n0(r.peak_rss_mb)} MB under load${r.engine === 'postgres' ? ' (Node process only; PostgreSQL runs apart)' : ' (includes the embedded database)'}`,
    )
    // BENCH_ONLY=bookings drives no routes and EXPLAINs nothing
    if (r.routes.length > 0) out.push(
      '',
      table(
        ['route', 'req/s', 'requests', 'p50 ms', 'p99 ms', 'non-2xx', 'peak RSS MB', 'load 1m', 'share of reference'],
        r.routes.map((x) => [
          x.route,
          n0(x.requests_per_second),
          n0(x.total_requests),
          String(x.p50_ms),
          String(x.p99_ms),
          x.errors > 0 ? `${n0(x.non_2xx)} (+${x.errors} errors/timeouts)` : n0(x.non_2xx),
          n0(x.peak_rss_mb),
          x.load_avg_1m.toFixed(1),
          x.share_of_reference === null ? '' : `${Math.round(x.share_of_reference * 100)}% of ${x.reference}`,
        ]),
        [false, true, true, true, true, true, true, true, false],
      ),
      ...searchMixLines(r),
      '',
      `EXPLAIN (ANALYZE) on ${r.engine}, median of 3 (search shapes: one search of each shape of the mix):`,
      table(
        ['query', 'rows', 'plan ms', 'exec ms', 'plan+exec ms', 'aim ms', 'indexes used', 'seq scans'],
        r.explain.map((e) => [
          e.name,
          String(e.rows),
          n1(e.planning_ms),
          n1(e.execution_ms),
          n1(e.planning_ms + e.execution_ms),
          e.aim_ms === null ? '' : `≤ ${e.aim_ms}${e.planning_ms + e.execution_ms <= e.aim_ms ? ' ✓' : ' ✗'}`,
          e.indexes.join(', '),
          e.seq_scans.join(', '),
        ]),
        [false, true, true, true, true, false, false, false],
      ),
    )
    out.push(...readsAndMemoryBlock(r))
    if (r.export) {
      const e = r.export
      out.push(
        '',
        `GET /api/admin/bookings/export.csv (366 days): ${n0(e.rows)} rows, ${n1(e.megabytes)} MB in ${n1(e.seconds)} s = ${n0(e.rows_per_second)} rows/s (target ≥ 20,000); server RSS ${n0(e.rss_before_mb)} MB before, peak ${n0(e.peak_rss_mb)} MB, growth ${n1(e.rss_growth_mb)} MB (target < 50)`,
      )
    }
    if (r.bookings || r.credit_bookings || r.floors) out.push('', ...bookingsReport(r))
  }
  return `${out.join('\n')}\n`
}

/** Issue 14's aims for listing pages, health, memory and start, each beside its measured figure. */
function readsAndMemoryBlock(r: EngineResult): string[] {
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED')
  const rows: string[][] = []
  for (const [route, aim] of [['GET /api/listings/{id}', 5_000], ['GET /api/listings/{id}/sessions', 5_000], ['GET /api/health', 10_000]] as const) {
    const x = r.routes.find((route_) => route_.route === route)
    if (x) rows.push([route, `${n0(x.requests_per_second)} req/s (p99 ${x.p99_ms} ms)`, `≥ ${n0(aim)} req/s`, verdict(x.requests_per_second >= aim)])
  }
  const postgres = r.engine === 'postgres'
  const [first, next] = r.starts ?? []
  if (next) rows.push(['idle RSS of `npm start` (2 s after ready, job workers on)', `${n0(next.idle_rss_mb)} MB`, '≤ 120 MB', verdict(next.idle_rss_mb <= 120)])
  rows.push(['idle RSS of the bench server (after listen)', `${n0(r.idle_rss_mb)} MB`, postgres ? '≤ 120 MB' : '', postgres ? verdict(r.idle_rss_mb <= 120) : ''])
  rows.push(['peak RSS under the bench (every route, export, bookings)', `${n0(r.peak_rss_mb)} MB`, postgres ? '≤ 250 MB' : '≤ 400 MB', verdict(r.peak_rss_mb <= (postgres ? 250 : 400))])
  if (first && next) {
    rows.push(['ready after start, first on the migrated database', `${n1(first.ready_ms / 1000)} s`, '', ''])
    rows.push(['ready after start, the next one', `${n1(next.ready_ms / 1000)} s`, '≤ 3 s', verdict(next.ready_ms <= 3_000)])
  }
  return [
    '',
    `Listing pages, health, memory and start on ${r.engine} (issue 14)${next ? `; started as \`${next.command}\`` : ''}:`,
    table(['figure', 'measured', 'aim', ''], rows, [false, true, false, false]),
  ]
}

const pct = (v: number) => `${Math.round(v * 100)}%`

/** POST /api/bookings beside its aims (issue 14) and the pgbench floors measured in the same run. */
function bookingsReport(r: EngineResult): string[] {
  const tpcb = r.floors?.tpcb
  const replay = r.floors?.replay
  const spreadAim = tpcb ? 0.4 * tpcb.transactions_per_second : undefined
  const rows: string[][] = []
  const floorRow = (name: string, f: { transactions_per_second: number; latency_ms: number; transactions: number; failed: number }) =>
    rows.push([name, n0(f.transactions_per_second), '', n1(f.latency_ms), '', n0(f.transactions), n0(f.failed), 'floor', '', ''])
  if (tpcb) floorRow(`pgbench TPC-B (built-in, scale 10, ${tpcb.clients} clients, -j 2)`, tpcb)
  if (replay) floorRow(`pgbench replaying a mock-money booking's statements (${replay.clients} clients, -j 2)`, replay)
  const scenario = (name: string, t: Throughput | undefined, aim: number | undefined, aimText: string) => {
    if (!t) return
    const met = aim === undefined ? '' : t.requests_per_second >= aim ? 'met' : 'missed'
    rows.push([
      name, n0(t.requests_per_second), String(t.p50_ms), '', String(t.p99_ms), n0(t.created), t.errors > 0 ? `${n0(t.non_2xx)} (+${t.errors} errors)` : n0(t.non_2xx),
      aim === undefined ? aimText : `${aimText} = ${n0(aim)}: ${met}`,
      tpcb ? pct(t.requests_per_second / tpcb.transactions_per_second) : '', replay ? pct(t.requests_per_second / replay.transactions_per_second) : '',
    ])
  }
  const spreadText = tpcb ? '≥ 0.4 × TPC-B' : '≥ 0.4 × TPC-B (not measured)'
  scenario(`POST /api/bookings, mock money, ${SPREAD_PARTNERS} partners`, r.bookings?.throughput, spreadAim, spreadText)
  scenario('POST /api/bookings, mock money, one partner', r.bookings?.one_partner, 300, '≥ 300')
  scenario(`POST /api/bookings, credits, ${SPREAD_PARTNERS} partners`, r.credit_bookings?.throughput, spreadAim, spreadText)
  scenario('POST /api/bookings, credits, one partner', r.credit_bookings?.one_partner, 300, '≥ 300')
  const out = [
    `Bookings on ${r.engine} (sessions round ${BIG_SESSIONS} sessions, distinct customers, one child each), beside pgbench on the same server in the same run:`,
    table(
      ['scenario', 'req/s or tps', 'p50 ms', 'avg ms', 'p99 ms', 'done', 'non-2xx / failed', 'aim', 'share of TPC-B', 'share of replay'],
      rows,
      [false, true, true, true, true, true, true, false, true, true],
    ),
  ]
  if (r.bookings) {
    const st = r.bookings.storm
    out.push(
      `last-seat storm: ${st.requests} parallel requests for ${st.seats} seats drained in ${n0(st.drain_ms)} ms (p99 ${n0(st.p99_ms)} ms): ${st.created} × 201, ${st.full} × 409, ${st.other} other${st.other ? ` (${st.other_codes})` : ''}; in the database ${st.confirmed_in_db} confirmed, seats_taken ${st.seats_taken}`,
    )
  }
  if (r.credit_bookings) {
    const w = r.credit_bookings.wallet_storm
    out.push(
      `wallet storm: ${w.requests} parallel credit bookings from one wallet of ${w.credits} credits drained in ${n0(w.drain_ms)} ms (p99 ${n0(w.p99_ms)} ms): ${w.created} × 201, ${w.insufficient} × 409 INSUFFICIENT_CREDITS, ${w.other} other${w.other ? ` (${w.other_codes})` : ''}; balance ${w.balance}, ledger sum ${w.ledger_sum}`,
    )
  }
  return out
}
