// Grounded recommendations: candidates come only from the catalog's public search (same filters and indexes as
// GET /api/search), are held to every hard constraint, get the next session that fits the days and times asked, and
// are ranked by fit, rating, distance and how soon that session is. When nothing fits, the nearest relaxation.
import type { CatalogService, ListingCard, SearchListingsQuery } from '../catalog/index.js'
import { brokenConstraints } from './fit-rules.js'
import { formatSessionTime, indiaDate, indiaMinutes, indiaWeekday } from './india-time.js'
import { distanceKm } from './places.js'
import type { AdvisorQuery } from './understanding.js'
import { CATEGORY_NAMES } from './vocabulary.js'

export type CatalogReader = Pick<CatalogService, 'searchListings' | 'listListingSessions'>

export interface SessionView {
  id: string
  starts_at: string
  ends_at: string
  capacity: number
  seats_left: number
}

export interface Recommendation {
  listing: ListingCard
  next_session: SessionView | null
  why: string[]
}

export const RELAXATION_KINDS = ['days', 'area', 'budget', 'type', 'age', 'category'] as const
export type RelaxationKind = (typeof RELAXATION_KINDS)[number]

export interface Relaxation {
  kind: RelaxationKind
  description: string
  recommendations: Recommendation[]
}

export interface RecommendationResult {
  recommendations: Recommendation[]
  relaxation: Relaxation | null
}

export const MAX_RECOMMENDATIONS = 5
const MAX_PER_CATEGORY = 2
const CANDIDATES = 12
/** Sessions are looked for this far ahead. */
export const SESSION_WINDOW_DAYS = 35

const rupees = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 })
export const formatRupees = (paise: number) => `₹${rupees.format(Math.round(paise / 100))}`

const PRICE_UNIT: Record<ListingCard['type'], string> = { class: 'session', camp: 'camp', workshop: 'seat', event: 'pass' }

export interface RecommendOptions {
  now: Date
  /** Seats needed in one session: one per child asked about. */
  seats: number
}

interface Candidate {
  card: ListingCard
  session: SessionView | null
  score: number
}

