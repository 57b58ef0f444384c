// Fresh data for each test: every call makes new rows with unique values, so tests never share or clean up state.
import { randomInt, randomUUID } from 'node:crypto'
import type { Db } from '../src/db/database.js'
import {
  batches, bookingSessions, bookings, categories, children, creditPlans, creditPurchases, listings, partners, planOptions, sessions, unableToAttend, users, venues,
} from '../src/db/schema/index.js'
import { grantCredits, openWallet } from '../src/modules/credits/credit-ledger.js'
import { uuidGenerator } from '../src/shared/ids.js'
import { createTokenService, type Role } from '../src/shared/auth.js'
import type { Clock } from '../src/shared/clock.js'
import { systemClock } from '../src/shared/clock.js'
import { TEST_ENV } from './build-test-app.js'

type NewRow<T extends { $inferInsert: unknown }> = Partial<T['$inferInsert']>
const unique = () => randomUUID().slice(0, 8)

export function mobile(): string {
  return `+919${String(randomInt(0, 1e9)).padStart(9, '0')}`
}

export async function createUser(db: Db, overrides: NewRow<typeof users> = {}) {
  const [row] = await db
    .insert(users)
    .values({ name: `User ${unique()}`, email: `u-${unique()}@example.com`, phone: mobile(), role: 'customer', ...overrides })
    .returning()
  return row!
}

/** A Bearer header for a user, signed as the test app signs. */
export async function authHeader(user: { id: string; role: Role }, clock: Clock = systemClock): Promise<{ authorization: string }> {
  const tokens = createTokenService({ secret: TEST_ENV.JWT_SECRET!, expiryHours: 24, clock })
  return { authorization: `Bearer ${await tokens.issue({ id: user.id, role: user.role })}` }
}

export async function createPartner(db: Db, overrides: NewRow<typeof partners> = {}) {
  const owner = overrides.user_id ? undefined : await createUser(db, { role: 'partner' })
  const [row] = await db
    .insert(partners)
    .values({ user_id: owner?.id ?? overrides.user_id!, business_name: `Studio ${unique()}`, city: 'Gurgaon', state: 'Haryana', kyc_status: 'verified', ...overrides })
    .returning()
  return row!
}

export async function createVenue(db: Db, partnerId: string, overrides: NewRow<typeof venues> = {}) {
  const [row] = await db
    .insert(venues)
    .values({ partner_id: partnerId, name: `Venue ${unique()}`, address: 'Sector 29', city: 'Gurgaon', state: 'Haryana', lat: 28.4595, lng: 77.0266, ...overrides })
    .returning()
  return row!
}

export async function createCategory(db: Db, overrides: NewRow<typeof categories> = {}) {
  const slug = `cat-${unique()}`
  const [row] = await db.insert(categories).values({ slug, name: `Category ${slug}`, ...overrides }).returning()
  return row!
}

/** An approved listing at a new venue of a new partner unless told otherwise; city and coordinates come from the venue. */
export async function createListing(
  db: Db,
  overrides: NewRow<typeof listings> & { venue?: NewRow<typeof venues> } = {},
) {
  const { venue: venueOverrides, ...listingOverrides } = overrides
  const partnerId = listingOverrides.partner_id ?? (await createPartner(db)).id
  const venue = listingOverrides.venue_id === undefined ? await createVenue(db, partnerId, venueOverrides) : undefined
  const categoryId = listingOverrides.category_id ?? (await createCategory(db)).id
  const title = listingOverrides.title ?? `Activity ${unique()}`
  const [row] = await db
    .insert(listings)
    .values({
      partner_id: partnerId,
      venue_id: venue?.id ?? null,
      category_id: categoryId,
      title,
      type: 'class',
      age_min: 4,
      age_max: 12,
      price: 99_900,
      status: 'approved',
      city: venue?.city ?? null,
      lat: venue?.lat ?? null,
      lng: venue?.lng ?? null,
      timezone: venue?.timezone ?? 'Asia/Kolkata',
      search_text: title.toLowerCase(),
      ...listingOverrides,
    })
    .returning()
  return row!
}

