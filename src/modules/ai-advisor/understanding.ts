// What a parent asks for, read by rules from plain words: ages, city and area, interests, days and times, budget, type
// and distance. Deterministic: the same words always give the same understanding.
import { cityNameVariants, normalizeCityName } from '../catalog/index.js'
import { AREAS, CITIES, type Area } from './places.js'
import { CATEGORY_WORDS, INTEREST_GROUPS, MISSPELLINGS } from './vocabulary.js'

export const LISTING_KINDS = ['class', 'camp', 'workshop', 'event'] as const
export type ListingKind = (typeof LISTING_KINDS)[number]

/** Minutes after local midnight, [from, to). */
export interface TimeWindow {
  from: number
  to: number
  label: string
}

/** What is wanted, beyond who and where: interests (category slugs), days and times, budget (paise), type, trial. */
export interface Wishes {
  categories: string[]
  weekdays: number[] | null
  day_label: string | null
  time_window: TimeWindow | null
  max_price: number | null
  type: ListingKind | null
  trial_only: boolean
}

/** What the message itself says; null/empty where it says nothing. */
export interface ParsedMessage extends Wishes {
  ages: number[]
  city: string | null
  area: Area | null
  radius_km: number | null
  /** "both my kids", "my children": the parent means all of them. */
  all_children: boolean
}

export type CitySource = 'message' | 'area' | 'profile' | 'conversation'

/** The request the advisor searches for: the message, completed by the children, the profile and the conversation. */
export interface AdvisorQuery extends Wishes {
  ages: number[]
  city: string | null
  city_source: CitySource | null
  area: { name: string; lat: number; lng: number } | null
  radius_km: number | null
}

export const DEFAULT_AREA_RADIUS_KM = 8

const MORNING: TimeWindow = { from: 6 * 60, to: 12 * 60, label: 'mornings' }
const AFTERNOON: TimeWindow = { from: 12 * 60, to: 16 * 60, label: 'afternoons' }
const EVENING: TimeWindow = { from: 16 * 60, to: 21 * 60, label: 'evenings' }
const AFTER_SCHOOL: TimeWindow = { from: 15 * 60, to: 19 * 60 + 30, label: 'after school' }
const WEEKDAYS = [1, 2, 3, 4, 5]

const DAY_WORDS: ReadonlyArray<[RegExp, number[], string]> = [
  [/\b(weekends?|sat(?:urday)?\s*(?:-|\/|and|&|or)\s*sun(?:day)?|shaniwar\s*(?:-|\/|and|&|or)\s*ravivar)\b/, [6, 7], 'weekends'],
  [/\b(saturdays?|shaniwar|sat)\b/, [6], 'Saturdays'],
  [/\b(sundays?|ravivar|itwaar|itwar|sun)\b/, [7], 'Sundays'],
  [/\b(weekdays?|weekday evenings)\b/, WEEKDAYS, 'weekdays'],
  [/\b(mondays?|somvar)\b/, [1], 'Mondays'],
  [/\b(tuesdays?|mangalvar)\b/, [2], 'Tuesdays'],
  [/\b(wednesdays?|budhvar)\b/, [3], 'Wednesdays'],
  [/\b(thursdays?|guruvar)\b/, [4], 'Thursdays'],
  [/\b(fridays?|shukravar)\b/, [5], 'Fridays'],
]

const FUZZY_STOPWORDS = new Set(['point', 'state', 'cover', 'leading', 'waiting', 'place', 'sector', 'years', 'seeing', 'saying', 'coming', 'going', 'living', 'something', 'drawing-room', 'reach', 'spend', 'being', 'paying', 'sessions'])

