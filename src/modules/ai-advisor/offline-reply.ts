// The offline engine's answer: a short templated reply naming only what the catalog returned.
import { formatSessionTime } from './india-time.js'
import { describeAges, describeWhen, formatRupees, listCategories, type RecommendationResult } from './recommend.js'
import type { AdvisorQuery } from './understanding.js'

/** "swimming for age 7 in Bengaluru near Indiranagar on weekends under ₹2,000" */
export function describeQuery(q: AdvisorQuery): string {
  const parts: string[] = []
  const kind = q.trial_only ? 'trial classes' : q.type ? `${q.type}s` : 'activities'
  parts.push(q.categories.length > 0 ? `${listCategories(q.categories)} ${kind}` : kind)
  if (q.ages.length > 0) parts.push(`for ${describeAges(q.ages)}`)
  if (q.city) parts.push(`in ${q.city}`)
  if (q.area) parts.push(`within ${q.radius_km ?? 0} km of ${q.area.name}`)
  const when = describeWhen(q)
  if (when) parts.push(when)
  if (q.max_price !== null) parts.push(`up to ${formatRupees(q.max_price)}`)
  return parts.join(' ')
}

export function offlineReply(q: AdvisorQuery, result: RecommendationResult): string {
  const lines: string[] = []
  const asked = describeQuery(q)
  const list = result.recommendations.length > 0 ? result.recommendations : result.relaxation?.recommendations ?? []
  if (result.recommendations.length > 0) {
    lines.push(`Here ${list.length === 1 ? 'is 1 option' : `are ${list.length} options`} for ${asked}:`)
  } else if (result.relaxation) {
    lines.push(`I found nothing that fits exactly: ${asked}. ${result.relaxation.description}`)
  } else {
    lines.push(`I found nothing for ${asked}${q.city ? ` — we have no matching activities in ${q.city} yet` : ''}. Try another city or activity.`)
  }
  for (const r of list) {
    const l = r.listing
    const next = r.next_session ? `, next on ${formatSessionTime(new Date(r.next_session.starts_at))}` : ''
    lines.push(`• ${l.title} by ${l.partner.business_name}${l.area ? ` (${l.area})` : ''}: ${formatRupees(l.price)}, ages ${l.age_min}–${l.age_max}${next}.`)
  }
  if (q.city_source === 'profile' && list.length > 0) lines.push(`(I searched ${q.city}, the city in your profile; name another city to search there.)`)
  return lines.join('\n')
}
