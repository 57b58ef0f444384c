// Badges through the real flows: a booking confirmed, attendance marked by the partner and a review written each enqueue
// the parent's evaluation job, which awards what the facts have reached, once, per child where it is the child's, and
// tells the parent in the award's transaction. The routes show the progress and the awards.
import { randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createBookingWithSeat, createCategory, createChild, createListing, createPartner, createPlanOption, createSession, createUser } from '../../../test/factories.js'
import { queryRow } from '../../db/query.js'
import { badgeAwards, notifications } from '../../db/schema/index.js'
import { DAY_MS } from '../../shared/clock.js'
import { DISPATCH_JOB } from '../notifications/index.js'
import { createBadgeTrigger, EVALUATE_BADGES_JOB, STARTING_BADGES } from './index.js'

const ctx = await buildTestApp()
const { db } = ctx.database
type Caller = { id: string; role: 'customer' | 'partner' | 'admin' }
const WEEK_MS = 7 * DAY_MS

async function call(method: 'GET' | 'POST' | 'PUT', url: string, user?: Caller, payload?: object) {
  const headers = { ...(user ? await authHeader(user, ctx.clock) : {}), 'idempotency-key': randomUUID() }
  return ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}

/** A partner (with its user) offering listings in new categories. */
async function studio() {
  const owner = await createUser(db, { role: 'partner' })
  const partner = await createPartner(db, { user_id: owner.id })
  return { owner: { id: owner.id, role: 'partner' as const }, partner }
}

/** A listing of the studio with a single-session plan and one session at `startsAt`. */
async function offer(s: Awaited<ReturnType<typeof studio>>, startsAt: Date, listing: { type?: 'class' | 'camp'; category_id?: string } = {}) {
  const row = await createListing(db, { partner_id: s.partner.id, ...listing })
  const plan = await createPlanOption(db, row.id, { kind: 'single', price: 49_900, sessions_count: 1 })
  const session = await createSession(db, row.id, startsAt)
  return { listing: row, plan, session }
}

async function bookOne(parent: Caller, o: Awaited<ReturnType<typeof offer>>, childIds: string[]) {
  const res = await call('POST', '/api/bookings', parent, { listing_id: o.listing.id, plan_option_id: o.plan.id, session_id: o.session.id, child_ids: childIds })
  expect(res.statusCode, res.body).toBe(201)
  expect(res.json().booking.status).toBe('confirmed')
  return res.json().booking as { id: string }
}

async function markPresent(partner: Caller, bookingId: string, sessionId: string) {
  const res = await call('PUT', `/api/partner/bookings/${bookingId}/attendance`, partner, { session_id: sessionId, status: 'present' })
  expect(res.statusCode, res.body).toBe(200)
}

async function newParent(overrides: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, overrides)
  return { id: user.id, role: 'customer' as const }
}

const awardsOf = (userId: string) => db.select().from(badgeAwards).where(eq(badgeAwards.user_id, userId))
const badgeNotificationsOf = (userId: string) => db.select().from(notifications).where(and(eq(notifications.user_id, userId), eq(notifications.kind, 'badge_awarded')))
const codeOf = new Map(STARTING_BADGES.map((b) => [b.id, b.code]))
const earnedCodes = async (userId: string) => (await awardsOf(userId)).map((a) => `${codeOf.get(a.badge_id)}:${a.child_id ?? 'parent'}`).sort()

type BadgeView = { code: string; scope: string; threshold: number; progress: { current: number; earned_at: string | null } | null; children: Array<{ child_id: string; current: number; earned_at: string | null }> }
async function progressOf(parent: Caller) {
  const res = await call('GET', '/api/badges', parent)
  expect(res.statusCode, res.body).toBe(200)
  return new Map((res.json() as BadgeView[]).map((b) => [b.code, b]))
}

describe('who may read badges', () => {
  it.each(['/api/badges', '/api/badges/my'])('%s: 401 without a token, 403 to a partner or an admin', async (url) => {
    expect((await call('GET', url)).statusCode).toBe(401)
    for (const role of ['partner', 'admin'] as const) {
      const res = await call('GET', url, await newParent({ role }))
      expect({ role, status: res.statusCode, code: res.json().code }).toEqual({ role, status: 403, code: 'ROLE_FORBIDDEN' })
    }
  })

  it('refuses a bad page (422)', async () => {
    expect((await call('GET', '/api/badges/my?page_size=0', await newParent())).statusCode).toBe(422)
  })
})

describe('the badge definitions', () => {
  it('are seeded by the migration: every starting badge, with zero progress for a new parent and each of their children', async () => {
    const parent = await newParent()
    const child = await createChild(db, parent.id)
    const res = await call('GET', '/api/badges', parent)
    expect(res.statusCode).toBe(200)
    const list = res.json() as BadgeView[]
    expect(list.map((b) => b.code)).toEqual(STARTING_BADGES.map((b) => b.code))
    for (const b of list) {
      if (b.scope === 'parent') expect(b, b.code).toMatchObject({ progress: { current: 0, earned_at: null }, children: [] })
      else expect(b, b.code).toMatchObject({ progress: null, children: [{ child_id: child.id, current: 0, earned_at: null }] })
    }
    expect((await call('GET', '/api/badges/my', parent)).json()).toEqual({ items: [], total: 0, page: 1, page_size: 20 })
  })
})

