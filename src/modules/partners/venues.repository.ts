// SQL of venues.
import { and, count, desc, eq, isNull } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { venues } from '../../db/schema/partners.js'

export type VenueRow = typeof venues.$inferSelect
export type NewVenueRow = typeof venues.$inferInsert
export type VenueChanges = Partial<Omit<NewVenueRow, 'id' | 'partner_id' | 'created_at'>>

const owned = (partnerId: string, id: string) => and(eq(venues.id, id), eq(venues.partner_id, partnerId), isNull(venues.deleted_at))

export function venuesRepository(db: Executor) {
  return {
    /** A live venue of this partner; another partner's or a deleted one is undefined. */
    async findOwned(partnerId: string, id: string, lock?: 'update'): Promise<VenueRow | undefined> {
      const query = db.select().from(venues).where(owned(partnerId, id)).limit(1)
      const [row] = lock ? await query.for(lock) : await query
      return row
    },

    async listOwned(partnerId: string, limit: number, offset: number): Promise<{ items: VenueRow[]; total: number }> {
      const where = and(eq(venues.partner_id, partnerId), isNull(venues.deleted_at))
      const [counted] = await db.select({ total: count() }).from(venues).where(where)
      const items = await db.select().from(venues).where(where).orderBy(desc(venues.created_at), desc(venues.id)).limit(limit).offset(offset)
      return { items, total: Number(counted?.total ?? 0) }
    },

    async insert(values: NewVenueRow): Promise<VenueRow> {
      const [row] = await db.insert(venues).values(values).returning()
      return row!
    },

    async update(id: string, changes: VenueChanges): Promise<VenueRow> {
      const [row] = await db.update(venues).set(changes).where(eq(venues.id, id)).returning()
      return row!
    },

    async remove(id: string): Promise<void> {
      await db.delete(venues).where(eq(venues.id, id))
    },
  }
}
