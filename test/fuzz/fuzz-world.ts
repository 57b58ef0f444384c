// The app the fuzzer hits and a little real data: one user per role, a partner's listing with a schedule, a customer's
// child, credits, booking and invoice, so generated ids can name real rows.
import { buildTestApp, type TestContext } from '../build-test-app.js'
import {
  authHeader, createBatch, createCategory, createChild, createListing, createPartner, createPlanOption, createSession, createUser, createVenue, giveCredits,
} from '../factories.js'
import { createTokenService } from '../../src/shared/auth.js'
import { DAY_MS } from '../../src/shared/clock.js'
import type { ActorName } from './fuzz-request.js'
import type { KnownValues } from './schema-values.js'

/** Secrets the test app is given, so an answer that leaks one can be caught by its value. */
export const FUZZ_SECRETS = {
  RAZORPAY_KEY_SECRET: 'fuzz-razorpay-key-secret-5f1c',
  RAZORPAY_WEBHOOK_SECRET: 'fuzz-razorpay-webhook-secret-9a2e',
  SENDGRID_API_KEY: 'fuzz-sendgrid-api-key-77b0',
}

export interface FuzzWorld {
  ctx: TestContext
  headers: Record<ActorName, Record<string, string>>
  /** Real values for an operation's fields: `id` path parameters by the resource segment before them. */
  knownFor: (path: string) => KnownValues
  /** Values that must never appear in an answer. */
  secretValues: string[]
}

// the resource a path's `{id}` names, by the segment before it
const RESOURCE_OF_SEGMENT: Record<string, string> = {
  listings: 'listing', venues: 'venue', bookings: 'booking', sessions: 'session', partners: 'partner', users: 'user', 'credit-plans': 'credit_plan', invoices: 'invoice',
}

export async function buildFuzzWorld(): Promise<FuzzWorld> {
  const ctx = await buildTestApp({ env: { PAYMENTS_MODE: 'mock', ...FUZZ_SECRETS } })
  const db = ctx.database.db
  const now = ctx.clock.now()

  const admin = await createUser(db, { role: 'admin', email: 'admin@rrray.test' })
  const customer = await createUser(db)
  const partnerUser = await createUser(db, { role: 'partner' })
  const partner = await createPartner(db, { user_id: partnerUser.id })
  const venue = await createVenue(db, partner.id)
  const category = await createCategory(db)
  const listing = await createListing(db, { partner_id: partner.id, venue_id: venue.id, category_id: category.id })
  const option = await createPlanOption(db, listing.id)
  const batch = await createBatch(db, listing.id)
  const session = await createSession(db, listing.id, new Date(now.getTime() + 5 * DAY_MS))
  const laterSessions = [await createSession(db, listing.id, new Date(now.getTime() + 6 * DAY_MS)), await createSession(db, listing.id, new Date(now.getTime() + 7 * DAY_MS))]
  const child = await createChild(db, customer.id)
  const secondChild = await createChild(db, customer.id)
  await giveCredits(db, customer.id, 50, new Date(now.getTime() + 60 * DAY_MS), { now })

  const headers = {
    anonymous: {},
    forged: { authorization: `Bearer ${await createTokenService({ secret: 'not-the-server-secret-0123456789abcdef', expiryHours: 24, clock: ctx.clock }).issue({ id: admin.id, role: 'admin' })}` },
    customer: await authHeader(customer, ctx.clock),
    partner: await authHeader(partnerUser, ctx.clock),
    admin: await authHeader(admin, ctx.clock),
  }

  const booked = await ctx.app.inject({
    method: 'POST', url: '/api/bookings', headers: { ...headers.customer, 'idempotency-key': 'fuzz-world' },
    payload: { listing_id: listing.id, plan_option_id: option.id, session_id: session.id, child_ids: [child.id] },
  })
  if (booked.statusCode !== 201) throw new Error(`fuzz world: booking answered ${booked.statusCode} ${booked.body}`)
  const booking = (booked.json() as { booking: { id: string } }).booking
  const creditPlan = await ctx.app.inject({
    method: 'POST', url: '/api/admin/credit-plans', headers: headers.admin, payload: { name: 'Fuzz 10', credits: 10, bonus_credits: 0, price: 49_900, validity_days: 30 },
  })
  if (creditPlan.statusCode !== 201) throw new Error(`fuzz world: credit plan answered ${creditPlan.statusCode} ${creditPlan.body}`)
  const creditPlanId = (creditPlan.json() as { id: string }).id
  const invoices = (await ctx.app.inject({ method: 'GET', url: '/api/invoices/my', headers: headers.customer })).json() as { items: { id: string }[] }

  const byResource: Record<string, string[]> = {
    listing: [listing.id], venue: [venue.id], session: [session.id, ...laterSessions.map((s) => s.id)], plan_option: [option.id], option: [option.id], batch: [batch.id], booking: [booking.id],
    child: [child.id, secondChild.id], user: [customer.id, partnerUser.id, admin.id], partner: [partner.id], category: [category.id], invoice: invoices.items.map((i) => i.id),
    credit_plan: [creditPlanId], plan: [creditPlanId],
  }
  const all = Object.values(byResource).flat()
  // other strings the data makes meaningful; a name not here gets made-up text
  const byField: Record<string, string[]> = {
    category: [category.slug], city: ['Gurgaon'], state: ['Haryana'], identifier: [customer.email!, customer.phone!], slug: [category.slug],
  }
  const byName = (name: string): readonly string[] => byField[name] ?? byResource[name.replace(/_ids?$/, '')] ?? (/(^|_)ids?$/.test(name) ? all : [])

  return {
    ctx,
    headers,
    knownFor: (path) => (name) => {
      if (name !== 'id') return byName(name)
      const segment = /\/([^/{}]+)\/\{id\}/.exec(path)?.[1] ?? ''
      return byResource[RESOURCE_OF_SEGMENT[segment] ?? ''] ?? all
    },
    secretValues: [ctx.config.jwt.secret, ...Object.values(FUZZ_SECRETS)],
  }
}