describe('earning badges through the flows', () => {
  it('book → attend: first booking for the parent; sessions, categories and the four-week streak for the child who went, not the other', async () => {
    const s = await studio()
    const parent = await newParent()
    const [aarav, diya] = [await createChild(db, parent.id, { name: 'Aarav' }), await createChild(db, parent.id, { name: 'Diya' })]
    const categories = [await createCategory(db), await createCategory(db), await createCategory(db)]
    // five sessions a week apart (five consecutive India weeks) in three categories, all booked for Aarav alone
    const start = ctx.clock.now().getTime() + 3 * DAY_MS
    const offers = []
    for (let week = 0; week < 5; week++) offers.push(await offer(s, new Date(start + week * WEEK_MS), { category_id: categories[week % 3]!.id }))
    const booked = []
    for (const o of offers) booked.push(await bookOne(parent, o, [aarav.id]))

    expect(await ctx.jobs.drain(EVALUATE_BADGES_JOB)).toBe(5)
    expect(await earnedCodes(parent.id)).toEqual(['first_booking:parent'])

    // the partner marks each session as it happens; progress is counted from the marks
    for (let week = 0; week < 5; week++) {
      ctx.clock.set(new Date(start + week * WEEK_MS + 30 * 60_000))
      await markPresent(s.owner, booked[week]!.id, offers[week]!.session.id)
      if (week === 1) {
        await ctx.jobs.drain(EVALUATE_BADGES_JOB)
        const mid = await progressOf(parent)
        const byId = (a: { child_id: string }, b: { child_id: string }) => a.child_id.localeCompare(b.child_id)
        expect([...mid.get('sessions_5')!.children].sort(byId)).toEqual(
          [
            { child_id: aarav.id, child_name: 'Aarav', current: 2, earned_at: null },
            { child_id: diya.id, child_name: 'Diya', current: 0, earned_at: null },
          ].sort(byId),
        )
      }
    }
    await ctx.jobs.drain(EVALUATE_BADGES_JOB)
    expect(await earnedCodes(parent.id)).toEqual(['category_explorer:' + aarav.id, 'first_booking:parent', 'four_week_streak:' + aarav.id, 'sessions_5:' + aarav.id].sort())

    const progress = await progressOf(parent)
    const aaravOf = (code: string) => progress.get(code)!.children.find((c) => c.child_id === aarav.id)!
    const diyaOf = (code: string) => progress.get(code)!.children.find((c) => c.child_id === diya.id)!
    expect(aaravOf('sessions_5')).toMatchObject({ current: 5, earned_at: ctx.clock.now().toISOString() })
    expect(aaravOf('sessions_10')).toMatchObject({ current: 5, earned_at: null })
    expect(aaravOf('category_explorer')).toMatchObject({ current: 3 })
    expect(aaravOf('four_week_streak')).toMatchObject({ current: 5 })
    for (const code of ['sessions_5', 'category_explorer', 'four_week_streak']) expect(diyaOf(code), code).toMatchObject({ current: 0, earned_at: null })
    expect(progress.get('first_booking')!.progress).toMatchObject({ current: 5 })
    expect(progress.get('first_review')!.progress).toEqual({ current: 0, earned_at: null })

    // each award told the parent once, naming the child whose badge it is
    await ctx.jobs.drain(DISPATCH_JOB)
    const sent = await badgeNotificationsOf(parent.id)
    expect(sent.map((n) => n.title).sort()).toEqual(['New badge: 5 Sessions', 'New badge: Explorer', 'New badge: First Booking', 'New badge: Four-Week Streak'])
    expect(sent.find((n) => n.title === 'New badge: 5 Sessions')!.body).toContain('Aarav earned')
    expect(sent.find((n) => n.title === 'New badge: First Booking')!.body).toContain('You earned')
  })

  it('review → first review, told in the parent’s language; another parent’s badges stay theirs', async () => {
    const s = await studio()
    const { listing } = await offer(s, new Date(ctx.clock.now().getTime() + DAY_MS))
    const parent = await newParent({ preferences: { language: 'hi' } })
    const stranger = await newParent()
    const booking = await createBookingWithSeat(db, listing, parent.id, ctx.clock.now(), 'attended')
    const res = await call('POST', '/api/reviews', parent, { booking_id: booking.id, rating: 5, text: 'Great coach' })
    expect(res.statusCode, res.body).toBe(201)
    await ctx.jobs.drain(EVALUATE_BADGES_JOB)
    // the booking was made by the factory (no confirmation event): the review's job still counts it, from the facts
    expect(await earnedCodes(parent.id)).toEqual(['first_booking:parent', 'first_review:parent'])
    expect(await awardsOf(stranger.id)).toEqual([])

    const mine = (await call('GET', '/api/badges/my?page_size=1', parent)).json()
    expect(mine).toMatchObject({ total: 2, page: 1, page_size: 1 })
    expect(mine.items).toHaveLength(1)
    expect((await call('GET', '/api/badges/my', stranger)).json().total).toBe(0)
    expect((await progressOf(stranger)).get('first_review')!.progress).toEqual({ current: 0, earned_at: null })

    await ctx.jobs.drain(DISPATCH_JOB)
    const titles = (await badgeNotificationsOf(parent.id)).map((n) => n.title).sort()
    expect(titles).toEqual(['नया बैज: पहली बुकिंग', 'नया बैज: पहली समीक्षा'])
  })

  it('early bird: a camp booked 30 days or more ahead earns it; one booked 10 days ahead does not', async () => {
    const s = await studio()
    const soon = await newParent()
    const early = await newParent()
    const soonChild = await createChild(db, soon.id)
    const earlyChild = await createChild(db, early.id)
    await bookOne(soon, await offer(s, new Date(ctx.clock.now().getTime() + 10 * DAY_MS), { type: 'camp' }), [soonChild.id])
    await bookOne(early, await offer(s, new Date(ctx.clock.now().getTime() + 31 * DAY_MS), { type: 'camp' }), [earlyChild.id])
    await ctx.jobs.drain(EVALUATE_BADGES_JOB)
    expect(await earnedCodes(soon.id)).toEqual(['first_booking:parent'])
    expect(await earnedCodes(early.id)).toEqual(['early_bird:parent', 'first_booking:parent'])
  })

  it('the newest badge comes first in /badges/my, with the child who earned it', async () => {
    const s = await studio()
    const parent = await newParent()
    const child = await createChild(db, parent.id, { name: 'Meera' })
    const start = ctx.clock.now().getTime() + 2 * DAY_MS
    const category = await createCategory(db)
    const offers = []
    for (let i = 0; i < 5; i++) offers.push(await offer(s, new Date(start + i * DAY_MS), { category_id: category.id }))
    const booked = []
    for (const o of offers) booked.push(await bookOne(parent, o, [child.id]))
    await ctx.jobs.drain(EVALUATE_BADGES_JOB)
    ctx.clock.set(new Date(start + 5 * DAY_MS))
    for (let i = 0; i < 5; i++) await markPresent(s.owner, booked[i]!.id, offers[i]!.session.id)
    await ctx.jobs.drain(EVALUATE_BADGES_JOB)
    const items = (await call('GET', '/api/badges/my', parent)).json().items as Array<{ badge: { code: string }; child_id: string | null; child_name: string | null; progress: number }>
    expect(items.map((i) => [i.badge.code, i.child_name, i.progress])).toEqual([
      ['sessions_5', 'Meera', 5],
      ['first_booking', null, 5],
    ])
    expect(items[0]!.child_id).toBe(child.id)
  })
})

