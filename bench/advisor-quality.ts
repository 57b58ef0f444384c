// `npm run bench:advisor`: the AI advisor's offline engine on the fixture of parent questions, on the demo data in an
// in-memory PGlite. Prints per question what was understood and recommended, then the figures the quality test holds:
// hard constraints satisfied (must be 100%), asked category named (≥ 90%), relaxations offered when nothing fits.
import { openDatabase } from '../src/db/database.js'
import { migrateDatabase } from '../src/db/migrate.js'
import { createCatalogService } from '../src/modules/catalog/index.js'
import { ADVISOR_QUESTIONS, createOfflineEngine, hardConstraintViolations, parseMessage, resolveQuery } from '../src/modules/ai-advisor/index.js'
import { seedDemoData } from '../src/seed/index.js'
import { systemClock } from '../src/shared/clock.js'

const out = (line: string) => process.stdout.write(`${line}\n`)

const database = await openDatabase({})
try {
  await migrateDatabase(database)
  const clock = systemClock
  await seedDemoData(database.db, { clock, adminEmails: [] })
  const engine = createOfflineEngine(createCatalogService({ db: database.db, clock }))
  let recommended = 0
  let broken = 0
  let naming = 0
  let named = 0
  let nothingFits = 0
  let relaxed = 0
  const started = performance.now()
  for (const q of ADVISOR_QUESTIONS) {
    const parsed = parseMessage(q.message)
    const query = resolveQuery(parsed, { childAges: q.children ?? [], profileCity: q.profile_city ?? null, previous: null })
    const answer = await engine.answer({ message: q.message, query, history: [], now: clock.now(), seats: Math.max(1, query.ages.length) })
    const recs = answer.result.recommendations
    recommended += recs.length
    const bad = recs.flatMap((r) => hardConstraintViolations(r.listing, q.hard))
    broken += bad.length
    if (q.categories && !q.nothing_fits) {
      naming++
      if (recs.length > 0 && recs.every((r) => q.categories!.includes(r.listing.category.slug))) named++
    }
    if (q.nothing_fits) {
      nothingFits++
      if (recs.length === 0 && answer.result.relaxation) relaxed++
    }
    const shown = recs.length > 0 ? recs : answer.result.relaxation?.recommendations ?? []
    out(`${bad.length > 0 ? '✗' : '✓'} ${q.message}`)
    out(`    understood: ages=${query.ages.join(',') || '-'} city=${query.city ?? '-'} area=${query.area?.name ?? '-'} categories=${query.categories.join(',') || '-'} days=${query.weekdays?.join(',') ?? '-'} time=${query.time_window?.label ?? '-'} max=${query.max_price === null ? '-' : `₹${query.max_price / 100}`} type=${query.type ?? '-'}${query.trial_only ? ' trial' : ''}`)
    out(`    ${recs.length > 0 ? 'fits' : answer.result.relaxation ? `relaxed (${answer.result.relaxation.kind})` : 'nothing'}: ${shown.map((r) => `${r.listing.title} [${r.listing.category.slug}, ${r.listing.city}]`).join('; ') || '-'}`)
  }
  const seconds = (performance.now() - started) / 1000
  const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`)
  out('')
  out(`questions: ${ADVISOR_QUESTIONS.length}, recommendations: ${recommended}, answered in ${seconds.toFixed(1)} s (${((seconds * 1000) / ADVISOR_QUESTIONS.length).toFixed(0)} ms each, PGlite)`)
  out(`hard constraints satisfied: ${pct(recommended - broken, recommended)} (${broken} broken)`)
  out(`asked category named: ${pct(named, naming)} (${named}/${naming})`)
  out(`nothing fits → relaxation offered: ${relaxed}/${nothingFits} (a city with no activities has nothing to relax to)`)
} finally {
  await database.close()
}
