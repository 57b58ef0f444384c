// Checked in code before anything is sent: a reply may name only listings, prices, age ranges, times and dates the
// catalog returned for this answer (or the parent's own figures). Anything else means the text is not grounded.
import { indiaMinutes } from './india-time.js'
import type { Recommendation } from './recommend.js'
import type { AdvisorQuery } from './understanding.js'

export interface GroundingFacts {
  recommendations: readonly Recommendation[]
  /** Every card a tool returned in this answer: names of these may be mentioned (e.g. "X is full"), prices too. */
  seen: readonly Recommendation[]
  query: AdvisorQuery
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

function minutesOf(hour: number, minute: number, meridiem: string | undefined): number {
  let h = hour
  if (meridiem === 'pm' && h < 12) h += 12
  if (meridiem === 'am' && h === 12) h = 0
  return h * 60 + minute
}

/** What the text claims that the facts do not back; empty when every name and figure is grounded. */
export function ungroundedClaims(text: string, facts: GroundingFacts): string[] {
  const all = [...facts.recommendations, ...facts.seen]
  const lower = text.toLowerCase()
  const problems: string[] = []
  const q = facts.query

  // money: ₹1,200 / Rs 1200 / 1200 rupees / INR 1200
  const prices = new Set<number>(all.map((r) => r.listing.price))
  if (q.max_price !== null) prices.add(q.max_price)
  for (const m of lower.matchAll(/(?:₹|\brs\.?|\binr)\s*(\d[\d,]*(?:\.\d+)?)|(\d[\d,]*(?:\.\d+)?)\s*(?:rupees|\brs\b)/g)) {
    const paise = Math.round(Number((m[1] ?? m[2] ?? '').replace(/,/g, '')) * 100)
    if (!prices.has(paise)) problems.push(`price ${m[0].trim()}`)
  }

  // age ranges: "ages 5–10", "5-10 years", "for 5 to 10 year olds"
  const bands = new Set(all.map((r) => `${r.listing.age_min}-${r.listing.age_max}`))
  for (const m of lower.matchAll(/\b(\d{1,2})\s*(?:–|—|-|to)\s*(\d{1,2})\s*(?:years?|yrs?|year-olds?|y\/o)\b|\bages?\s*(\d{1,2})\s*(?:–|—|-|to)\s*(\d{1,2})\b/g)) {
    const band = `${Number(m[1] ?? m[3])}-${Number(m[2] ?? m[4])}`
    if (!bands.has(band)) problems.push(`age range ${m[0].trim()}`)
  }
  const ages = new Set<number>([...q.ages, ...all.flatMap((r) => [r.listing.age_min, r.listing.age_max])])
  for (const m of lower.matchAll(/\b(\d{1,2})\s*-?\s*(?:year-old|years? old|yo)\b|\bage\s+(\d{1,2})\b(?!\s*(?:–|—|-|to))/g)) {
    if (!ages.has(Number(m[1] ?? m[2]))) problems.push(`age ${m[0].trim()}`)
  }

  // times of day: 10:00, 4:30 pm, 5 pm (India time of a returned session)
  const sessions = all.flatMap((r) => (r.next_session ? [r.next_session] : []))
  const times = new Set(sessions.flatMap((s) => [indiaMinutes(new Date(s.starts_at)), indiaMinutes(new Date(s.ends_at))]))
  if (q.time_window) [q.time_window.from, q.time_window.to].forEach((t) => times.add(t))
  for (const m of lower.matchAll(/\b(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b|\b(\d{1,2}):(\d{2})\b/g)) {
    const minutes = m[3] ? minutesOf(Number(m[1]), Number(m[2] ?? 0), m[3]) : minutesOf(Number(m[4]), Number(m[5]), undefined)
    const alsoPm = m[3] ? minutes : minutes + 12 * 60
    if (!times.has(minutes) && !times.has(alsoPm)) problems.push(`time ${m[0].trim()}`)
  }

  // dates: "6 Dec", "Dec 6"
  const dates = new Set(sessions.map((s) => {
    const local = new Date(Date.parse(s.starts_at) + 330 * 60_000)
    return `${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]}`
  }))
  for (const m of lower.matchAll(/\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+(\d{1,2})(?:st|nd|rd|th)?\b/g)) {
    const date = m[1] ? `${Number(m[1])} ${m[2]}` : `${Number(m[4])} ${m[3]}`
    if (!dates.has(date)) problems.push(`date ${m[0].trim()}`)
  }

  // names: whatever the text sets apart (**bold**, "quoted", “curly quoted”) must be a returned title, studio, category or place
  const names = new Set<string>(
    all.flatMap((r) => [r.listing.title, r.listing.partner.business_name, r.listing.category.name, r.listing.area ?? '', r.listing.city ?? ''])
      .filter(Boolean)
      .map((n) => n.toLowerCase()),
  )
  if (q.area) names.add(q.area.name.toLowerCase())
  for (const m of text.matchAll(/\*\*([^*]+)\*\*|"([^"]+)"|“([^”]+)”/g)) {
    const name = (m[1] ?? m[2] ?? m[3] ?? '').trim().toLowerCase()
    if (name && !names.has(name)) problems.push(`name ${name}`)
  }
  return problems
}
