// The guard's view of an account: role and status as they are now, read on every authenticated request.
import { eq } from 'drizzle-orm'
import type { Db } from '../../db/database.js'
import { users } from '../../db/schema/users.js'
import type { FindAccount } from '../../shared/auth.js'

export function createAccountLookup(db: Db): FindAccount {
  return async (userId) => {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId)) return undefined
    const [row] = await db.select({ id: users.id, role: users.role, status: users.status }).from(users).where(eq(users.id, userId)).limit(1)
    return row
  }
}
