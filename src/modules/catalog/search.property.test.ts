// Search as properties over one random dataset: every result meets every filter, the set is exactly what the filters
// select, the order is the asked one, and pages never overlap.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { createCategory, createListing, createPartner, createPlanOption, createSession } from '../../../test/factories.js'
import { HOUR_MS } from '../../shared/clock.js'
import { cityNameVariants } from './city-aliases.js'

const ctx = await buildTestApp()
const db = ctx.database.db
const NOW = new Date('2026-03-06T12:00:00.000Z')
ctx.clock.set(NOW)

const EARTH_RADIUS_KM = 6378.168 // earthdistance's sphere
function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180
  const dLat = (lat2 - lat1) * rad
  const dLng = (lng2 - lng1) * rad
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a))
}

function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}

const CENTRES = [
  { lat: 28.4595, lng: 77.0266 },
  { lat: 12.9716, lng: 77.5946 },
]
const CITIES = ['Gurgaon', 'Gurugram', 'Bengaluru', 'Bangalore', 'Pune']
const WORDS = ['swimming', 'chess', 'dance', 'football', 'painting', 'robotics']
const TYPES = ['class', 'camp', 'workshop', 'event'] as const
const ZONES = ['Asia/Kolkata', 'Asia/Kolkata', 'Asia/Dubai']

const ListingSpec = fc.record({
  city: fc.option(fc.constantFrom(...CITIES), { freq: 12 }),
  centre: fc.constantFrom(...CENTRES),
  dLat: fc.double({ min: -0.6, max: 0.6, noNaN: true }),
  dLng: fc.double({ min: -0.6, max: 0.6, noNaN: true }),
  ages: fc.tuple(fc.integer({ min: 0, max: 18 }), fc.integer({ min: 0, max: 18 })),
  price: fc.oneof(fc.constantFrom(0, 50_000, 99_900, 150_000), fc.integer({ min: 0, max: 3000 }).map((n) => n * 100)),
  type: fc.constantFrom(...TYPES),
  category: fc.integer({ min: 0, max: 2 }),
  partner: fc.integer({ min: 0, max: 4 }),
  status: fc.constantFrom('approved', 'approved', 'approved', 'approved', 'draft', 'pending_approval'),
  trialFlag: fc.boolean(),
  trialPlan: fc.constantFrom('none', 'none', 'active', 'inactive'),
  rating: fc.constantFrom('0', '4.50', '4.50', '4.80', '3.20'),
  createdDay: fc.integer({ min: 1, max: 3 }),
  word: fc.constantFrom(...WORDS),
  zone: fc.constantFrom(...ZONES),
  sessions: fc.array(
    fc.record({ offsetHours: fc.integer({ min: -48, max: 24 * 14 }), cancelled: fc.boolean() }),
    { maxLength: 4 },
  ),
})

interface Known {
  id: string
  public: boolean
  city: string | null
  lat: number | null
  lng: number | null
  age_min: number
  age_max: number
  price: number
  type: string
  category: { id: string; slug: string }
  trial: boolean
  rating: number
  created_at: number
  word: string
  zone: string
  sessions: { starts_at: Date; scheduled: boolean }[]
}

const categories = [await createCategory(db), await createCategory(db), await createCategory(db)]
const partners = [
  await createPartner(db),
  await createPartner(db),
  await createPartner(db),
  await createPartner(db),
  await createPartner(db, { status: 'suspended' }),
]
const known = new Map<string, Known>()
for (const spec of fc.sample(ListingSpec, { numRuns: 100, seed: 20260306 })) {
  const [ageA, ageB] = spec.ages
  const category = categories[spec.category]!
  const lat = spec.city ? spec.centre.lat + spec.dLat : null
  const lng = spec.city ? spec.centre.lng + spec.dLng : null
  const title = `${spec.word} ${spec.type}`
  const listing = await createListing(db, {
    partner_id: partners[spec.partner]!.id,
    category_id: category.id,
    title,
    search_text: `${title} ${spec.word}`,
    type: spec.type,
    age_min: Math.min(ageA, ageB),
    age_max: Math.max(ageA, ageB),
    price: spec.price,
    status: spec.status as 'approved',
    trial_available: spec.trialFlag,
    rating_avg: spec.rating,
    created_at: new Date(NOW.getTime() - spec.createdDay * 24 * HOUR_MS),
    ...(spec.city
      ? { venue: { city: spec.city, lat: lat!, lng: lng!, timezone: spec.zone } }
      : { venue_id: null, is_online: true, city: null, lat: null, lng: null, timezone: spec.zone }),
  })
  if (spec.trialPlan !== 'none') await createPlanOption(db, listing.id, { kind: 'trial', name: 'Trial', price: 10_000, active: spec.trialPlan === 'active' })
  const sessions = []
  for (const s of spec.sessions) {
    const startsAt = new Date(NOW.getTime() + s.offsetHours * HOUR_MS + 15 * 60_000)
    await createSession(db, listing.id, startsAt, { status: s.cancelled ? 'cancelled' : 'scheduled' }).catch(() => undefined)
    sessions.push({ starts_at: startsAt, scheduled: !s.cancelled })
  }
  known.set(listing.id, {
    id: listing.id,
    public: spec.status === 'approved' && spec.partner !== 4,
    city: spec.city,
    lat,
    lng,
    age_min: listing.age_min,
    age_max: listing.age_max,
    price: spec.price,
    type: spec.type,
    category: { id: category.id, slug: category.slug },
    trial: spec.trialFlag || spec.trialPlan === 'active',
    rating: Number(spec.rating),
    created_at: listing.created_at.getTime(),
    word: spec.word,
    zone: spec.zone,
    sessions,
  })
}