describe('awarding is idempotent', () => {
  it('a replayed evaluation awards nothing new and tells nobody twice; a replayed event enqueues one job', async () => {
    const s = await studio()
    const { listing } = await offer(s, new Date(ctx.clock.now().getTime() + DAY_MS))
    const parent = await newParent()
    await createBookingWithSeat(db, listing, parent.id, ctx.clock.now(), 'attended')
    for (let i = 0; i < 3; i++) await ctx.jobs.send(EVALUATE_BADGES_JOB, { user_id: parent.id })
    expect(await ctx.jobs.drain(EVALUATE_BADGES_JOB)).toBe(3)
    expect(await earnedCodes(parent.id)).toEqual(['first_booking:parent'])
    const pendingDispatches = await queryRow<{ n: number }>(db, sql`select count(*)::int as n from pgboss.job where name = ${DISPATCH_JOB} and state = 'created' and data->>'user_id' = ${parent.id} and data->>'kind' = 'badge_awarded'`)
    expect(pendingDispatches!.n).toBe(1)
    await ctx.jobs.drain(DISPATCH_JOB)
    expect(await badgeNotificationsOf(parent.id)).toHaveLength(1)

    // the same event twice: one evaluation job
    const trigger = createBadgeTrigger(ctx.jobs)
    for (let i = 0; i < 2; i++) await db.transaction((tx) => trigger(tx, { user_id: parent.id, event_key: `replayed:${parent.id}` }))
    expect(await ctx.jobs.drain(EVALUATE_BADGES_JOB)).toBe(1)
    expect(await awardsOf(parent.id)).toHaveLength(1)
  })

  it('an event rolled back enqueues nothing', async () => {
    const parent = await newParent()
    const trigger = createBadgeTrigger(ctx.jobs)
    await expect(
      db.transaction(async (tx) => {
        await trigger(tx, { user_id: parent.id, event_key: `rolled-back:${parent.id}` })
        throw new Error('the event failed')
      }),
    ).rejects.toThrow('the event failed')
    expect(await ctx.jobs.drain(EVALUATE_BADGES_JOB)).toBe(0)
  })
})
