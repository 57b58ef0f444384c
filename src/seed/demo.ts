// Demo data for a fresh dev database: the starting set (categories, credit plans: starting-set.ts), 20 studios in four metros, 80 approved listings with plans,
// batches and eight weeks of sessions, a few parents with children, recent bookings and credits, reviews (demo-reviews.ts)
// with the ratings computed from them, wishlists, the badges the demo parents and children earned by them, and the admins.
// Every row has an id derived from its name and is inserted with ON CONFLICT DO NOTHING: a second run changes nothing.
import { and, eq, sql } from 'drizzle-orm'
import type { Db, Executor } from '../db/database.js'
import { creditPurchases } from '../db/schema/credits.js'
import { categories, listings } from '../db/schema/listings.js'
import { partners, venues } from '../db/schema/partners.js'
import { batches, planOptions, sessions } from '../db/schema/scheduling.js'
import { users } from '../db/schema/users.js'
import { grantCredits, openWallet } from '../modules/credits/index.js'
import { uuidGenerator } from '../shared/ids.js'
import { composeSearchText } from '../modules/catalog/index.js'
import type { Clock } from '../shared/clock.js'
import { ACTIVITY_TEMPLATES, type ActivityTemplate } from './demo-catalog.js'
import { creditPlanRows, insertAll, seedStartingSet } from './starting-set.js'
import { DEMO_CUSTOMERS, DEMO_PARTNERS, PARTNER_SLOTS, type DemoPartner } from './demo-partners.js'
import { planSchedule, type Schedule } from './demo-schedule.js'
import { seedDemoBookings, type BookableListing } from './demo-bookings.js'
import { seedDemoAudit } from './demo-audit.js'
import { seedDemoPayouts } from './demo-payouts.js'
import { seedDemoReviews } from './demo-reviews.js'
import { seedDemoNotifications } from './demo-notifications.js'
import { seedDemoBadges } from './demo-badges.js'
import { stableFraction, stableId, stableInt } from './stable-id.js'
import { seedDemoModeration } from './demo-moderation.js'

// every demo partner carries its own rate, so the platform default never applies to them
const DEMO_PARTNER_COMMISSION_PERCENT = 15

export interface SeedDemoOptions {
  clock: Clock
  adminEmails: readonly string[]
}

/** Rows this run inserted, per table (all zero on a second run). */
export type SeedSummary = Record<'categories' | 'partners' | 'listings' | 'sessions' | 'bookings' | 'users' | 'wallets' | 'reviews' | 'wishlists' | 'badges', number>

const TIMEZONE = 'Asia/Kolkata'
const DAY_MS = 86_400_000

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert']

interface PlannedListing {
  row: Insert<typeof listings>
  template: ActivityTemplate
  singlePlanId: string
  schedule: Schedule
}

export async function seedDemoData(db: Db, options: SeedDemoOptions): Promise<SeedSummary> {
  const now = options.clock.now()
  const summary = await db.transaction(async (tx) => {
    const summary: SeedSummary = { categories: 0, partners: 0, listings: 0, sessions: 0, bookings: 0, users: 0, wallets: 0, reviews: 0, wishlists: 0, badges: 0 }
    summary.categories = (await seedStartingSet(tx)).categories
    // a category that already existed under another id (made by an admin) keeps its id: read them back by slug
    const categoryRows = await tx.select({ id: categories.id, slug: categories.slug, name: categories.name }).from(categories)
    const categoryBySlug = new Map(categoryRows.map((c) => [c.slug, c]))

    summary.users = await insertAll(tx, users, userRows(options.adminEmails))
    summary.partners = await insertAll(tx, partners, DEMO_PARTNERS.map(partnerRow))
    await insertAll(tx, venues, DEMO_PARTNERS.map(venueRow))

    const planned = DEMO_PARTNERS.flatMap((p, i) => planPartnerListings(p, i, now, categoryBySlug))
    summary.listings = await insertAll(tx, listings, planned.map((l) => l.row))
    await insertAll(tx, planOptions, planned.flatMap((l) => planOptionRows(l)))
    await insertAll(tx, batches, planned.flatMap(planBatchRows))
    summary.sessions = await insertAll(tx, sessions, planned.flatMap((l) => l.schedule.sessions.map((s) => ({
      id: s.id, listing_id: l.row.id!, batch_id: s.batchId, starts_at: s.startsAt, ends_at: s.endsAt, capacity: s.capacity,
    }))))
    const ranked = [...planned].sort((a, b) => stableFraction(`rank:${a.row.id}`) - stableFraction(`rank:${b.row.id}`))
    summary.bookings = await seedDemoBookings(db, tx, ranked.map(bookable), now)
    summary.wallets = await seedWallets(tx, now)
    // the first admin by email (an admin made before the seed keeps their own id)
    const adminEmail = options.adminEmails[0]?.toLowerCase() ?? ''
    const [admin] = await tx.select({ id: users.id }).from(users).where(and(eq(users.role, 'admin'), sql`lower(${users.email}) = ${adminEmail}`))
    await seedDemoAudit(tx, {
      adminId: admin?.id ?? null,
      partnerIds: DEMO_PARTNERS.map((p) => stableId(`partner:${p.key}`)),
      listingIds: planned.map((l) => l.row.id!),
    }, now)
    // reviews of past sessions the demo children attended; the listings' and partners' ratings are computed from them
    const reviewed = await seedDemoReviews(tx, ranked.map((l) => l.row.id!), now)
    summary.sessions += reviewed.sessions
    summary.bookings += reviewed.bookings
    summary.reviews = reviewed.reviews
    summary.wishlists = reviewed.wishlists
    // after every demo booking: each payout is a share of what its partner has earned
    await seedDemoPayouts(tx, now, admin?.id ?? null, DEMO_PARTNER_COMMISSION_PERCENT)
    await seedDemoNotifications(tx, now)
    // after the bookings and reviews they are earned by
    summary.badges = await seedDemoBadges(tx, now)
    return summary
  })
  // suspended accounts and a suspended studio with notes, through the admin use cases (their own transactions)
  await seedDemoModeration(db, options)
  return summary
}

