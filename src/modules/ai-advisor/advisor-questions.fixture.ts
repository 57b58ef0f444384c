// Parent questions with their hard constraints, written by hand (not by the parser): what every recommendation must
// satisfy on the demo data (src/seed/demo.ts). Read by advisor-quality.test.ts and `npm run bench:advisor`.
import { cityNameVariants, type ListingCard } from '../catalog/index.js'
import { distanceKm } from './places.js'

export interface AdvisorQuestion {
  message: string
  /** Ages of the parent's children sent as child_ids (the message then names none). */
  children?: number[]
  /** The city in the parent's profile. */
  profile_city?: string
  /** Hard constraints: every recommended listing must satisfy all of them. */
  hard: {
    ages?: number[]
    city?: string
    /** Paise. */
    max_price?: number
    type?: 'class' | 'camp' | 'workshop' | 'event'
    trial_only?: boolean
    /** Within this many km of the area. */
    near?: { lat: number; lng: number; radius_km: number }
  }
  /** The categories asked for (one, or a group such as "creative"): recommendations should be in them. */
  categories?: string[]
  /** Nothing on the demo data fits: the answer must say so and offer a relaxation (unless the city has nothing at all). */
  nothing_fits?: boolean
}

const INDIRANAGAR = { lat: 12.9784, lng: 77.6408 }
const KORAMANGALA = { lat: 12.9352, lng: 77.6245 }
const POWAI = { lat: 19.1176, lng: 72.906 }
const ANDHERI = { lat: 19.1364, lng: 72.8296 }
const BANDRA = { lat: 19.0544, lng: 72.8311 }
const VASANT_KUNJ = { lat: 28.5206, lng: 77.1572 }
const JAYANAGAR = { lat: 12.9299, lng: 77.5826 }
const WHITEFIELD = { lat: 12.9698, lng: 77.75 }
const HAUZ_KHAS = { lat: 28.5535, lng: 77.1942 }
const GK = { lat: 28.5484, lng: 77.2373 }
const CHEMBUR = { lat: 19.0522, lng: 72.8995 }
const near = (at: { lat: number; lng: number }, radius_km = 8) => ({ ...at, radius_km })
const CREATIVE = ['art-craft', 'music', 'dance', 'theatre-drama']

