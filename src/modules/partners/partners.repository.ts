// SQL of partner profiles: built on the database or on one use case's transaction.
import { and, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { partners } from '../../db/schema/partners.js'
import { pageOffset } from '../../shared/schemas.js'
import { findUserContacts } from '../auth/index.js'
import type { ListPartnersQuery } from './partners.schemas.js'

export type PartnerRow = typeof partners.$inferSelect
export type NewPartnerRow = typeof partners.$inferInsert
export type PartnerChanges = Partial<Omit<NewPartnerRow, 'id' | 'user_id' | 'created_at'>>

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

export function partnersRepository(db: Executor) {
  return {
    async findByUserId(userId: string, lock?: 'update'): Promise<PartnerRow | undefined> {
      const query = db.select().from(partners).where(eq(partners.user_id, userId)).limit(1)
      const [row] = lock ? await query.for('update') : await query
      return row
    },

    async findById(id: string, lock?: 'update' | 'share'): Promise<PartnerRow | undefined> {
      const query = db.select().from(partners).where(eq(partners.id, id)).limit(1)
      const [row] = lock ? await query.for(lock) : await query
      return row
    },

    async insert(values: NewPartnerRow): Promise<PartnerRow> {
      const [row] = await db.insert(partners).values(values).returning()
      return row!
    },

    async update(id: string, changes: PartnerChanges): Promise<PartnerRow> {
      const [row] = await db.update(partners).set(changes).where(eq(partners.id, id)).returning()
      return row!
    },

    async list(query: ListPartnersQuery) {
      const filters: SQL[] = []
      if (query.status) filters.push(eq(partners.status, query.status))
      if (query.kyc_status) filters.push(eq(partners.kyc_status, query.kyc_status))
      if (query.city?.trim()) filters.push(sql`lower(${partners.city}) = lower(${query.city.trim()})`)
      if (query.search?.trim()) filters.push(ilike(partners.business_name, `%${escapeLike(query.search.trim())}%`))
      const q = query.q?.trim()
      if (q) {
        const pattern = `%${escapeLike(q)}%`
        filters.push(or(ilike(partners.business_name, pattern), ilike(partners.contact_email, pattern), ilike(partners.contact_phone, pattern))!)
      }
      const where = filters.length > 0 ? and(...filters) : undefined
      const { limit, offset } = pageOffset(query)
      const [counted] = await db.select({ total: sql<number>`count(*)::int` }).from(partners).where(where)
      const items = await db
        .select({
          id: partners.id,
          user_id: partners.user_id,
          business_name: partners.business_name,
          city: partners.city,
          state: partners.state,
          status: partners.status,
          kyc_status: partners.kyc_status,
          commission_percent: partners.commission_percent,
          created_at: partners.created_at,
        })
        .from(partners)
        .where(where)
        .orderBy(desc(partners.created_at), desc(partners.id))
        .limit(limit)
        .offset(offset)
      const owners = new Map((await findUserContacts(db, items.map((p) => p.user_id))).map((u) => [u.id, u.email]))
      return { items: items.map((p) => ({ ...p, owner_email: owners.get(p.user_id) ?? null })), total: Number(counted?.total ?? 0) }
    },
  }
}

export type PartnersRepository = ReturnType<typeof partnersRepository>
