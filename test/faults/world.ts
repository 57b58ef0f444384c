// The fault suite's data and the things its parents do: book (Razorpay or credits), pay, cancel, buy a plan, search.
import { randomUUID } from 'node:crypto'
import type { Db } from '../../src/db/database.js'
import { creditPlans } from '../../src/db/schema/index.js'
import { DAY_MS } from '../../src/shared/clock.js'
import { authHeader, createChild, createListing, createPlanOption, createSession, createUser, giveCredits } from '../factories.js'
import { razorpayEvent, type FakeRazorpay } from '../fakes/razorpay-server.js'
import { deliverWebhook, eventId, randomIp, untilFinal, type Answer, type ClientStats, type WebhookTarget } from './clients.js'

export interface Parent {
  id: string
  authorization: string
  childIds: string[]
}

export interface World {
  listingId: string
  planOptionId: string
  creditPlanId: string
  /** Sessions with room for everyone: bookings there succeed unless the child is already in. */
  bigSessionIds: string[]
  /** Sessions of a few seats: the load also fills some up. */
  smallSessionIds: string[]
  parents: Parent[]
}

export const PRICE = 49_900
export const CREDITS_PRICE = 2

async function newParent(db: Db, children: number, credits: number): Promise<Parent> {
  const user = await createUser(db)
  const childIds: string[] = []
  for (let i = 0; i < children; i++) childIds.push((await createChild(db, user.id)).id)
  if (credits > 0) await giveCredits(db, user.id, credits, new Date(Date.now() + 60 * DAY_MS), { now: new Date() })
  return { id: user.id, authorization: (await authHeader(user)).authorization, childIds }
}

export async function createWorld(db: Db, options: { parents: number }): Promise<World> {
  const listing = await createListing(db, { age_min: 4, age_max: 12 })
  const option = await createPlanOption(db, listing.id, { kind: 'single', price: PRICE, credits_price: CREDITS_PRICE })
  const [plan] = await db.insert(creditPlans).values({ name: `Faults ${randomUUID().slice(0, 6)}`, credits: 10, bonus_credits: 0, price: 99_900, validity_days: 60 }).returning()
  // three days ahead: a cancellation is refunded in full, and no session starts during the run
  const at = (hours: number) => new Date(Date.now() + 3 * DAY_MS + hours * 3_600_000)
  const big = [], small = []
  for (let i = 0; i < 6; i++) big.push((await createSession(db, listing.id, at(i), { capacity: 100_000 })).id)
  for (let i = 0; i < 4; i++) small.push((await createSession(db, listing.id, at(10 + i), { capacity: 4 })).id)
  const parents: Parent[] = []
  for (let i = 0; i < options.parents; i++) parents.push(await newParent(db, 3, 100))
  return { listingId: listing.id, planOptionId: option.id, creditPlanId: plan!.id, bigSessionIds: big, smallSessionIds: small, parents }
}

export async function createParents(db: Db, count: number, credits = 0): Promise<Parent[]> {
  const parents: Parent[] = []
  for (let i = 0; i < count; i++) parents.push(await newParent(db, 1, credits))
  return parents
}

