// Evaluations racing on PostgreSQL (two API processes taking two jobs of one parent at once): each badge is awarded
// once, and only the run whose insert won tells the parent.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { createBookingWithSeat, createChild, createListing, createUser } from '../../../test/factories.js'
import { usingPostgres } from '../../../test/test-database.js'
import { badgeAwards, bookings, notifications } from '../../db/schema/index.js'
import { uuidGenerator } from '../../shared/ids.js'
import { createNotifier, DISPATCH_JOB } from '../notifications/index.js'
import { createBadgesService } from './index.js'

describe.runIf(usingPostgres())('badge evaluations under concurrency (PostgreSQL)', async () => {
  const ctx = await buildTestApp()
  const { db } = ctx.database
  const badges = createBadgesService({ db, clock: ctx.clock, ids: uuidGenerator, notify: createNotifier(ctx.jobs) })

  it('eight evaluations of one family at once award each badge once and notify once per award', async () => {
    const listing = await createListing(db)
    const parents: Array<{ id: string }> = []
    for (let i = 0; i < 3; i++) {
      const parent = await createUser(db)
      // two children who went to five sessions together: the parent and each child have a badge due
      const kids = [await createChild(db, parent.id), await createChild(db, parent.id)]
      for (let s = 0; s < 5; s++) {
        const booking = await createBookingWithSeat(db, listing, parent.id, ctx.clock.now(), 'attended')
        await db.update(bookings).set({ child_ids: kids.map((k) => k.id) }).where(eq(bookings.id, booking.id))
      }
      parents.push(parent)
    }
    const runs = await Promise.all(parents.flatMap((p) => Array.from({ length: 8 }, () => badges.evaluateBadges(p.id))))
    for (const parent of parents) {
      const awards = await db.select().from(badgeAwards).where(eq(badgeAwards.user_id, parent.id))
      // first booking for the parent, five sessions for each child: once each
      expect(awards.map((a) => a.child_id === null ? 'parent' : 'child').sort()).toEqual(['child', 'child', 'parent'])
      expect(new Set(awards.map((a) => `${a.badge_id}:${a.child_id}`)).size).toBe(3)
    }
    const total = (await db.select().from(badgeAwards)).filter((a) => parents.some((p) => p.id === a.user_id)).length
    expect(runs.reduce((sum, n) => sum + n, 0)).toBe(total)

    await ctx.jobs.drain(DISPATCH_JOB)
    for (const parent of parents) {
      const told = await db.select().from(notifications).where(eq(notifications.user_id, parent.id))
      const awarded = await db.select().from(badgeAwards).where(eq(badgeAwards.user_id, parent.id))
      expect(told.filter((n) => n.kind === 'badge_awarded')).toHaveLength(awarded.length)
    }
  })
})