export async function createPlanOption(db: Db, listingId: string, overrides: NewRow<typeof planOptions> = {}) {
  const [row] = await db
    .insert(planOptions)
    .values({ listing_id: listingId, kind: 'single', name: 'Single session', price: 99_900, credits_price: 10, ...overrides })
    .returning()
  return row!
}

export async function createBatch(db: Db, listingId: string, overrides: NewRow<typeof batches> = {}) {
  const [row] = await db
    .insert(batches)
    .values({ listing_id: listingId, weekdays: [6, 7], start_time: '10:00', duration_minutes: 60, start_date: '2026-01-01', capacity: 10, ...overrides })
    .returning()
  return row!
}

export async function createSession(db: Db, listingId: string, startsAt: Date, overrides: NewRow<typeof sessions> = {}) {
  const [row] = await db
    .insert(sessions)
    .values({ listing_id: listingId, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 3_600_000), capacity: 10, ...overrides })
    .returning()
  return row!
}

/** A child of a user; seven years old on 2026-01-05 (the test clock's start) unless told otherwise. */
export async function createChild(db: Db, userId: string, overrides: NewRow<typeof children> = {}) {
  const [row] = await db
    .insert(children)
    .values({ user_id: userId, name: `Kid ${unique()} Sharma`, date_of_birth: '2018-06-15', ...overrides })
    .returning()
  return row!
}

/** Puts `credits` in a user's wallet as a paid plan purchase would (one grant entry), expiring at `expiresAt`. */
export async function giveCredits(db: Db, userId: string, credits: number, expiresAt: Date, options: { now?: Date; trial?: boolean } = {}) {
  const now = options.now ?? new Date(expiresAt.getTime() - 30 * 86_400_000)
  const [plan] = await db.insert(creditPlans).values({ name: `Plan ${unique()}`, credits, price: credits * 10_000, validity_days: 30, is_trial: options.trial ?? false }).returning()
  const purchaseId = randomUUID()
  await db.insert(creditPurchases).values({
    id: purchaseId, user_id: userId, plan_id: plan!.id, plan_name: plan!.name, status: 'paid', amount: plan!.price, credits, bonus_credits: 0, validity_days: 30,
    is_trial: plan!.is_trial, payment_method: 'mock', paid_at: now, expires_at: expiresAt, created_at: now, updated_at: now,
  })
  return db.transaction(async (tx) => {
    const ctx = { tx, ids: uuidGenerator, now }
    await openWallet(ctx, userId)
    return grantCredits(ctx, { user_id: userId, purchase_id: purchaseId, plan_id: plan!.id, credits, expires_at: expiresAt, rolls_over: !plan!.is_trial, reason: `Bought ${plan!.name}` })
  })
}

export type SeatState = 'attended' | 'absent' | 'ended' | 'upcoming' | 'reported'

/**
 * A confirmed booking of one new child of `userId` in one new session of the listing: `attended` (marked present, 3 h ago),
 * `absent` (marked absent), `ended` (over, nothing marked), `upcoming` (tomorrow), `reported` (over, "unable to attend" recorded).
 */
export async function createBookingWithSeat(db: Db, listing: { id: string; partner_id: string }, userId: string, now: Date, state: SeatState = 'attended') {
  const child = await createChild(db, userId)
  const session = await createSession(db, listing.id, new Date(now.getTime() + (state === 'upcoming' ? 86_400_000 : -3 * 3_600_000)))
  const [booking] = await db
    .insert(bookings)
    .values({ user_id: userId, listing_id: listing.id, partner_id: listing.partner_id, session_id: session.id, status: 'confirmed', child_ids: [child.id], amount: 99_900 })
    .returning()
  const marks = { attended: ['attended', 'present'], absent: ['missed', 'absent'], ended: ['booked', null], upcoming: ['booked', null], reported: ['booked', null] } as const
  const [status, attendance] = marks[state]
  await db.insert(bookingSessions).values({ booking_id: booking!.id, session_id: session.id, seats: 1, status, attendance })
  if (state === 'reported') await db.insert(unableToAttend).values({ booking_id: booking!.id, session_id: session.id, reason: 'Ill', outcome: 'recorded' })
  return booking!
}
