import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/database.js'
import { queryRow, queryRows } from '../db/query.js'
import { ManualClock } from '../shared/clock.js'
import { createTestDatabase } from '../../test/test-database.js'
import { seedDemoData, type SeedSummary } from './demo.js'
import { localToUtc } from './local-time.js'
import { payableNow } from '../modules/financials/index.js'

// Monday 10:00 in Kolkata
const clock = new ManualClock('2026-01-05T04:30:00.000Z')
let database: Database
let first: SeedSummary
let second: SeedSummary

const count = async (query: ReturnType<typeof sql>) => Number((await queryRow<{ n: number }>(database.db, query))!.n)

beforeAll(async () => {
  database = await createTestDatabase()
  first = await seedDemoData(database.db, { clock, adminEmails: ['Admin@RRRAY.test', 'ops@rrray.test'] })
  second = await seedDemoData(database.db, { clock, adminEmails: ['Admin@RRRAY.test', 'ops@rrray.test'] })
}, 120_000)
afterAll(async () => database.close())

describe('seedDemoData', () => {
  it('fills the catalogue: categories, partners, listings of every type, credit plans, admins', async () => {
    expect(await count(sql`select count(*) n from categories`)).toBeGreaterThanOrEqual(10)
    expect(await count(sql`select count(*) n from partners where status = 'active' and kyc_status = 'verified'`)).toBe(20)
    // and one more: the suspended studio of demo-moderation.ts
    expect(await count(sql`select count(*) n from users where role = 'partner'`)).toBe(21)
    expect(await count(sql`select count(*) n from listings where status = 'approved'`)).toBe(80)
    const types = await queryRows<{ type: string }>(database.db, sql`select distinct type from listings order by type`)
    expect(types.map((t) => t.type)).toEqual(['camp', 'class', 'event', 'workshop'])
    const ages = await queryRow<{ lo: number; hi: number }>(database.db, sql`select min(age_min) lo, max(age_max) hi from listings`)
    expect(ages).toEqual({ lo: 2, hi: 16 })
    expect(await count(sql`select count(*) n from listings where trial_available`)).toBeGreaterThan(5)
    expect(await count(sql`select count(*) n from credit_plans`)).toBeGreaterThanOrEqual(4)
    expect(await count(sql`select count(*) n from audit_logs where action in ('listing.approve', 'partner.kyc_verify') and ip is not null`)).toBe(10)
    const admins = await queryRows<{ email: string }>(database.db, sql`select email from users where role = 'admin' order by email`)
    expect(admins.map((a) => a.email)).toEqual(['admin@rrray.test', 'ops@rrray.test'])
  })

  it('puts venues in the four metros with their states and the Kolkata timezone', async () => {
    const cities = await queryRows<{ city: string; state: string; n: number }>(
      database.db,
      sql`select city, state, count(*)::int n from venues where timezone = 'Asia/Kolkata' group by city, state order by city`,
    )
    expect(cities).toEqual([
      { city: 'Bengaluru', state: 'Karnataka', n: 5 },
      { city: 'Delhi', state: 'Delhi', n: 5 },
      { city: 'Gurgaon', state: 'Haryana', n: 5 },
      { city: 'Mumbai', state: 'Maharashtra', n: 5 },
    ])
  })

  it('copies each listing’s city, coordinates and timezone from its venue', async () => {
    expect(await count(sql`
      select count(*) n from listings l join venues v on v.id = l.venue_id
      where l.city is distinct from v.city or l.lat is distinct from v.lat or l.lng is distinct from v.lng or l.timezone <> v.timezone`)).toBe(0)
    expect(await count(sql`select count(*) n from listings where venue_id is null or search_text = ''`)).toBe(0)
  })

  it('schedules sessions only within the next 8 weeks, some within 72 hours and some on weekends', async () => {
    const now = clock.now()
    const inEightWeeks = new Date(now.getTime() + 56 * 86_400_000)
    // the past sessions are only those demo children attended (the reviewed bookings, demo-reviews.ts)
    const pastUnattended = sql`select count(*) n from sessions s where s.starts_at <= ${now.toISOString()}
      and not exists (select 1 from booking_sessions bs where bs.session_id = s.id and bs.status = 'attended')`
    expect(await count(pastUnattended)).toBe(0)
    expect(await count(sql`select count(*) n from sessions where starts_at >= ${inEightWeeks.toISOString()}`)).toBe(0)
    expect(await count(sql`select count(*) n from sessions`)).toBeGreaterThan(500)
    expect(await count(sql`select count(*) n from sessions where starts_at < ${new Date(now.getTime() + 72 * 3_600_000).toISOString()}`)).toBeGreaterThan(3)
    const weekendOneOffs = sql`select count(*) n from sessions where batch_id is null and extract(isodow from starts_at at time zone 'Asia/Kolkata') in (6, 7)`
    expect(await count(weekendOneOffs)).toBeGreaterThan(3)
    // every listing can be booked
    expect(await count(sql`select count(*) n from listings l where not exists (select 1 from sessions s where s.listing_id = l.id)`)).toBe(0)
    // batch sessions fall on the batch's weekdays at its start time, on the Kolkata wall clock
    const mismatched = sql`
      select count(*) n from sessions s join batches b on b.id = s.batch_id
      where not (extract(isodow from s.starts_at at time zone 'Asia/Kolkata')::int = any(b.weekdays))
         or (s.starts_at at time zone 'Asia/Kolkata')::time <> b.start_time`
    expect(await count(mismatched)).toBe(0)
  })

  it('gives every listing a single plan option, classes a pack of 8 and a monthly plan', async () => {
    expect(await count(sql`select count(*) n from listings l where not exists (select 1 from plan_options p where p.listing_id = l.id and p.kind = 'single')`)).toBe(0)
    expect(await count(sql`select count(*) n from listings l where l.type = 'class' and (select count(*) from plan_options p where p.listing_id = l.id and p.kind in ('pack', 'monthly')) <> 2`)).toBe(0)
    expect(await count(sql`select count(*) n from plan_options where kind = 'pack' and (sessions_count <> 8 or validity_days is null)`)).toBe(0)
    expect(await count(sql`select count(*) n from listings l where l.trial_available <> exists (select 1 from plan_options p where p.listing_id = l.id and p.kind = 'trial')`)).toBe(0)
  })

  it('has a few payout requests in every state an admin acts on', async () => {
    const states = await queryRows<{ status: string }>(database.db, sql`select distinct status from payout_requests`)
    expect(states.map((r) => r.status).sort()).toEqual(['approved', 'paid', 'rejected', 'requested'])
  })

  it('asks no partner for more than their settled bookings earned: every demo balance stays ≥ 0', async () => {
    const partners = await queryRows<{ id: string; commission_percent: string | null }>(database.db, sql`select distinct p.id, p.commission_percent from partners p join payout_requests r on r.partner_id = p.id`)
    expect(partners.length).toBeGreaterThan(0)
    for (const partner of partners) {
      // what settled bookings earned, before any payout (the financials' own rule)
      const earned = await payableNow(database.db, partner, 0, { holding: async () => 0, paidBetween: async () => 0 })
      const holding = await count(sql`select coalesce(sum(amount), 0)::bigint n from payout_requests where partner_id = ${partner.id} and status in ('requested', 'approved', 'paid')`)
      expect(holding, partner.id).toBeLessThanOrEqual(earned)
    }
  })

  it('books recent confirmed seats and counts them on their sessions, never over capacity', async () => {
    expect(await count(sql`select count(*) n from bookings where status = 'confirmed' and created_at > ${new Date(clock.now().getTime() - 30 * 86_400_000).toISOString()}`)).toBeGreaterThan(20)
    expect(await count(sql`select count(*) n from sessions where seats_taken > capacity`)).toBe(0)
    const drift = sql`
      select count(*) n from sessions s
      where s.seats_taken <> (select coalesce(sum(b.seats), 0) from bookings b where b.session_id = s.id and b.status in ('confirmed', 'completed'))`
    expect(await count(drift)).toBe(0)
    expect(await count(sql`select count(distinct listing_id) n from bookings`)).toBeGreaterThan(5)
  })

  it('keeps the seat rule over the whole database: seats_taken is the unreleased booking seats plus seats held by live waitlist offers', async () => {
    const leaking = sql`
      select count(*) n from sessions s
      where s.seats_taken <> (select coalesce(sum(bs.seats), 0) from booking_sessions bs where bs.session_id = s.id and bs.status <> 'released')
                           + (select coalesce(sum(o.seats), 0) from waitlist_offers o where o.session_id = s.id and o.status = 'active')`
    expect(await count(leaking)).toBe(0)
    expect(await count(sql`select coalesce(sum(seats_taken), 0) n from sessions`)).toBeGreaterThan(20)
  })

  it('makes its bookings as a parent would: confirmed with a time, one seat per own child, seat rows, an invoice', async () => {
    // the reviewed bookings of past sessions are completed, their seats attended (demo-reviews.ts)
    const reviewed = sql`
      select count(*) n from bookings b
      where b.status = 'completed' and (not exists (select 1 from reviews r where r.booking_id = b.id)
         or (select coalesce(sum(bs.seats), 0) from booking_sessions bs where bs.booking_id = b.id and bs.status = 'attended') <> b.seats)`
    expect(await count(reviewed)).toBe(0)
    const odd = sql`
      select count(*) n from bookings b
      where b.status <> 'completed' and ((b.status <> 'confirmed' and (b.status <> 'cancelled' or b.cancelled_by <> 'admin')) or b.confirmed_at is null or cardinality(b.child_ids) <> b.seats
         or exists (select 1 from unnest(b.child_ids) c(id) where not exists (select 1 from children k where k.id = c.id and k.user_id = b.user_id))
         or (b.status = 'confirmed' and (select coalesce(sum(bs.seats), 0) from booking_sessions bs where bs.booking_id = b.id and bs.status = 'booked') <> b.seats)
         or not exists (select 1 from invoices i where i.booking_id = b.id))`
    expect(await count(odd)).toBe(0)
  })

  it('has a few bookings an admin cancelled, with a full, a partial and no refund, each audited with its history', async () => {
    const cancelled = sql`select count(*) n from bookings b where b.status = 'cancelled' and b.cancelled_by = 'admin'
      and exists (select 1 from audit_logs a where a.target_id = b.id::text and a.action = 'booking.admin_cancel')
      and exists (select 1 from booking_events e where e.booking_id = b.id and e.event = 'cancelled' and e.actor = 'admin')`
    expect(await count(cancelled)).toBeGreaterThanOrEqual(3)
    expect(await count(sql`select count(*) n from bookings where cancelled_by = 'admin' and refund_amount = amount and amount > 0`)).toBeGreaterThan(0)
    expect(await count(sql`select count(*) n from bookings where cancelled_by = 'admin' and refund_amount > 0 and refund_amount < amount`)).toBeGreaterThan(0)
    expect(await count(sql`select count(*) n from bookings where cancelled_by = 'admin' and refund_amount = 0`)).toBeGreaterThan(0)
  })

  it('keeps the wallet rule over the whole database: balance = sum of ledger entries = sum of lots', async () => {
    const drift = sql`
      select count(*) n from wallets w
      where w.balance <> (select coalesce(sum(l.delta), 0) from credit_ledger l where l.user_id = w.user_id)
         or w.balance <> (select coalesce(sum(t.remaining), 0) from credit_lots t where t.user_id = w.user_id)`
    expect(await count(drift)).toBe(0)
    expect(await count(sql`select count(*) n from users u where exists (select 1 from credit_ledger l where l.user_id = u.id) and not exists (select 1 from wallets w where w.user_id = u.id)`)).toBe(0)
  })

  it('has reviews of attended bookings (some replied, one hidden), ratings equal to them, and wishlists', async () => {
    expect(first.reviews).toBeGreaterThanOrEqual(30)
    expect(await count(sql`select count(*) n from reviews where hidden_at is not null`)).toBe(1)
    expect(await count(sql`select count(*) n from reviews where reply is not null`)).toBeGreaterThan(0)
    expect(await count(sql`select count(*) n from reviews r join booking_sessions bs on bs.booking_id = r.booking_id where bs.attendance = 'present'`)).toBe(first.reviews)
    const off = (owner: 'listing' | 'partner') => sql`
      select count(*) n from ${sql.raw(owner === 'listing' ? 'listings' : 'partners')} o
      where o.rating_count <> (select count(*) from reviews r where r.${sql.raw(`${owner}_id`)} = o.id and r.hidden_at is null)
         or o.rating_avg <> (select coalesce(round(avg(r.rating), 2), 0) from reviews r where r.${sql.raw(`${owner}_id`)} = o.id and r.hidden_at is null)`
    expect(await count(off('listing'))).toBe(0)
    expect(await count(off('partner'))).toBe(0)
    expect(await count(sql`select count(*) n from listings where rating_count > 0`)).toBe(30)
    expect(first.wishlists).toBe(18)
  })

  it('gives every demo parent an inbox: a read welcome and unread booking confirmations', async () => {
    const inboxes = await queryRows<{ user_id: string; total: number; unread: number }>(
      database.db,
      sql`select n.user_id, count(*)::int total, count(*) filter (where n.read_at is null)::int unread from notifications n join users u on u.id = n.user_id where u.role = 'customer' group by n.user_id`,
    )
    expect(inboxes).toHaveLength(6)
    expect(inboxes.every((i) => i.total >= 1 && i.total - i.unread === 1)).toBe(true)
    expect(inboxes.some((i) => i.unread > 0)).toBe(true)
  })

  it('has badges the demo parents earned by their bookings and reviews, each with its inbox message', async () => {
    expect(first.badges).toBeGreaterThanOrEqual(6)
    expect(await count(sql`select count(*) n from badge_awards a join badges b on b.id = a.badge_id where b.code = 'first_booking'`)).toBe(6)
    expect(await count(sql`select count(distinct user_id) n from badge_awards a join badges b on b.id = a.badge_id where b.code = 'first_review'`)).toBeGreaterThan(0)
    expect(await count(sql`select count(*) n from notifications where kind = 'badge_awarded'`)).toBe(first.badges)
  })

  it('is idempotent: a second run inserts nothing', async () => {
    expect(first.listings).toBe(80)
    expect(first.bookings).toBeGreaterThan(20)
    expect(first.wallets).toBe(6)
    expect(second).toEqual({ categories: 0, partners: 0, listings: 0, sessions: 0, bookings: 0, users: 0, wallets: 0, reviews: 0, wishlists: 0, badges: 0 })
    expect(await count(sql`select count(*) n from badge_awards`)).toBe(first.badges)
    expect(await count(sql`select count(*) n from credit_ledger`)).toBe(6)
    expect(await count(sql`select count(*) n from wallets where balance = 10`)).toBe(6)
    expect(await count(sql`select count(*) n from listings`)).toBe(80)
    expect(await count(sql`select count(*) n from sessions`)).toBe(first.sessions)
    expect(await count(sql`select count(*) n from bookings`)).toBe(first.bookings)
    expect(await count(sql`select count(*) n from notifications where event_key like 'demo-welcome:%'`)).toBe(6)
  })

  it('has listings for an 8-year-old in Gurgaon', async () => {
    expect(await count(sql`select count(*) n from listings where lower(city) = 'gurgaon' and status = 'approved' and age_min <= 8 and age_max >= 8`)).toBeGreaterThanOrEqual(5)
  })
})

describe('localToUtc', () => {
  it('reads a wall-clock time in Kolkata (UTC+05:30)', () => {
    expect(localToUtc('2026-01-10', '09:30', 'Asia/Kolkata').toISOString()).toBe('2026-01-10T04:00:00.000Z')
  })
})

describe('seedDemoModeration', () => {
  it('leaves two suspended customers and a suspended studio with notes, each with its audit row, once', async () => {
    const suspended = await queryRows<{ name: string; suspended_reason: string }>(database.db, sql`select name, suspended_reason from users where status = 'suspended' order by name`)
    expect(suspended.map((u) => u.name)).toEqual(['Kavya Reddy', 'Rohit Bansal'])
    expect(suspended.every((u) => u.suspended_reason.length > 0)).toBe(true)
    const studio = await queryRow<{ status: string; admin_notes: string | null }>(database.db, sql`select status, admin_notes from partners where business_name = 'Sunrise Skating Academy'`)
    expect(studio?.status).toBe('suspended')
    expect(studio?.admin_notes).toContain('Call before reactivating')
    expect(await count(sql`select count(*) n from audit_logs where action in ('user.suspend', 'partner.suspend', 'partner.set_notes')`)).toBe(4)
  })
})