function nextSession(k: Known): number | null {
  const upcoming = k.sessions.filter((s) => s.scheduled && s.starts_at >= NOW).map((s) => s.starts_at.getTime())
  return upcoming.length ? Math.min(...upcoming) : null
}

const DAYS = Array.from({ length: 18 }, (_, i) => new Date(NOW.getTime() + (i - 2) * 24 * HOUR_MS).toISOString().slice(0, 10))

const FILTER_KEYS = ['q', 'city', 'age', 'category', 'type', 'geo', 'dates', 'prices', 'trial_only'] as const
const Filters = fc
  .record({
    all: fc.record({
      q: fc.constantFrom(...WORDS, 'swiming', 'robotcs'),
      city: fc.constantFrom('gurgaon', 'GURUGRAM', 'bangalore', 'Bengaluru', 'pune', 'Delhi'),
      age: fc.integer({ min: 0, max: 18 }),
      category: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.boolean()).map(([i, bySlug]) => (bySlug ? categories[i]!.slug : categories[i]!.id)),
      type: fc.constantFrom(...TYPES),
      geo: fc.record({ centre: fc.constantFrom(...CENTRES), radius_km: fc.integer({ min: 1, max: 100 }) }),
      dates: fc.tuple(fc.constantFrom(...DAYS), fc.constantFrom(...DAYS), fc.constantFrom('both', 'from', 'to')),
      prices: fc.tuple(fc.integer({ min: 0, max: 300_000 }), fc.integer({ min: 0, max: 300_000 }), fc.constantFrom('both', 'min', 'max')),
      trial_only: fc.constant(true),
    }),
    // a few filters at a time, so that most combinations still select something
    keys: fc.subarray([...FILTER_KEYS], { maxLength: 3 }),
  })
  .map(({ all, keys }) => Object.fromEntries(keys.map((k) => [k, all[k]])) as Partial<typeof all>)
  .chain((f) =>
    fc.record({
      f: fc.constant(f),
      sort: fc.constantFrom(...(f.geo ? ['relevance', 'price', 'rating', 'starting_soon', 'distance'] : ['relevance', 'price', 'rating', 'starting_soon'])),
      page_size: fc.integer({ min: 2, max: 9 }),
    }),
  )

type Generated = typeof Filters extends fc.Arbitrary<infer T> ? T : never

function toQuery(g: Generated): URLSearchParams {
  const { f, sort, page_size } = g
  const p = new URLSearchParams({ sort, page_size: String(page_size) })
  if (f.q) p.set('q', f.q)
  if (f.city) p.set('city', f.city)
  if (f.age !== undefined) p.set('age', String(f.age))
  if (f.category) p.set('category', f.category)
  if (f.type) p.set('type', f.type)
  if (f.geo) {
    p.set('lat', String(f.geo.centre.lat))
    p.set('lng', String(f.geo.centre.lng))
    p.set('radius_km', String(f.geo.radius_km))
  }
  if (f.dates) {
    const [a, b, which] = f.dates
    const [from, to] = a <= b ? [a, b] : [b, a]
    if (which !== 'to') p.set('date_from', from)
    if (which !== 'from') p.set('date_to', to)
  }
  if (f.prices) {
    const [a, b, which] = f.prices
    if (which !== 'max') p.set('min_price', String(Math.min(a, b)))
    if (which !== 'min') p.set('max_price', String(Math.max(a, b)))
  }
  if (f.trial_only) p.set('trial_only', 'true')
  return p
}

