// Whether a listing satisfies what the parent asked: the hard constraints (age, city, budget, type, trial, distance)
// every recommendation is held to, whichever engine chose it.
import { cityNameVariants, normalizeCityName, type ListingCard } from '../catalog/index.js'
import { distanceKm } from './places.js'
import type { AdvisorQuery } from './understanding.js'

export type Constraint = 'age' | 'city' | 'budget' | 'type' | 'trial' | 'distance' | 'category'

type Card = Pick<ListingCard, 'age_min' | 'age_max' | 'city' | 'price' | 'type' | 'trial_available' | 'lat' | 'lng' | 'category'>

/** The constraints of the query that the card breaks (empty when it fits them all). */
export function brokenConstraints(card: Card, q: AdvisorQuery): Constraint[] {
  const broken: Constraint[] = []
  if (q.ages.some((age) => age < card.age_min || age > card.age_max)) broken.push('age')
  if (q.city !== null && (card.city === null || !cityNameVariants(q.city).includes(normalizeCityName(card.city)))) broken.push('city')
  if (q.max_price !== null && card.price > q.max_price) broken.push('budget')
  if (q.type !== null && card.type !== q.type) broken.push('type')
  if (q.trial_only && !card.trial_available) broken.push('trial')
  if (q.area !== null && q.radius_km !== null && (card.lat === null || card.lng === null || distanceKm(q.area, { lat: card.lat, lng: card.lng }) > q.radius_km))
    broken.push('distance')
  if (q.categories.length > 0 && !q.categories.includes(card.category.slug)) broken.push('category')
  return broken
}