/** Lower case, ₹ and punctuation spaced out, single spaces: the form every rule reads. */
export function normalizeMessage(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[’'`]/g, '')
    .replace(/₹/g, ' ₹ ')
    .replace(/[^a-z0-9₹.,&/:+\- ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const hasPhrase = (text: string, phrase: string) => new RegExp(`(?:^|[^a-z0-9])${escape(phrase)}(?:$|[^a-z0-9])`).test(text)

/** Edit distance with adjacent transpositions, stopping early past 1 (all we ask is "one typo away?"). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true
  if (Math.abs(a.length - b.length) > 1) return false
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  const restA = a.slice(i)
  const restB = b.slice(i)
  if (restA.slice(1) === restB.slice(1)) return true // substitution
  if (restA.slice(1) === restB || restA === restB.slice(1)) return true // deletion / insertion
  return restA.length >= 2 && restA[0] === restB[1] && restA[1] === restB[0] && restA.slice(2) === restB.slice(2) // transposition
}

const SINGLE_WORDS: ReadonlyArray<[string, string]> = Object.entries(CATEGORY_WORDS).flatMap(([slug, words]) =>
  words.filter((w) => !w.includes(' ')).map((w) => [w, slug] as [string, string]),
)
const PHRASES: ReadonlyArray<[string, string]> = Object.entries(CATEGORY_WORDS).flatMap(([slug, words]) =>
  words.filter((w) => w.includes(' ')).map((w) => [w, slug] as [string, string]),
)

function findCategories(text: string): string[] {
  const found: string[] = []
  const add = (slug: string) => void (found.includes(slug) || found.push(slug))
  let rest = text
  // phrases first ("public speaking" is theatre, not languages), then take them out of the text
  for (const [phrase, slug] of PHRASES) {
    if (hasPhrase(rest, phrase)) {
      add(slug)
      rest = rest.replace(new RegExp(escape(phrase), 'g'), ' ')
    }
  }
  const tokens = rest.match(/[a-z]+/g) ?? []
  for (const raw of tokens) {
    const token = MISSPELLINGS[raw] ?? raw
    const exact = SINGLE_WORDS.find(([w]) => w === token)
    if (exact) {
      add(exact[1])
      continue
    }
    const group = INTEREST_GROUPS[token]
    if (group) {
      group.forEach(add)
      continue
    }
    if (token.length < 5 || FUZZY_STOPWORDS.has(token)) continue
    const near = SINGLE_WORDS.find(([w]) => w.length >= 5 && withinOneEdit(token, w))
    if (near) add(near[1])
  }
  return found
}

const AGE_LIST = String.raw`((?:\d{1,2}\s*(?:,|and|&|aur|or|n)\s*)*\d{1,2})`

function findAges(text: string): number[] {
  const ages: number[] = []
  const take = (list: string) => {
    for (const n of list.match(/\d{1,2}/g) ?? []) {
      const age = Number(n)
      if (age >= 0 && age <= 18 && !ages.includes(age)) ages.push(age)
    }
  }
  const spaced = text.replace(/(\d)(yo|yrs?|years?|y\/o|saal)/g, '$1 $2')
  for (const m of spaced.matchAll(new RegExp(`${AGE_LIST}\\s*-?\\s*(?:years?|yrs?|yo|y/o|saal|sal|year-olds?|years-old)\\b`, 'g'))) take(m[1]!)
  for (const m of spaced.matchAll(new RegExp(`\\b(?:ages?|aged|umar|age group)\\s*(?:of\\s*|is\\s*|:\\s*)?((?:\\d{1,2}\\s*(?:,|and|&|aur|or|to|-)\\s*)*\\d{1,2})\\b`, 'g'))) take(m[1]!)
  // "for my 7 and 9" is too loose; "class 3" / "grade 3" is a school year, about six years after birth
  for (const m of spaced.matchAll(/\b(?:class|grade|std)\s*(\d{1,2})(?:st|nd|rd|th)?\b/g)) {
    const grade = Number(m[1])
    if (grade >= 1 && grade <= 12 && ages.length === 0) ages.push(grade + 5)
  }
  return ages.sort((a, b) => a - b)
}

function findCity(text: string): string | null {
  let best: { city: string; at: number } | null = null
  for (const city of CITIES) {
    for (const name of cityNameVariants(city)) {
      const m = new RegExp(`(?:^|[^a-z])${escape(name)}(?:$|[^a-z])`).exec(text)
      if (m && (best === null || m.index < best.at)) best = { city, at: m.index }
    }
  }
  return best?.city ?? null
}

function findArea(text: string, city: string | null): Area | null {
  const inCity = (a: Area) => city === null || cityNameVariants(city).includes(normalizeCityName(a.city))
  for (const area of AREAS) {
    const names = [area.name.toLowerCase(), ...(area.aliases ?? [])]
    if (names.some((n) => hasPhrase(text, n)) && inCity(area)) return area
  }
  return null
}

const amount = (digits: string, unit: string | undefined) => {
  const value = Number(digits.replace(/,/g, ''))
  const rupees = unit && /^(k|thousand|hazaa?r)$/.test(unit) ? value * 1000 : value
  return Number.isFinite(rupees) && rupees > 0 && rupees <= 10_000_000 ? Math.round(rupees * 100) : null
}

function findBudget(text: string): number | null {
  const money = String.raw`(?:rs\.?|inr|₹|rupees)?\s*(\d[\d,]*(?:\.\d+)?)\s*(k\b|thousand|hazaa?r)?`
  const notAUnit = String.raw`(?!\s*(?:km|kms|kilomet|years?|yrs?|yo|saal|min|mins|minutes|hours?|hrs?|pm|am|kids|children|sessions?|classes|weeks?|days?|:))`
  const patterns = [
    new RegExp(String.raw`\b(?:under|below|less than|max(?:imum)?|upto|up to|within|budget(?:\s+(?:of|is))?|not more than|no more than|cheaper than|around)\s*:?\s*${money}${notAUnit}`),
    new RegExp(String.raw`(?:rs\.?|inr|₹)\s*(\d[\d,]*(?:\.\d+)?)\s*(k\b|thousand|hazaa?r)?`),
    new RegExp(String.raw`\b(\d[\d,]*(?:\.\d+)?)\s*(k\b|thousand|hazaa?r)?\s*(?:rs\b|rupees|inr|bucks|₹)`),
    new RegExp(String.raw`\b(\d[\d,]*(?:\.\d+)?)\s*(k\b|thousand|hazaa?r)?\s*(?:tak|se kam|ke andar|or less|max|budget)\b`),
    /\b(\d{1,3})\s*(k)\b(?!\s*(?:km|m\b))/,
  ]
  for (const pattern of patterns) {
    const m = pattern.exec(text)
    if (m) {
      const paise = amount(m[1]!, m[2])
      if (paise !== null) return paise
    }
  }
  return null
}

function findType(text: string): ListingKind | null {
  if (/\b(camps?|bootcamp|summer camp|holiday camp|shivir)\b/.test(text)) return 'camp'
  if (/\bworkshops?\b/.test(text)) return 'workshop'
  if (/\b(events?|competitions?|tournaments?|gala|contest|open mic)\b/.test(text)) return 'event'
  if (/\b(classes|lessons|coaching|regular class|weekly class|course|tuition)\b/.test(text)) return 'class'
  return null
}

function findDays(text: string): { weekdays: number[]; label: string } | null {
  const days: number[] = []
  const labels: string[] = []
  let rest = text
  for (const [pattern, list, label] of DAY_WORDS) {
    if (pattern.test(rest)) {
      for (const d of list) if (!days.includes(d)) days.push(d)
      labels.push(label)
      rest = rest.replace(new RegExp(pattern.source, 'g'), ' ')
    }
  }
  return days.length > 0 ? { weekdays: days.sort(), label: labels.join(' and ') } : null
}

function clockMinutes(hour: string, minutes: string | undefined, meridiem: string | undefined): number | null {
  let h = Number(hour)
  const m = minutes ? Number(minutes) : 0
  if (h > 23 || m > 59) return null
  if (meridiem === 'pm' && h < 12) h += 12
  if (meridiem === 'am' && h === 12) h = 0
  // "after 5" with no am/pm means the afternoon
  if (!meridiem && h >= 1 && h <= 7) h += 12
  return h * 60 + m
}

function findTimes(text: string): TimeWindow | null {
  if (/\b(after school|post school|school ke baad|after-school)\b/.test(text)) return AFTER_SCHOOL
  const after = /\b(?:after|from|baad)\s*(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\b/.exec(text)
  const before = /\b(?:before|until|till|by)\s*(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\b/.exec(text)
  if (after || before) {
    const from = after ? clockMinutes(after[1]!, after[2], after[3]) : 0
    const to = before ? clockMinutes(before[1]!, before[2], before[3]) : 24 * 60
    if (from !== null && to !== null && from < to) {
      const label = [after ? `after ${after[0].replace(/^\S+\s*/, '')}` : '', before ? `before ${before[0].replace(/^\S+\s*/, '')}` : ''].filter(Boolean).join(' and ')
      return { from, to, label }
    }
  }
  if (/\b(mornings?|subah|early)\b/.test(text)) return MORNING
  if (/\b(afternoons?|dopahar|noon)\b/.test(text)) return AFTERNOON
  if (/\b(evenings?|shaam|sham|after office|after work)\b/.test(text)) return EVENING
  return null
}

function findRadius(text: string): number | null {
  const m = /\b(?:within|under|less than|upto|up to|in)?\s*(\d{1,3}(?:\.\d+)?)\s*(?:km|kms|kilometers?|kilometres?)\b/.exec(text)
  if (!m) return null
  const km = Number(m[1])
  return km > 0 && km <= 100 ? km : null
}

/** Reads one message. */
export function parseMessage(message: string): ParsedMessage {
  const text = normalizeMessage(message)
  const city = findCity(text)
  const area = findArea(text, city)
  const days = findDays(text)
  const times = findTimes(text)
  return {
    ages: findAges(text),
    city,
    area,
    radius_km: findRadius(text),
    categories: findCategories(text),
    weekdays: days?.weekdays ?? (times === AFTER_SCHOOL ? WEEKDAYS : null),
    day_label: days?.label ?? null,
    time_window: times,
    max_price: findBudget(text),
    type: findType(text),
    trial_only: /\b(trial|trials|demo class|try out|tryout|free class|trial class)\b/.test(text),
    all_children: /\b(both|my kids|my children|both kids|dono|bachche|bacche|siblings)\b/.test(text),
  }
}

export interface QueryContext {
  /** Ages of the children the parent named (child_ids), or of all their children when the message says "both my kids". */
  childAges: number[]
  profileCity: string | null
  /** The understanding of the conversation's previous question, for follow-ups ("and on weekends?"). */
  previous: AdvisorQuery | null
}

/** The message, completed: children's ages when it names none, the area's city, then the conversation's, then the profile's. */
export function resolveQuery(parsed: ParsedMessage, context: QueryContext): AdvisorQuery {
  const previous = context.previous
  const ages = parsed.ages.length > 0 ? parsed.ages : context.childAges.length > 0 ? [...context.childAges].sort((a, b) => a - b) : previous?.ages ?? []
  let city: string | null = parsed.city
  let source: CitySource | null = city ? 'message' : null
  if (!city && parsed.area) [city, source] = [parsed.area.city, 'area']
  if (!city && previous?.city) [city, source] = [previous.city, 'conversation']
  if (!city && context.profileCity) [city, source] = [context.profileCity, 'profile']
  const area = parsed.area ?? (parsed.city === null && previous?.area ? previous.area : null)
  const carried = previous
  return {
    ages,
    city,
    city_source: source,
    area: area ? { name: area.name, lat: area.lat, lng: area.lng } : null,
    radius_km: area ? (parsed.radius_km ?? (parsed.area ? DEFAULT_AREA_RADIUS_KM : previous?.radius_km ?? DEFAULT_AREA_RADIUS_KM)) : null,
    categories: parsed.categories.length > 0 ? parsed.categories : previous?.categories ?? [],
    weekdays: parsed.weekdays ?? carried?.weekdays ?? null,
    day_label: parsed.day_label ?? (parsed.weekdays ? null : carried?.day_label ?? null),
    time_window: parsed.time_window ?? carried?.time_window ?? null,
    max_price: parsed.max_price ?? carried?.max_price ?? null,
    type: parsed.type ?? carried?.type ?? null,
    trial_only: parsed.trial_only || (carried?.trial_only ?? false),
  }
}