function userRows(adminEmails: readonly string[]): Array<Insert<typeof users>> {
  const phone = (n: number) => `+9198100${String(n).padStart(5, '0')}`
  return [
    ...adminEmails.map((email) => ({
      id: stableId(`admin:${email.toLowerCase()}`), name: 'RRRAY Admin', email: email.toLowerCase(), role: 'admin' as const, email_verified: true,
    })),
    ...DEMO_PARTNERS.map((p, i) => ({
      id: stableId(`user:${p.key}`), name: `${p.businessName} (owner)`, email: `owner.${p.key}@demo.rrray.in`, phone: phone(101 + i),
      role: 'partner' as const, email_verified: true, phone_verified: true, city: p.city,
    })),
    ...DEMO_CUSTOMERS.map((c, i) => ({
      id: stableId(`customer:${c.key}`), name: c.name, email: `${c.key}@demo.rrray.in`, phone: phone(201 + i),
      role: 'customer' as const, email_verified: true, phone_verified: true, city: c.city,
    })),
  ]
}

function partnerRow(p: DemoPartner): Insert<typeof partners> {
  return {
    id: stableId(`partner:${p.key}`), user_id: stableId(`user:${p.key}`), business_name: p.businessName, description: p.description,
    contact_email: `hello.${p.key}@demo.rrray.in`, city: p.city, state: p.state, address: `${p.address}, ${p.city} ${p.pincode}`,
    status: 'active', kyc_status: 'verified', commission_percent: DEMO_PARTNER_COMMISSION_PERCENT.toFixed(2),
  }
}

function venueRow(p: DemoPartner): Insert<typeof venues> {
  return {
    id: stableId(`venue:${p.key}`), partner_id: stableId(`partner:${p.key}`), name: `${p.businessName}, ${p.area}`, address: p.address,
    area: p.area, city: p.city, state: p.state, pincode: p.pincode, lat: p.lat, lng: p.lng, timezone: TIMEZONE,
    amenities: ['parking', 'waiting area', 'cctv'],
  }
}

function planPartnerListings(p: DemoPartner, index: number, now: Date, categoryBySlug: Map<string, { id: string; name: string }>): PlannedListing[] {
  const venueId = stableId(`venue:${p.key}`)
  return PARTNER_SLOTS[index % PARTNER_SLOTS.length]!.map((slotSpec, slotIndex) => {
    const slug = p.categories[slotSpec.category]
    const template = ACTIVITY_TEMPLATES[slug]![slotSpec.template]!
    const category = categoryBySlug.get(slug)!
    const key = `${p.key}:${slotIndex}`
    const trial = template.type === 'class' && stableFraction(`${key}:trial`) < 0.6
    const schedule = planSchedule({ listingKey: key, type: template.type, durationMinutes: template.durationMinutes, now, timeZone: TIMEZONE })
    const publishedAt = new Date(now.getTime() - stableInt(`${key}:published`, 10, 240) * DAY_MS)
    const row: Insert<typeof listings> = {
      id: stableId(`listing:${key}`), partner_id: stableId(`partner:${p.key}`), venue_id: venueId, category_id: category.id,
      title: template.title, description: template.description, type: template.type, age_min: template.ageMin, age_max: template.ageMax,
      duration_minutes: template.durationMinutes, tags: template.tags, price: template.price, is_online: false,
      what_to_bring: template.type === 'class' || template.type === 'camp' ? 'Water bottle and comfortable clothes' : null,
      trial_available: trial, trial_price: trial ? pickTrialPrice(key) : null, cancellation_notice_hours: 24, reschedule_notice_hours: 12,
      status: 'approved', city: p.city, lat: p.lat, lng: p.lng, timezone: TIMEZONE,
      search_text: composeSearchText({ title: template.title, description: template.description, partnerName: p.businessName, categoryName: category.name, tags: template.tags }),
      published_at: publishedAt, created_at: publishedAt, updated_at: publishedAt,
    }
    return { row, template, singlePlanId: stableId(`plan:${row.id}:single`), schedule }
  })
}