export const ADVISOR_QUESTIONS: readonly AdvisorQuestion[] = [
  { message: 'weekend swimming for my 7-year-old near Indiranagar under ₹2,000', hard: { ages: [7], city: 'Bengaluru', max_price: 200_000, near: near(INDIRANAGAR) }, categories: ['swimming'], nothing_fits: true },
  { message: 'swimming classes for my 6 year old in Gurgaon', hard: { ages: [6], city: 'Gurgaon', type: 'class' }, categories: ['swimming'] },
  { message: 'something creative for both my kids after school in Gurgaon', children: [8, 5], hard: { ages: [5, 8], city: 'Gurgaon' }, categories: CREATIVE },
  { message: 'tairaki class for 8 saal ka beta in Delhi', hard: { ages: [8], city: 'Delhi' }, categories: ['swimming'] },
  { message: 'nritya classes for my daughter age 9 in Mumbai', hard: { ages: [9], city: 'Mumbai', type: 'class' }, categories: ['dance'] },
  { message: 'karate for 10 yr old in bangalore', hard: { ages: [10], city: 'Bengaluru' }, categories: ['martial-arts'] },
  { message: 'chess coaching in Gurugram for 9 year old under 1000', hard: { ages: [9], city: 'Gurgaon', max_price: 100_000, type: 'class' }, categories: ['chess'] },
  { message: 'coding camp for my 11 year old in Bombay', hard: { ages: [11], city: 'Mumbai', type: 'camp' }, categories: ['coding-robotics'] },
  { message: 'robotics for 12yo in Powai', hard: { ages: [12], city: 'Mumbai', near: near(POWAI) }, categories: ['coding-robotics'] },
  { message: 'swiming for 5 yr old in Mumbai', hard: { ages: [5], city: 'Mumbai' }, categories: ['swimming'] },
  { message: 'dancce classes for kids aged 6 and 9 in Delhi', hard: { ages: [6, 9], city: 'Delhi', type: 'class' }, categories: ['dance'] },
  { message: 'art and craft for 4 year old in Bengaluru', hard: { ages: [4], city: 'Bengaluru' }, categories: ['art-craft'] },
  { message: 'yoga for my 5 year old in Koramangala on weekends', hard: { ages: [5], city: 'Bengaluru', near: near(KORAMANGALA) }, categories: ['yoga'] },
  { message: 'music lessons for 8 year old in Gurgaon under ₹800', hard: { ages: [8], city: 'Gurgaon', max_price: 80_000, type: 'class' }, categories: ['music'] },
  { message: 'theatre workshop for 10 year old in Mumbai', hard: { ages: [10], city: 'Mumbai', type: 'workshop' }, categories: ['theatre-drama'] },
  { message: 'football for 7 year old in Delhi', hard: { ages: [7], city: 'Delhi' }, categories: ['sports'] },
  { message: 'science experiments for my 8 year old in Bengaluru after school', hard: { ages: [8], city: 'Bengaluru' }, categories: ['science-stem'] },
  { message: 'trial class for swimming for my 6 yo in Gurgaon', hard: { ages: [6], city: 'Gurgaon', trial_only: true }, categories: ['swimming'], nothing_fits: true },
  { message: 'shatranj for 10 saal ka bachcha Delhi mein', hard: { ages: [10], city: 'Delhi' }, categories: ['chess'] },
  { message: 'paint class for 7 year old in Andheri', hard: { ages: [7], city: 'Mumbai', near: near(ANDHERI) }, categories: ['art-craft'] },
  { message: 'something fun for my 3 year old in Delhi', hard: { ages: [3], city: 'Delhi' } },
  { message: 'weekend activities for 9 year old in Mumbai under 1k', hard: { ages: [9], city: 'Mumbai', max_price: 100_000 } },
  { message: 'summer camp for 10 year old in Gurgaon', hard: { ages: [10], city: 'Gurgaon', type: 'camp' } },
  { message: 'dance for 16 year old in Bengaluru', hard: { ages: [16], city: 'Bengaluru' }, categories: ['dance'], nothing_fits: true },
  { message: 'swimming for 7 year old in Chennai', hard: { ages: [7], city: 'Chennai' }, categories: ['swimming'], nothing_fits: true },
  { message: 'karate for 3 year old in Gurgaon', hard: { ages: [3], city: 'Gurgaon' }, categories: ['martial-arts'], nothing_fits: true },
  { message: 'chess for 8 year old in Mumbai under ₹300', hard: { ages: [8], city: 'Mumbai', max_price: 30_000 }, categories: ['chess'], nothing_fits: true },
  { message: 'Hip hop for 9 year old in Bandra', hard: { ages: [9], city: 'Mumbai', near: near(BANDRA) }, categories: ['dance'] },
  { message: 'kathak classes for 8 yr old in Vasant Kunj', hard: { ages: [8], city: 'Delhi', type: 'class', near: near(VASANT_KUNJ) }, categories: ['dance'] },
  { message: 'public speaking for my 12 year old in Jayanagar', hard: { ages: [12], city: 'Bengaluru', near: near(JAYANAGAR) }, categories: ['theatre-drama'] },
  { message: 'abacus for 7 year old in Gurgaon', hard: { ages: [7], city: 'Gurgaon' }, categories: ['science-stem'] },
  { message: 'cricket coaching for 10 yr old in Whitefield under 1500', hard: { ages: [10], city: 'Bengaluru', max_price: 150_000, type: 'class', near: near(WHITEFIELD) }, categories: ['sports'] },
  { message: 'kuch creative for 6 saal ki beti in Mumbai', hard: { ages: [6], city: 'Mumbai' }, categories: CREATIVE },
  { message: 'swimming in gurugram for 2 kids aged 5 and 8 on saturday', hard: { ages: [5, 8], city: 'Gurgaon' }, categories: ['swimming'], nothing_fits: true },
  { message: 'taekwando for 6 yr old gurgaon', hard: { ages: [6], city: 'Gurgaon' }, categories: ['martial-arts'] },
  { message: 'guitar or keyboard lessons for 9 year old in Hauz Khas', hard: { ages: [9], city: 'Delhi', type: 'class', near: near(HAUZ_KHAS) }, categories: ['music'] },
  { message: 'stargazing event for 10 year old in Powai', hard: { ages: [10], city: 'Mumbai', type: 'event', near: near(POWAI) }, categories: ['science-stem'] },
  { message: 'my son is in class 3, something sporty in Delhi', hard: { ages: [8], city: 'Delhi' }, categories: ['sports'] },
  { message: 'cheap dance classes under 700 for 7yo in Mumbai', hard: { ages: [7], city: 'Mumbai', max_price: 70_000, type: 'class' }, categories: ['dance'] },
  { message: 'painting class in new delhi for 8 year old within 5 km of greater kailash', hard: { ages: [8], city: 'Delhi', near: near(GK, 5) }, categories: ['art-craft'] },
  { message: 'swimming lessons for my 14 year old in Bangalore under 500 rupees', hard: { ages: [14], city: 'Bengaluru', max_price: 50_000, type: 'class' }, categories: ['swimming'], nothing_fits: true },
  { message: 'music for 6 year old', profile_city: 'Delhi', hard: { ages: [6], city: 'Delhi' }, categories: ['music'] },
  { message: 'football tournament for 9 year old in Mumbai', hard: { ages: [9], city: 'Mumbai', type: 'event' }, categories: ['sports'] },
  { message: 'yoga for 13 year old in Chembur', hard: { ages: [13], city: 'Mumbai', near: near(CHEMBUR) }, categories: ['yoga'] },
  { message: 'Koi acchi drawing class batao 9 saal ke liye, Bengaluru, 1000 tak', hard: { ages: [9], city: 'Bengaluru', max_price: 100_000 }, categories: ['art-craft'], nothing_fits: true },
  { message: 'evening chess classes for 11 year old in HSR Layout', hard: { ages: [11], city: 'Bengaluru', type: 'class', near: near({ lat: 12.9121, lng: 77.6446 }) }, categories: ['chess'] },
  { message: 'Python coding for my 13 yr old daughter, Delhi, budget Rs 1200', hard: { ages: [13], city: 'Delhi', max_price: 120_000 }, categories: ['coding-robotics'] },
]

/** The hard constraints a listing card breaks, checked from the fixture alone (not with the advisor's own rules). */
export function hardConstraintViolations(card: ListingCard, hard: AdvisorQuestion['hard']): string[] {
  const broken: string[] = []
  for (const age of hard.ages ?? []) if (age < card.age_min || age > card.age_max) broken.push(`age ${age} outside ${card.age_min}-${card.age_max}`)
  if (hard.city && !cityNameVariants(hard.city).includes((card.city ?? '').toLowerCase())) broken.push(`city ${card.city}`)
  if (hard.max_price !== undefined && card.price > hard.max_price) broken.push(`price ${card.price}`)
  if (hard.type && card.type !== hard.type) broken.push(`type ${card.type}`)
  if (hard.trial_only && !card.trial_available) broken.push('no trial')
  if (hard.near && (card.lat === null || card.lng === null || distanceKm(hard.near, { lat: card.lat, lng: card.lng }) > hard.near.radius_km)) broken.push('too far')
  return broken
}
