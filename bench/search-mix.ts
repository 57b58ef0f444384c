// A deterministic mix of realistic searches over the bench's large set (bench/seed-large.ts: ten cities, the demo's
// twelve categories, ages 2–16, prices ₹300–₹1,490, sessions over the next 8 weeks), grouped into named shapes.
// bench/drive.ts cycles through it on every connection; bench/explain.ts EXPLAINs one search of each shape.
import type { SearchListingsQuery } from '../src/modules/catalog/index.js'

export type SearchParams = Partial<SearchListingsQuery>

export interface MixedSearch {
  shape: string
  params: SearchParams
  /** false: EXPLAINed and checked against the reference, but not driven (see OUTSIDE_THE_DRIVEN_MIX). */
  driven: boolean
}

/**
 * Shapes EXPLAINed and checked against the reference but not driven, for a shape too slow to share the pool with the
 * rest. None now: `q` without a city (hundreds of ms while q was scored against each card's whole text) is driven
 * since q is matched word by word through the vocabulary (bench/README.md).
 */
export const OUTSIDE_THE_DRIVEN_MIX = new Set<string>()

const CITIES = ['Gurgaon', 'Delhi', 'Bengaluru', 'Mumbai', 'Pune', 'Hyderabad', 'Chennai', 'Kolkata', 'Noida', 'Ahmedabad']
/** Other names parents type for the same cities (the catalog's aliases). */
const CITY_ALIASES = ['Gurugram', 'Bangalore', 'bombay', 'NEW DELHI', 'gurgaon']
const CENTRES: Record<string, [number, number]> = {
  Gurgaon: [28.4595, 77.0266], Delhi: [28.6139, 77.209], Bengaluru: [12.9716, 77.5946], Mumbai: [19.076, 72.8777],
  Pune: [18.5204, 73.8567], Hyderabad: [17.385, 78.4867], Chennai: [13.0827, 80.2707], Kolkata: [22.5726, 88.3639],
  Noida: [28.5355, 77.391], Ahmedabad: [23.0225, 72.5714],
}
const CATEGORIES = ['art-craft', 'chess', 'coding-robotics', 'dance', 'languages', 'martial-arts', 'music', 'science-stem', 'sports', 'swimming', 'theatre-drama', 'yoga']
const TYPES = ['class', 'camp', 'workshop', 'event'] as const
/** What parents type, typos included. */
const WORDS = ['swiming', 'chess', 'dance', 'footbal', 'robotcs', 'yoga', 'music', 'karate', 'paintng', 'coding', 'theater', 'langauges']

/** mulberry32: the same sequence on every run, so every run drives the same mix. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The shapes and how many distinct searches each contributes; the weights are how often parents search that way. */
export const MIX_SHAPES: { shape: string; count: number; make: (r: () => number, inDays: (n: number) => string) => SearchParams }[] = []

function shape(name: string, count: number, make: (pick: <T>(xs: readonly T[]) => T, r: () => number, inDays: (n: number) => string) => SearchParams): void {
  MIX_SHAPES.push({
    shape: name,
    count,
    make: (r, inDays) => make((xs) => xs[Math.floor(r() * xs.length)]!, r, inDays),
  })
}

const age = (r: () => number) => 3 + Math.floor(r() * 12)

shape('city+age', 40, (pick, r) => ({ city: pick(CITIES), age: age(r) }))
shape('city+age+category', 40, (pick, r) => ({ city: pick(CITIES), age: age(r), category: pick(CATEGORIES) }))
shape('city alias+category', 12, (pick) => ({ city: pick(CITY_ALIASES), category: pick(CATEGORIES), sort: 'rating' }))
shape('city+type+age', 12, (pick, r) => ({ city: pick(CITIES), type: pick(TYPES), age: age(r) }))
shape('city+age, page 2–5', 16, (pick, r) => ({ city: pick(CITIES), age: age(r), page: 2 + Math.floor(r() * 4) }))
shape('q (typo)+city', 16, (pick) => ({ q: pick(WORDS), city: pick(CITIES) }))
shape('q (typo)', 8, (pick) => ({ q: pick(WORDS) }))
shape('lat/lng radius', 16, (pick, r) => {
  const [lat, lng] = CENTRES[pick(CITIES)]!
  return { lat: round(lat + (r() - 0.5) * 0.1), lng: round(lng + (r() - 0.5) * 0.1), radius_km: pick([2, 3, 5, 8, 10]), sort: 'distance' }
})
shape('city+date range', 16, (pick, r, inDays) => {
  const from = Math.floor(r() * 20)
  return { city: pick(CITIES), date_from: inDays(from), date_to: inDays(from + Math.floor(r() * 3)) }
})
shape('date range', 8, (_pick, r, inDays) => {
  const from = 1 + Math.floor(r() * 20)
  return { date_from: inDays(from), date_to: inDays(from + 1 + Math.floor(r() * 2)) }
})
shape('city+price range, by price', 16, (pick, r) => {
  const min = 300 + Math.floor(r() * 8) * 100
  return { city: pick(CITIES), min_price: min * 100, max_price: (min + 200 + Math.floor(r() * 4) * 100) * 100, sort: 'price' }
})
shape('price range', 8, (_pick, r) => {
  const min = 300 + Math.floor(r() * 10) * 100
  return { min_price: min * 100, max_price: (min + 100) * 100 }
})
shape('city+age, starting soon', 12, (pick, r) => ({ city: pick(CITIES), age: age(r), sort: 'starting_soon' }))
shape('city+trial only', 12, (pick, r) => ({ city: pick(CITIES), age: age(r), trial_only: true }))
shape('no filter, deep page', 12, (_pick, r) => ({ page: 10 + Math.floor(r() * 41) }))

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000
}

export function toQueryString(params: SearchParams): string {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined) p.set(k, String(v))
  return p.toString()
}

/** The mix: distinct searches (repeats skipped), shapes interleaved, the same on every run for the same day. */
export function searchMix(inDays: (n: number) => string, seed = 20261202): MixedSearch[] {
  const r = random(seed)
  const seen = new Set<string>()
  const byShape = MIX_SHAPES.map((s) => {
    const searches: MixedSearch[] = []
    for (let tries = 0; searches.length < s.count && tries < s.count * 50; tries++) {
      const params = s.make(r, inDays)
      const key = toQueryString(params)
      if (seen.has(key)) continue
      seen.add(key)
      searches.push({ shape: s.shape, params, driven: !OUTSIDE_THE_DRIVEN_MIX.has(s.shape) })
    }
    return searches
  })
  // round-robin over the shapes, so any stretch of the cycle is a sample of all of them
  const mix: MixedSearch[] = []
  for (let i = 0; mix.length < byShape.reduce((n, s) => n + s.length, 0); i++) {
    for (const searches of byShape) if (i < searches.length) mix.push(searches[i]!)
  }
  return mix
}

/** One search of each shape: what bench/explain.ts runs under EXPLAIN (ANALYZE). */
export function shapeSamples(mix: MixedSearch[]): MixedSearch[] {
  const samples = new Map<string, MixedSearch>()
  for (const m of mix) if (!samples.has(m.shape)) samples.set(m.shape, m)
  return [...samples.values()]
}