const bookable = (l: PlannedListing): BookableListing => ({
  id: l.row.id!, singlePlanId: l.singlePlanId, ageMin: l.template.ageMin, ageMax: l.template.ageMax, sessions: l.schedule.sessions,
})

const pickTrialPrice = (key: string) => [0, 19_900, 29_900][stableInt(`${key}:trialprice`, 0, 2)]!
const credits = (paise: number) => Math.max(1, Math.ceil(paise / 10_000)) // 1 credit ≈ ₹100
const roundTo50 = (paise: number) => Math.round(paise / 5_000) * 5_000

function planOptionRows(l: PlannedListing): Array<Insert<typeof planOptions>> {
  const listingId = l.row.id!
  const { type, price } = l.template
  const singleName = { class: 'Single session', camp: 'Full camp (5 days)', workshop: 'Workshop seat', event: 'Event pass' }[type]
  const rows: Array<Insert<typeof planOptions>> = [
    { id: l.singlePlanId, listing_id: listingId, kind: 'single', name: singleName, price, credits_price: credits(price), sessions_count: 1, sort_order: 0 },
  ]
  if (l.row.trial_available) {
    const trialPrice = l.row.trial_price ?? 0
    rows.push({ id: stableId(`plan:${listingId}:trial`), listing_id: listingId, kind: 'trial', name: 'Trial class', price: trialPrice, credits_price: credits(trialPrice), sessions_count: 1, validity_days: 14, sort_order: 1 })
  }
  if (type === 'class') {
    const perWeek = Math.max(1, l.schedule.batches[0]?.weekdays.length ?? 2)
    const packPrice = roundTo50(price * 8 * 0.9)
    const monthlyCount = perWeek * 4
    const monthlyPrice = roundTo50(price * monthlyCount * 0.8)
    rows.push(
      { id: stableId(`plan:${listingId}:pack`), listing_id: listingId, kind: 'pack', name: 'Pack of 8 sessions', price: packPrice, credits_price: credits(packPrice), sessions_count: 8, validity_days: 60, sort_order: 2 },
      { id: stableId(`plan:${listingId}:monthly`), listing_id: listingId, kind: 'monthly', name: `Monthly (${monthlyCount} sessions)`, price: monthlyPrice, credits_price: credits(monthlyPrice), sessions_count: monthlyCount, validity_days: 30, sort_order: 3 },
    )
  }
  return rows
}

function planBatchRows(l: PlannedListing): Array<Insert<typeof batches>> {
  return l.schedule.batches.map((b) => ({
    id: b.id, listing_id: l.row.id!, name: b.name, weekdays: b.weekdays, start_time: b.startTime, duration_minutes: l.template.durationMinutes,
    start_date: b.startDate, capacity: b.capacity, instructor_name: null,
  }))
}

/** Each demo customer bought the Starter plan five days ago: a paid purchase and its grant, once. */
async function seedWallets(tx: Executor, now: Date): Promise<number> {
  const plan = creditPlanRows().find((p) => p.name === 'Starter')!
  const paidAt = new Date(now.getTime() - 5 * DAY_MS)
  const expiresAt = new Date(paidAt.getTime() + plan.validity_days * DAY_MS)
  let granted = 0
  for (const customer of DEMO_CUSTOMERS) {
    const userId = stableId(`customer:${customer.key}`)
    const [purchase] = await tx
      .insert(creditPurchases)
      .values({
        id: stableId(`credit-purchase:${customer.key}`), user_id: userId, plan_id: plan.id!, plan_name: plan.name, status: 'paid', amount: plan.price,
        credits: plan.credits, bonus_credits: 0, validity_days: plan.validity_days, is_trial: false, payment_method: 'mock', paid_at: paidAt,
        expires_at: expiresAt, created_at: paidAt, updated_at: paidAt,
      })
      .onConflictDoNothing()
      .returning({ id: creditPurchases.id })
    if (!purchase) continue
    const ctx = { tx, ids: uuidGenerator, now: paidAt }
    await openWallet(ctx, userId)
    await grantCredits(ctx, { user_id: userId, purchase_id: purchase.id, plan_id: plan.id!, credits: plan.credits, expires_at: expiresAt, rolls_over: true, reason: `Bought ${plan.name} plan: ${plan.credits} credits` })
    granted++
  }
  return granted
}