export interface Driver {
  baseUrl: string
  webhook: WebhookTarget
  razorpay: FakeRazorpay
  stats: ClientStats
  world: World
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!

/** What the run did, to check against the database afterwards. */
export interface Ledger {
  /** Razorpay bookings paid and their webhooks acknowledged: each must be confirmed (or cancelled after it). */
  paidBookings: Set<string>
  /** Plan purchases paid and their webhooks acknowledged: each must be paid, granted once. */
  paidPurchases: Set<string>
  cancelled: Set<string>
  counts: Record<string, number>
}

export function newLedger(): Ledger {
  return { paidBookings: new Set(), paidPurchases: new Set(), cancelled: new Set(), counts: {} }
}

function count(ledger: Ledger, what: string) {
  ledger.counts[what] = (ledger.counts[what] ?? 0) + 1
}

function headers(parent: Parent, key?: string): Record<string, string> {
  return { authorization: parent.authorization, 'content-type': 'application/json', 'x-forwarded-for': randomIp(), ...(key ? { 'idempotency-key': key } : {}) }
}

export async function book(d: Driver, parent: Parent, sessionId: string, options: { credits?: boolean; key?: string; url?: string } = {}): Promise<Answer> {
  const body = {
    listing_id: d.world.listingId,
    plan_option_id: d.world.planOptionId,
    session_id: sessionId,
    child_ids: [pick(parent.childIds)],
    ...(options.credits ? { payment_method: 'credits' } : {}),
  }
  // 409: the session is full or the child is already in it; 402/409 for credits: not enough of them
  return untilFinal(`${options.url ?? d.baseUrl}/api/bookings`, { method: 'POST', headers: headers(parent, options.key ?? randomUUID()), body: JSON.stringify(body) }, d.stats, [201, 409, 402])
}

/** The customer pays at Razorpay; Razorpay sends payment.captured and order.paid, each delivered twice at once. */
export async function payOrder(d: Driver, orderId: string): Promise<void> {
  const payment = d.razorpay.markOrderPaid(orderId)
  const order = d.razorpay.orders.get(orderId)
  const captured = razorpayEvent('payment.captured', { payment })
  const paid = razorpayEvent('order.paid', { order, payment })
  const [capturedId, paidId] = [eventId(), eventId()]
  await Promise.all([
    deliverWebhook(d.webhook, captured, capturedId, d.stats),
    deliverWebhook(d.webhook, captured, capturedId, d.stats),
    deliverWebhook(d.webhook, paid, paidId, d.stats),
  ])
}

export async function cancel(d: Driver, parent: Parent, bookingId: string): Promise<Answer> {
  // a retry after a cut-off answer finds it cancelled already (409): that is the same outcome
  return untilFinal(`${d.baseUrl}/api/bookings/${bookingId}/cancel`, { method: 'POST', headers: headers(parent), body: JSON.stringify({ reason: 'Fault suite' }) }, d.stats, [200, 409])
}

export async function buyPlan(d: Driver, parent: Parent, ledger: Ledger): Promise<void> {
  const res = await untilFinal(`${d.baseUrl}/api/subscribe-plan`, { method: 'POST', headers: headers(parent, randomUUID()), body: JSON.stringify({ plan_id: d.world.creditPlanId }) }, d.stats, [201, 409])
  if (res.status !== 201) return
  const purchase = res.body.purchase as { id: string }
  const payment = res.body.payment as { razorpay_order_id: string } | null
  if (!payment) return
  await payOrder(d, payment.razorpay_order_id)
  ledger.paidPurchases.add(purchase.id)
  count(ledger, 'plans bought')
}

/** One thing a parent does, at random in the mix of the issue: bookings, cancels, credit bookings, plan purchases, searches. */
export async function act(d: Driver, ledger: Ledger): Promise<void> {
  const parent = pick(d.world.parents)
  const r = Math.random()
  if (r < 0.3) {
    const res = await book(d, parent, pick(Math.random() < 0.8 ? d.world.bigSessionIds : d.world.smallSessionIds))
    if (res.status !== 201) return count(ledger, `booking ${res.status}`)
    const booking = res.body.booking as { id: string }
    const payment = res.body.payment as { razorpay_order_id: string } | null
    if (payment) {
      await payOrder(d, payment.razorpay_order_id)
      ledger.paidBookings.add(booking.id)
    }
    count(ledger, 'bookings paid')
    if (Math.random() < 0.3 && (await cancel(d, parent, booking.id)).status === 200) {
      ledger.cancelled.add(booking.id)
      count(ledger, 'cancels')
    }
  } else if (r < 0.55) {
    const res = await book(d, parent, pick(d.world.bigSessionIds), { credits: true })
    if (res.status !== 201) return count(ledger, `credit booking ${res.status}`)
    count(ledger, 'credit bookings')
    if (Math.random() < 0.3 && (await cancel(d, parent, (res.body.booking as { id: string }).id)).status === 200) count(ledger, 'cancels')
  } else if (r < 0.7) {
    await buyPlan(d, parent, ledger)
  } else {
    const search = await untilFinal(`${d.baseUrl}/api/search?age=8&page_size=10`, { headers: { 'x-forwarded-for': randomIp() } }, d.stats, [200])
    await untilFinal(`${d.baseUrl}/api/listings/${d.world.listingId}`, { headers: { 'x-forwarded-for': randomIp() } }, d.stats, [200])
    count(ledger, search.status === 200 ? 'searches' : `search ${search.status}`)
  }
}

/** `clients` parents acting one thing after another until `stop()` says so. */
export function runLoad(d: Driver, ledger: Ledger, clients: number, stop: () => boolean): Promise<void> {
  return Promise.all(
    Array.from({ length: clients }, async () => {
      while (!stop()) await act(d, ledger)
    }),
  ).then(() => undefined)
}
