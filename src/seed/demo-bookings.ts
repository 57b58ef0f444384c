// Demo bookings made by the bookings use case itself, as each demo parent would have made them over the last 30 days:
// seats taken and held in booking_sessions, children, confirmed_at and invoices, by the same rules as real bookings.
import { eq, inArray } from 'drizzle-orm'
import type { Db, Executor } from '../db/database.js'
import { bookings } from '../db/schema/bookings.js'
import { children, users } from '../db/schema/users.js'
import type { JobQueue } from '../jobs/job-queue.js'
import { createBookingsService } from '../modules/bookings/index.js'
import { createMockRefunds } from '../modules/payments/index.js'
import { ManualClock } from '../shared/clock.js'
import { uuidGenerator } from '../shared/ids.js'
import { DEMO_CUSTOMERS } from './demo-partners.js'
import type { PlannedSession } from './demo-schedule.js'
import { stableFraction, stableId, stableInt } from './stable-id.js'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
const BOOKINGS_TO_TRY = 60

export interface BookableListing {
  id: string
  singlePlanId: string
  ageMin: number
  ageMax: number
  sessions: readonly PlannedSession[]
}

interface DemoChild {
  id: string
  age: number
}

/** Mock payments confirm at once, so a demo booking never schedules a job; a send would mean the rules changed. */
const noJobs: JobQueue = {
  send: async (name) => {
    throw new Error(`demo bookings confirm at once, yet the booking asked for job ${name}`)
  },
  outboxSql: () => {
    throw new Error('demo bookings are made without notifications or badges, yet the booking wrote an outbox job')
  },
  relay: async () => 0,
  startRelay: () => undefined,
  work: () => undefined,
  schedule: () => undefined,
  prepare: async () => undefined,
  start: async () => undefined,
  stop: async () => undefined,
  drain: async () => 0,
  stats: async () => [],
}

/** A date of birth that makes `age` whole years on `now`, with a margin so the age holds for the eight weeks of sessions. */
function birthDate(now: Date, age: number): string {
  const birthday = new Date(now.getTime() - 100 * DAY_MS)
  birthday.setUTCFullYear(birthday.getUTCFullYear() - age)
  return birthday.toISOString().slice(0, 10)
}

/** The demo children, once; returns them per parent. */
async function seedChildren(tx: Executor, now: Date): Promise<Map<string, DemoChild[]>> {
  const rows = DEMO_CUSTOMERS.flatMap((c) =>
    c.children.map((kid) => ({
      id: stableId(`child:${c.key}:${kid.name}`), user_id: stableId(`customer:${c.key}`), name: kid.name, date_of_birth: birthDate(now, kid.age), created_at: now,
    })),
  )
  await tx.insert(children).values(rows).onConflictDoNothing()
  return new Map(DEMO_CUSTOMERS.map((c) => [stableId(`customer:${c.key}`), c.children.map((kid) => ({ id: stableId(`child:${c.key}:${kid.name}`), age: kid.age }))]))
}

/**
 * Single-session bookings skewed towards a few listings (so "trending" has an order), at most half of a session's seats,
 * made in the order they were "made". A parent who already has bookings gets none, so a second run adds nothing.
 */
export async function seedDemoBookings(db: Db, tx: Executor, ranked: readonly BookableListing[], now: Date): Promise<number> {
  const kidsOf = await seedChildren(tx, now)
  const parents = [...kidsOf.keys()]
  const alreadyBooked = new Set((await tx.selectDistinct({ user_id: bookings.user_id }).from(bookings).where(inArray(bookings.user_id, parents))).map((b) => b.user_id))

  const plans = Array.from({ length: BOOKINGS_TO_TRY }, (_, j) => {
    const f = stableFraction(`booking:${j}:listing`)
    const customer = DEMO_CUSTOMERS[j % DEMO_CUSTOMERS.length]!
    return {
      j,
      listing: ranked[Math.floor(ranked.length * f * f)]!,
      userId: stableId(`customer:${customer.key}`),
      seats: stableInt(`booking:${j}:seats`, 1, 2),
      createdAt: new Date(now.getTime() - stableInt(`booking:${j}:age`, 1, 29 * 24) * HOUR_MS),
    }
  }).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())

  const clock = new ManualClock(now)
  const service = createBookingsService({
    db, clock, ids: uuidGenerator, jobs: noJobs, refunds: createMockRefunds(uuidGenerator), paymentsMode: 'mock', holdMinutes: 15, maxPendingHolds: 3, maxReschedules: 2,
  })
  const taken = new Map<string, number>()
  const seated = new Set<string>()
  let made = 0
  const madeIds: string[] = []
  for (const plan of plans) {
    if (alreadyBooked.has(plan.userId)) continue
    const kids = kidsOf.get(plan.userId)!.filter((k) => k.age >= plan.listing.ageMin && k.age <= plan.listing.ageMax).slice(0, plan.seats)
    const free = (s: PlannedSession) => (taken.get(s.id) ?? 0) + kids.length <= Math.floor(s.capacity / 2) && kids.every((k) => !seated.has(`${s.id}:${k.id}`))
    const session = kids.length > 0 ? plan.listing.sessions.find(free) : undefined
    if (!session) continue
    clock.set(plan.createdAt)
    const answer = await service.createBookingInTx(tx, plan.userId, `demo-booking-${plan.j}`, {
      listing_id: plan.listing.id, plan_option_id: plan.listing.singlePlanId, session_id: session.id, child_ids: kids.map((k) => k.id),
    })
    taken.set(session.id, (taken.get(session.id) ?? 0) + kids.length)
    for (const k of kids) seated.add(`${session.id}:${k.id}`)
    made++
    madeIds.push(answer.body.booking.id)
  }
  await cancelSomeAsAdmin(tx, service, madeIds, clock, now)
  return made
}

/**
 * Every seventh demo booking is cancelled by the first admin, so the admin screens have something to show: in turn a
 * full refund, half, and none. Money refunds are recorded pending; the minute sweeper settles them once the server runs.
 */
async function cancelSomeAsAdmin(tx: Executor, service: ReturnType<typeof createBookingsService>, ids: readonly string[], clock: ManualClock, now: Date): Promise<void> {
  const [admin] = await tx.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).orderBy(users.email).limit(1)
  if (!admin) return
  clock.set(now)
  const shares = [100, 50, 0]
  for (const [n, id] of ids.filter((_, i) => i % 7 === 3).entries()) {
    const [row] = await tx.select({ amount: bookings.amount }).from(bookings).where(eq(bookings.id, id))
    const share = shares[n % shares.length]!
    await service.adminCancelBookingInTx(tx, { id: admin.id, ip: null }, id, {
      reason: share === 0 ? 'Duplicate booking' : 'Venue closed for maintenance', refund_amount: Math.floor((row!.amount * share) / 100),
    })
  }
}