/** Whether the listing meets the filters; 'maybe' where the oracle cannot decide (fuzzy text, the radius's edge). */
function meets(k: Known, p: URLSearchParams): boolean | 'maybe' {
  if (!k.public) return false
  const city = p.get('city')
  if (city && (k.city === null || !cityNameVariants(city).includes(k.city.toLowerCase()))) return false
  const age = p.get('age')
  if (age && !(k.age_min <= Number(age) && Number(age) <= k.age_max)) return false
  const category = p.get('category')
  if (category && k.category.id !== category && k.category.slug !== category) return false
  if (p.get('type') && k.type !== p.get('type')) return false
  if (p.get('min_price') && k.price < Number(p.get('min_price'))) return false
  if (p.get('max_price') && k.price > Number(p.get('max_price'))) return false
  if (p.get('trial_only') && !k.trial) return false
  const from = p.get('date_from')
  const to = p.get('date_to')
  if (from || to) {
    const hit = k.sessions.some((s) => {
      if (!s.scheduled || s.starts_at < NOW) return false
      const day = localDay(s.starts_at, k.zone)
      return (!from || day >= from) && (!to || day <= to)
    })
    if (!hit) return false
  }
  let maybe = false
  if (p.get('radius_km')) {
    if (k.lat === null || k.lng === null) return false
    const d = haversineKm(Number(p.get('lat')), Number(p.get('lng')), k.lat, k.lng)
    const r = Number(p.get('radius_km'))
    if (Math.abs(d - r) < 0.01) maybe = true
    else if (d > r) return false
  }
  const q = p.get('q')
  if (q) {
    if (k.word === q) return maybe ? 'maybe' : true // an exact word always matches
    maybe = true
  }
  return maybe ? 'maybe' : true
}

interface Card {
  id: string
  price: number
  rating: { average: number }
  next_session_at: string | null
  distance_km?: number
  city: string | null
  lat: number | null
  lng: number | null
}

function compare(sort: string, hasQ: boolean, a: Card, b: Card): number {
  const ka = known.get(a.id)!
  const kb = known.get(b.id)!
  const byId = a.id < b.id ? -1 : 1
  const byRating = kb.rating - ka.rating || kb.created_at - ka.created_at || byId
  switch (sort) {
    case 'price':
      return a.price - b.price || byId
    case 'distance':
      return (a.distance_km ?? 0) - (b.distance_km ?? 0) || byId
    case 'starting_soon': {
      const na = a.next_session_at ? Date.parse(a.next_session_at) : Infinity
      const nb = b.next_session_at ? Date.parse(b.next_session_at) : Infinity
      return na === nb ? byId : na < nb ? -1 : 1
    }
    default:
      return hasQ ? 0 : byRating
  }
}

async function fetchAll(p: URLSearchParams): Promise<{ pages: Card[][]; total: number }> {
  const pageSize = Number(p.get('page_size'))
  const pages: Card[][] = []
  let total = -1
  for (let page = 1; page === 1 || (page - 1) * pageSize < total; page++) {
    p.set('page', String(page))
    const res = await ctx.app.inject({ method: 'GET', url: `/api/search?${p}` })
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json() as { items: Card[]; total: number; page: number; page_size: number }
    if (total >= 0) expect(body.total).toBe(total)
    total = body.total
    expect(body.page).toBe(page)
    expect(body.items.length).toBe(Math.max(0, Math.min(pageSize, total - (page - 1) * pageSize)))
    pages.push(body.items)
  }
  return { pages, total }
}