/** "swimming", "dance or music", "art & craft, music or dance" */
export function listCategories(slugs: readonly string[]): string {
  const names = slugs.map((c) => CATEGORY_NAMES[c] ?? c)
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`
}

export function describeAges(ages: readonly number[]): string {
  return ages.length === 1 ? `age ${ages[0]}` : `ages ${ages.slice(0, -1).join(', ')} and ${ages.at(-1)}`
}

/** "on weekends", "after school", "on Saturdays in the mornings", or '' when no days or times were asked. */
export function describeWhen(q: Pick<AdvisorQuery, 'day_label' | 'time_window'>): string {
  const time = q.time_window?.label
  const timePhrase = time === undefined ? '' : ['mornings', 'afternoons', 'evenings'].includes(time) ? `in the ${time}` : time
  return [q.day_label ? `on ${q.day_label}` : '', timePhrase].filter(Boolean).join(' ')
}

function sessionFits(s: SessionView, q: AdvisorQuery, seats: number): boolean {
  if (s.seats_left < seats) return false
  const at = new Date(s.starts_at)
  if (q.weekdays !== null && !q.weekdays.includes(indiaWeekday(at))) return false
  if (q.time_window !== null) {
    const minutes = indiaMinutes(at)
    if (minutes < q.time_window.from || minutes >= q.time_window.to) return false
  }
  return true
}

/** Why a listing fits the query, in short phrases built from the card and the session only. */
export function explainFit(card: ListingCard, session: SessionView | null, q: AdvisorQuery): string[] {
  const c = { card, session }
  const why: string[] = []
  why.push(q.categories.includes(card.category.slug) ? `${card.category.name}, as you asked` : card.category.name)
  if (q.ages.length > 0) why.push(`For ages ${card.age_min}–${card.age_max}: fits ${q.ages.length > 1 ? 'each child' : `age ${q.ages[0]}`}`)
  const price = `${formatRupees(card.price)} per ${PRICE_UNIT[card.type]}`
  why.push(q.max_price !== null ? `${price}, within your ${formatRupees(q.max_price)}` : price)
  if (q.area !== null && card.lat !== null && card.lng !== null)
    why.push(`${distanceKm(q.area, { lat: card.lat, lng: card.lng }).toFixed(1)} km from ${q.area.name}${card.area ? ` (in ${card.area})` : ''}`)
  else if (card.area) why.push(`In ${card.area}, ${card.city ?? ''}`.trim())
  if (c.session) {
    const when = describeWhen(q)
    why.push(`Next session${when ? ` ${when}` : ''}: ${formatSessionTime(new Date(c.session.starts_at))}, ${c.session.seats_left} seats left`)
  }
  if (card.trial_available) why.push('Offers a trial class')
  if (card.rating.count > 0) why.push(`Rated ${card.rating.average.toFixed(1)} by ${card.rating.count} parents`)
  return why
}

/** The search filters of the query for one category: every hard constraint the catalog can apply itself. */
function searchFilters(q: AdvisorQuery, category: string | undefined, now: Date): SearchListingsQuery {
  const filters: SearchListingsQuery = {
    page: 1,
    page_size: 50,
    sort: q.area ? 'distance' : 'rating',
    date_from: indiaDate(now),
    date_to: indiaDate(now, SESSION_WINDOW_DAYS - 1),
  }
  if (q.city !== null) filters.city = q.city
  if (q.ages.length > 0) filters.age = q.ages[0]
  if (category !== undefined) filters.category = category
  if (q.type !== null) filters.type = q.type
  if (q.max_price !== null) filters.max_price = q.max_price
  if (q.trial_only) filters.trial_only = true
  if (q.area !== null) Object.assign(filters, { lat: q.area.lat, lng: q.area.lng, radius_km: q.radius_km ?? 100 })
  return filters
}

/** The listing's first session in the window with seats for every child, on the days and in the hours asked. */
export async function nextFittingSession(catalog: CatalogReader, card: ListingCard, q: AdvisorQuery, o: RecommendOptions): Promise<SessionView | null> {
  const page = await catalog.listListingSessions(card.id, {
    page: 1,
    page_size: 100,
    date_from: indiaDate(o.now),
    date_to: indiaDate(o.now, SESSION_WINDOW_DAYS - 1),
  })
  return page.items.find((s) => sessionFits(s, q, o.seats)) ?? null
}

type Prefer = 'fit' | 'cheapest' | 'nearest-age'

function ageGap(card: ListingCard, ages: readonly number[]): number {
  return ages.reduce((gap, age) => gap + Math.max(0, card.age_min - age, age - card.age_max), 0)
}

/** Candidates for the query, each with its next fitting session, best first. */
async function rank(catalog: CatalogReader, q: AdvisorQuery, o: RecommendOptions, prefer: Prefer, askedAges: readonly number[]): Promise<Candidate[]> {
  const categories = q.categories.length > 0 ? q.categories : [undefined]
  const pages = await Promise.all(categories.map((c) => catalog.searchListings(searchFilters(q, c, o.now))))
  const seen = new Set<string>()
  let cards = pages.flatMap((p) => p.items).filter((card) => {
    if (seen.has(card.id)) return false
    seen.add(card.id)
    // the search applied what it can; the rest (several children's ages, the exact distance) is checked here
    return brokenConstraints(card, q).length === 0
  })
  const prelim = (card: ListingCard) => {
    let score = card.rating.average
    if (q.area !== null && card.lat !== null && card.lng !== null) score -= distanceKm(q.area, { lat: card.lat, lng: card.lng }) / 4
    if (prefer === 'cheapest') score -= card.price / 50_000
    if (prefer === 'nearest-age') score -= ageGap(card, askedAges) * 2
    return score
  }
  cards = cards.sort((a, b) => prelim(b) - prelim(a) || a.id.localeCompare(b.id)).slice(0, CANDIDATES)
  const sessions = await Promise.all(cards.map((card) => nextFittingSession(catalog, card, q, o)))
  return cards
    .map((card, i) => ({ card, session: sessions[i] ?? null }))
    .filter((c): c is { card: ListingCard; session: SessionView } => c.session !== null)
    .map((c) => {
      const days = (Date.parse(c.session.starts_at) - o.now.getTime()) / 86_400_000
      return { ...c, score: prelim(c.card) - days / 14 }
    })
    .sort((a, b) => b.score - a.score || a.card.id.localeCompare(b.card.id))
}

function pick(candidates: Candidate[], q: AdvisorQuery): Recommendation[] {
  const perCategory = new Map<string, number>()
  const picked: Recommendation[] = []
  const limitPerCategory = q.categories.length > 1 ? MAX_PER_CATEGORY : MAX_RECOMMENDATIONS
  for (const c of candidates) {
    const n = perCategory.get(c.card.category.slug) ?? 0
    if (n >= limitPerCategory) continue
    perCategory.set(c.card.category.slug, n + 1)
    picked.push({ listing: c.card, next_session: c.session, why: explainFit(c.card, c.session, q) })
    if (picked.length === MAX_RECOMMENDATIONS) break
  }
  return picked
}

function relaxations(q: AdvisorQuery): Array<{ kind: RelaxationKind; query: AdvisorQuery; prefer: Prefer; description: string }> {
  const steps: Array<{ kind: RelaxationKind; query: AdvisorQuery; prefer: Prefer; description: string }> = []
  const asked = listCategories(q.categories)
  if (q.weekdays !== null || q.time_window !== null) {
    const when = describeWhen(q) || 'on those days'
    steps.push({ kind: 'days', query: { ...q, weekdays: null, day_label: null, time_window: null }, prefer: 'fit', description: `Nothing has a free seat ${when}; these fit everything else on another day or time.` })
  }
  if (q.area !== null)
    steps.push({ kind: 'area', query: { ...q, area: null, radius_km: null }, prefer: 'fit', description: `Nothing within ${q.radius_km ?? 0} km of ${q.area.name}; these are in a nearby area of ${q.city ?? 'the city'}.` })
  if (q.max_price !== null)
    steps.push({ kind: 'budget', query: { ...q, max_price: null }, prefer: 'cheapest', description: `Nothing is within ${formatRupees(q.max_price)}; these are the closest prices.` })
  if (q.type !== null || q.trial_only)
    steps.push({ kind: 'type', query: { ...q, type: null, trial_only: false }, prefer: 'fit', description: `No ${q.trial_only ? 'trial' : q.type} fits; these other formats do.` })
  if (q.ages.length > 0)
    steps.push({ kind: 'age', query: { ...q, ages: [] }, prefer: 'nearest-age', description: `Nothing is for ${describeAges(q.ages)}; these are for the nearest age band.` })
  if (q.categories.length > 0)
    steps.push({ kind: 'category', query: { ...q, categories: [] }, prefer: 'fit', description: `No ${asked} fits; these other activities do.` })
  return steps
}

/** The recommendations for a query; when none fit, the first relaxation (in the order above) that finds some. */
export async function recommend(catalog: CatalogReader, q: AdvisorQuery, o: RecommendOptions): Promise<RecommendationResult> {
  const fits = pick(await rank(catalog, q, o, 'fit', q.ages), q)
  if (fits.length > 0) return { recommendations: fits, relaxation: null }
  for (const step of relaxations(q)) {
    const found = pick(await rank(catalog, step.query, o, step.prefer, q.ages), step.query)
    if (found.length > 0) return { recommendations: [], relaxation: { kind: step.kind, description: step.description, recommendations: found } }
  }
  return { recommendations: [], relaxation: null }
}
