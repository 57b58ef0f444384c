// Demo reviews and wishlists: past sessions the demo children attended (marked present), a review of each such booking
// (some with the partner's reply, one hidden by an admin), and every demo listing's and partner's rating recomputed from
// the visible reviews, as the reviews module keeps them. Stable ids, ON CONFLICT DO NOTHING: a second run adds nothing.
import { inArray } from 'drizzle-orm'
import type { Executor } from '../db/database.js'
import { bookingSessions, bookings } from '../db/schema/bookings.js'
import { listings } from '../db/schema/listings.js'
import { reviews } from '../db/schema/reviews.js'
import { sessions } from '../db/schema/scheduling.js'
import { wishlistItems } from '../db/schema/wishlist.js'
import { refreshRatings } from '../modules/reviews/index.js'
import { DEMO_CUSTOMERS } from './demo-partners.js'
import { insertAll } from './starting-set.js'
import { stableFraction, stableId, stableInt } from './stable-id.js'

const DAY_MS = 86_400_000
const REVIEWED_LISTINGS = 30

const TEXTS = [
  'Our child looks forward to every session. The coach is patient and explains things well.',
  'Good batch size and a clean venue. Would love a little more feedback after class.',
  'बहुत अच्छा अनुभव रहा, बच्चों ने खूब मज़ा किया।',
  'Started a bit late, but the activity itself was great fun.',
  'Excellent! Already booked the next month.',
  '',
]
const REPLIES = ['Thank you for the kind words — see you next week!', 'Thanks for the feedback, we will share progress notes after each class from now on.']

export async function seedDemoReviews(tx: Executor, rankedListingIds: readonly string[], now: Date): Promise<{ sessions: number; bookings: number; reviews: number; wishlists: number }> {
  const reviewed = rankedListingIds.slice(0, REVIEWED_LISTINGS)
  const facts = await tx.select({ id: listings.id, partner_id: listings.partner_id, price: listings.price }).from(listings).where(inArray(listings.id, [...rankedListingIds]))
  const byId = new Map(facts.map((f) => [f.id, f]))
  const sessionRows: Array<typeof sessions.$inferInsert> = []
  const bookingRows: Array<typeof bookings.$inferInsert> = []
  const seatRows: Array<typeof bookingSessions.$inferInsert> = []
  const reviewRows: Array<typeof reviews.$inferInsert> = []

  reviewed.forEach((listingId, i) => {
    const listing = byId.get(listingId)!
    const count = stableInt(`review:${listingId}:count`, 1, 3)
    for (let k = 0; k < count; k++) {
      const key = `review:${listingId}:${k}`
      const customer = DEMO_CUSTOMERS[(i + k) % DEMO_CUSTOMERS.length]!
      const userId = stableId(`customer:${customer.key}`)
      const childId = stableId(`child:${customer.key}:${customer.children[0].name}`)
      const startsAt = new Date(now.getTime() - stableInt(`${key}:days`, 3, 40) * DAY_MS)
      const sessionId = stableId(`${key}:session`)
      const bookingId = stableId(`${key}:booking`)
      sessionRows.push({ id: sessionId, listing_id: listingId, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 3_600_000), capacity: 10, seats_taken: 1 })
      bookingRows.push({
        id: bookingId, user_id: userId, listing_id: listingId, partner_id: listing.partner_id, session_id: sessionId, status: 'completed', child_ids: [childId],
        seats: 1, amount: listing.price, payment_method: 'mock', confirmed_at: new Date(startsAt.getTime() - 5 * DAY_MS), created_at: new Date(startsAt.getTime() - 5 * DAY_MS),
      })
      seatRows.push({ id: stableId(`${key}:seat`), booking_id: bookingId, session_id: sessionId, seats: 1, status: 'attended', attendance: 'present', attendance_marked_at: startsAt })
      const writtenAt = new Date(startsAt.getTime() + DAY_MS)
      const hidden = i === 0 && k === 0
      const replied = !hidden && stableFraction(`${key}:reply`) < 0.4
      reviewRows.push({
        id: stableId(key), booking_id: bookingId, user_id: userId, listing_id: listingId, partner_id: listing.partner_id,
        rating: hidden ? 1 : stableInt(`${key}:rating`, 3, 5), text: hidden ? 'Call me on 98XXXXXXXX for a cheaper private class' : TEXTS[stableInt(`${key}:text`, 0, TEXTS.length - 1)]!,
        reply: replied ? REPLIES[k % REPLIES.length]! : null, replied_at: replied ? new Date(writtenAt.getTime() + DAY_MS) : null,
        hidden_at: hidden ? new Date(writtenAt.getTime() + 2 * DAY_MS) : null, hidden_reason: hidden ? 'Contains contact details' : null,
        created_at: writtenAt, updated_at: writtenAt,
      })
    }
  })

  const sessionCount = await insertAll(tx, sessions, sessionRows)
  const bookingCount = await insertAll(tx, bookings, bookingRows)
  await insertAll(tx, bookingSessions, seatRows)
  const reviewCount = await insertAll(tx, reviews, reviewRows)
  // every demo listing and partner: those without reviews show 0, as the reviews module would keep them
  for (const listing of facts) await refreshRatings(tx, listing.id, listing.partner_id)

  const wishlistRows = DEMO_CUSTOMERS.flatMap((c, i) =>
    [0, 1, 2].map((n) => ({ user_id: stableId(`customer:${c.key}`), listing_id: rankedListingIds[(i * 7 + n * 11) % rankedListingIds.length]!, created_at: new Date(now.getTime() - (n + 1) * DAY_MS) })),
  )
  const wishlists = await insertAll(tx, wishlistItems, wishlistRows)
  return { sessions: sessionCount, bookings: bookingCount, reviews: reviewCount, wishlists }
}
