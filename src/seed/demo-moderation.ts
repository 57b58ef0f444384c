// Demo data for the admin's user and partner screens: two suspended customers and a suspended studio with internal
// notes, made through the admin use cases (so their audit rows exist too). Only rows this run inserted are suspended:
// a second run, or one after an admin reactivated them, changes nothing.
import type { Db } from '../db/database.js'
import { partners } from '../db/schema/partners.js'
import { users } from '../db/schema/users.js'
import { createUsersAdminService } from '../modules/auth/index.js'
import { findLatestUserBookings, findPartnerBookingFigures } from '../modules/bookings/index.js'
import { usableCredits } from '../modules/credits/index.js'
import { partnerListings } from '../modules/listings/index.js'
import { createPartnerAdminService } from '../modules/partners/index.js'
import type { Clock } from '../shared/clock.js'
import { stableId } from './stable-id.js'

const SUSPENDED_CUSTOMERS = [
  { key: 'rohit', name: 'Rohit Bansal', city: 'Delhi', phone: '+919810000301', reason: 'Three chargebacks in a month; card issuer flagged fraud' },
  { key: 'kavya', name: 'Kavya Reddy', city: 'Bengaluru', phone: '+919810000302', reason: 'Abusive messages to a studio’s staff (ticket #4312)' },
] as const

const SUSPENDED_STUDIO = {
  key: 'sunrise-skating', businessName: 'Sunrise Skating Academy', city: 'Mumbai', state: 'Maharashtra', ownerPhone: '+919810000303',
  reason: 'Classes cancelled without notice three weekends running',
  notes: 'Owner promised a new coach by next month. Call before reactivating; refunds for the cancelled weekends are done.',
}

/** Needs an admin to act as (the first of ADMIN_EMAILS, seeded by seedDemoData); without one it does nothing. */
export async function seedDemoModeration(db: Db, options: { clock: Clock; adminEmails: readonly string[] }): Promise<void> {
  const adminEmail = options.adminEmails[0]?.toLowerCase()
  if (adminEmail === undefined) return
  const adminId = stableId(`admin:${adminEmail}`)
  const { clock } = options
  const usersAdmin = createUsersAdminService({ db, clock, activity: { latestBookings: findLatestUserBookings, walletBalance: usableCredits } })
  const partnerAdmin = createPartnerAdminService({
    db, clock, defaultCommissionPercent: 0, listings: partnerListings, bookingFigures: findPartnerBookingFigures, onVisibilityChanged: () => undefined,
  })

  for (const c of SUSPENDED_CUSTOMERS) {
    const inserted = await db
      .insert(users)
      .values({ id: stableId(`customer:${c.key}`), name: c.name, email: `${c.key}@demo.rrray.in`, phone: c.phone, role: 'customer', email_verified: true, phone_verified: true, city: c.city })
      .onConflictDoNothing()
      .returning({ id: users.id })
    if (inserted.length === 1) await usersAdmin.suspendUser({ id: adminId, ip: null }, inserted[0]!.id, c.reason)
  }

  const s = SUSPENDED_STUDIO
  const ownerId = stableId(`user:${s.key}`)
  await db
    .insert(users)
    .values({ id: ownerId, name: `${s.businessName} (owner)`, email: `owner.${s.key}@demo.rrray.in`, phone: s.ownerPhone, role: 'partner', email_verified: true, city: s.city })
    .onConflictDoNothing()
  const inserted = await db
    .insert(partners)
    .values({
      id: stableId(`partner:${s.key}`), user_id: ownerId, business_name: s.businessName, description: 'Roller and inline skating for ages 5 to 14',
      contact_email: `hello.${s.key}@demo.rrray.in`, city: s.city, state: s.state, kyc_status: 'verified', commission_percent: '18.00',
    })
    .onConflictDoNothing()
    .returning({ id: partners.id })
  if (inserted.length === 1) {
    await partnerAdmin.setNotes({ id: adminId, ip: null }, inserted[0]!.id, s.notes)
    await partnerAdmin.suspendPartner({ id: adminId, ip: null }, inserted[0]!.id, s.reason)
  }
}
