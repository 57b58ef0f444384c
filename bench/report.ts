// The bench's printed report: one table of routes per engine, then the EXPLAIN timings of the search SQL.
import { cpus } from 'node:os'
import type { BenchSettings, EngineResult } from './run.js'

function table(header: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (rightAligned[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`
  return [line(header), `|${widths.map((w, i) => (rightAligned[i] ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`, ...rows.map(line)].join('\n')
}

const n0 = (v: number) => Math.round(v).toLocaleString('en-US')
const n1 = (v: number) => v.toFixed(1)

export function formatReport(results: EngineResult[], settings: BenchSettings): string {
  const out: string[] = [
    '',
    `RRRAY bench ${new Date().toISOString()} · node ${process.version} · ${cpus().length} CPUs · ${settings.connections} connections × ${settings.durationSeconds} s per route${settings.quick ? ' · BENCH_QUICK (small data)' : ''}`,
  ]
  for (const r of results) {
    const s = r.size
    out.push(
      '',
      `## ${r.engine}: ${n0(s.listings)} listings, ${n0(s.listings * s.sessionsPerListing)} sessions, ${n0(s.users)} users, ${n0(s.bookings)} bookings (seeded in ${n1(r.seed_seconds)} s)`,
      `server RSS: ${n0(r.idle_rss_mb)} MB after start, peak ${n0(r.peak_rss_mb)} MB under load${r.engine === 'postgres' ? ' (Node process only; PostgreSQL runs apart)' : ' (includes the embedded database)'}`,
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
      '',
      `EXPLAIN (ANALYZE) on ${r.engine}, median of 3:`,
      table(
        ['query', 'rows', 'plan ms', 'exec ms', 'indexes used', 'seq scans'],
        r.explain.map((e) => [e.name, String(e.rows), n1(e.planning_ms), n1(e.execution_ms), e.indexes.join(', '), e.seq_scans.join(', ')]),
        [false, true, true, true, false, false],
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
    if (r.bookings) {
      const t = r.bookings.throughput
      const st = r.bookings.storm
      out.push(
        '',
        `POST /api/bookings (mock payments, one child per booking): ${n0(t.requests_per_second)} req/s, p50 ${t.p50_ms} ms, p99 ${t.p99_ms} ms, ${n0(t.created)} created, ${n0(t.non_2xx)} non-2xx, ${t.errors} errors`,
        `last-seat storm: ${st.requests} parallel requests for ${st.seats} seats drained in ${n0(st.drain_ms)} ms (p99 ${n0(st.p99_ms)} ms): ${st.created} × 201, ${st.full} × 409, ${st.other} other; in the database ${st.confirmed_in_db} confirmed, seats_taken ${st.seats_taken}`,
      )
    }
    if (r.credit_bookings) {
      const t = r.credit_bookings.throughput
      const w = r.credit_bookings.wallet_storm
      out.push(
        `POST /api/bookings with payment_method credits: ${n0(t.requests_per_second)} req/s, p50 ${t.p50_ms} ms, p99 ${t.p99_ms} ms, ${n0(t.created)} created, ${n0(t.non_2xx)} non-2xx, ${t.errors} errors`,
        `wallet storm: ${w.requests} parallel credit bookings from one wallet of ${w.credits} credits drained in ${n0(w.drain_ms)} ms (p99 ${n0(w.p99_ms)} ms): ${w.created} × 201, ${w.insufficient} × 409 INSUFFICIENT_CREDITS, ${w.other} other; balance ${w.balance}, ledger sum ${w.ledger_sum}`,
      )
    }
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
