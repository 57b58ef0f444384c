// SQL of the admin's user list: filters, search and sort over accounts.
import { and, asc, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { users } from '../../db/schema/users.js'
import { pageOffset } from '../../shared/schemas.js'
import type { UserRow } from './auth.repository.js'
import type { ListUsersQuery } from './users-admin.schemas.js'

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

const ORDER: Record<NonNullable<ListUsersQuery['sort']>, SQL[]> = {
  newest: [desc(users.created_at), desc(users.id)],
  oldest: [asc(users.created_at), asc(users.id)],
  name: [sql`lower(${users.name})`, asc(users.id)],
  last_login: [sql`${users.last_login_at} desc nulls last`, desc(users.id)],
}

export interface UserListFilters {
  query: ListUsersQuery
  /** Sign-up instants: [from, to). */
  createdFrom: Date | undefined
  createdBefore: Date | undefined
}

export function usersAdminRepository(db: Executor) {
  return {
    async listUsers({ query, createdFrom, createdBefore }: UserListFilters): Promise<{ items: UserRow[]; total: number }> {
      const filters: SQL[] = []
      const q = query.q?.trim()
      if (q) {
        const pattern = `%${escapeLike(q)}%`
        // a phone typed with spaces or a leading 0 still matches the stored +91XXXXXXXXXX
        const digits = q.replace(/[\s()-]/g, '').replace(/^(\+?91|0)(?=\d{10}$)/, '')
        filters.push(or(ilike(users.name, pattern), ilike(users.email, pattern), ilike(users.phone, `%${escapeLike(digits || q)}%`))!)
      }
      if (query.role) filters.push(eq(users.role, query.role))
      if (query.status) filters.push(eq(users.status, query.status))
      if (query.city?.trim()) filters.push(sql`lower(${users.city}) = lower(${query.city.trim()})`)
      if (createdFrom) filters.push(gte(users.created_at, createdFrom))
      if (createdBefore) filters.push(lt(users.created_at, createdBefore))
      const where = filters.length > 0 ? and(...filters) : undefined
      const { limit, offset } = pageOffset(query)
      const [counted] = await db.select({ total: sql<number>`count(*)::int` }).from(users).where(where)
      const items = await db
        .select()
        .from(users)
        .where(where)
        .orderBy(...ORDER[query.sort ?? 'newest'])
        .limit(limit)
        .offset(offset)
      return { items, total: Number(counted?.total ?? 0) }
    },
  }
}