const sizes: number[] = []
describe('GET /api/search properties', () => {
  it('the dataset has public and hidden listings, sessions and online ones', () => {
    const all = [...known.values()]
    expect(all.filter((k) => k.public).length).toBeGreaterThan(30)
    expect(all.filter((k) => !k.public).length).toBeGreaterThan(5)
    expect(all.filter((k) => k.city === null).length).toBeGreaterThan(0)
    expect(all.some((k) => k.zone === 'Asia/Dubai')).toBe(true)
  })

  it('returns exactly the listings that meet every filter, in the asked order, on pages that never overlap', async () => {
    await fc.assert(
      fc.asyncProperty(Filters, async (g) => {
        const p = toQuery(g)
        const { pages, total } = await fetchAll(p)
        const items = pages.flat()
        const ids = items.map((i) => i.id)
        sizes.push(ids.length)
        expect(new Set(ids).size).toBe(ids.length) // no listing on two pages
        expect(ids.length).toBe(total)

        const expectedIn = [...known.values()].filter((k) => meets(k, p) === true).map((k) => k.id)
        const allowed = new Set([...known.values()].filter((k) => meets(k, p) !== false).map((k) => k.id))
        for (const id of ids) expect(allowed.has(id), `${id} does not meet ${p}`).toBe(true)
        for (const id of expectedIn) expect(ids, `${id} missing for ${p}`).toContain(id)

        for (const item of items) {
          const k = known.get(item.id)!
          const next = nextSession(k)
          expect(item.next_session_at).toBe(next === null ? null : new Date(next).toISOString())
          if (p.get('radius_km')) {
            const d = haversineKm(Number(p.get('lat')), Number(p.get('lng')), k.lat!, k.lng!)
            expect(Math.abs(item.distance_km! - d)).toBeLessThan(0.002)
          } else expect(item.distance_km).toBeUndefined()
        }
        const sort = p.get('sort')!
        for (let i = 1; i < items.length; i++) expect(compare(sort, Boolean(p.get('q')), items[i - 1]!, items[i]!), `order at ${i} for ${p}`).toBeLessThanOrEqual(0)
      }),
      { numRuns: 80, seed: 4242 },
    )
    // the property means something only if most combinations select several listings
    expect(sizes.filter((n) => n >= 2).length).toBeGreaterThan(sizes.length / 2)
  })

  it('ranks by similarity to q, best first', async () => {
    const body = (await ctx.app.inject({ method: 'GET', url: '/api/search?q=swiming&page_size=100' })).json() as { items: Card[]; total: number }
    const swimmers = [...known.values()].filter((k) => k.public && k.word === 'swimming').map((k) => k.id)
    expect(swimmers.length).toBeGreaterThan(0)
    expect(body.items.map((i) => i.id).sort()).toEqual([...swimmers].sort())
  })

  // the cases below add their own listings, in Mumbai (far from CENTRES) and with words the dataset above never uses
  it('matches every word of q against the words of a card; a closer word ranks first, then the rating', async () => {
    const mumbai = { city: 'Mumbai', lat: 19.076, lng: 72.8777 }
    const make = (text: string, rating: string) => createListing(db, { title: text, search_text: text, rating_avg: rating, venue: mumbai })
    const exact = await make('origami workshop', '3.20')
    const longer = await make('origamis workshop', '4.80') // a word close to q's, not q's
    const both = await make('origami and calligraphy', '4.50')
    const typo = (await ctx.app.inject({ method: 'GET', url: '/api/search?q=origamy&city=Mumbai' })).json() as { items: Card[] }
    expect(typo.items.map((i) => i.id).sort()).toEqual([exact.id, longer.id, both.id].sort())
    const ranked = (await ctx.app.inject({ method: 'GET', url: '/api/search?q=origami&city=Mumbai' })).json() as { items: Card[] }
    // the exact word first (by rating among them), then the card holding only a less similar word
    expect(ranked.items.map((i) => i.id)).toEqual([both.id, exact.id, longer.id])
    const two = (await ctx.app.inject({ method: 'GET', url: '/api/search?q=Origami%20CALIGRAPHY' })).json() as { items: Card[] }
    expect(two.items.map((i) => i.id)).toEqual([both.id]) // every word of q, each with its typo
    // two letters swapped is below the trigram threshold, and still matches: last by similarity, then by rating
    const swapped = (await ctx.app.inject({ method: 'GET', url: '/api/search?q=oirgami&city=Mumbai' })).json() as { items: Card[] }
    expect(swapped.items.map((i) => i.id)).toEqual([both.id, exact.id])
    const none = (await ctx.app.inject({ method: 'GET', url: '/api/search?q=origami%20zzyzx' })).json() as { items: Card[]; total: number }
    expect(none).toMatchObject({ items: [], total: 0 })
    const punctuation = (await ctx.app.inject({ method: 'GET', url: '/api/search?q=%21%3F' })).json() as { items: Card[]; total: number }
    expect(punctuation).toMatchObject({ items: [], total: 0 })
  })

  it('orders listings at one position by id in a distance search, beside nearer and farther ones', async () => {
    const spot = { lat: 19.2, lng: 72.95 }
    const at = (dLat: number) => createListing(db, { title: 'tie', search_text: 'tie', venue: { city: 'Mumbai', lat: spot.lat + dLat, lng: spot.lng } })
    const same = [await at(0.01), await at(0.01), await at(0.01)]
    const nearer = await at(0)
    const farther = await at(0.02)
    const expected = [nearer.id, ...same.map((l) => l.id).sort(), farther.id]
    const body = (await ctx.app.inject({ method: 'GET', url: `/api/search?lat=${spot.lat}&lng=${spot.lng}&radius_km=5&sort=distance` })).json() as { items: Card[] }
    expect(body.items.map((i) => i.id)).toEqual(expected)
    // pages of two end inside the tie: each page reads only the matches up to its last one's distance
    const { pages } = await fetchAll(new URLSearchParams({ lat: String(spot.lat), lng: String(spot.lng), radius_km: '5', sort: 'distance', page_size: '2' }))
    expect(pages.flat().map((i) => i.id)).toEqual(expected)
  })
})
