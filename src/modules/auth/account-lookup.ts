// The guard's view of an account: role and status as they are now, read on every authenticated request.
import { eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/database.js'
import { users } from '../../db/schema/users.js'
import type { FindAccount } from '../../shared/auth.js'

export function createAccountLookup(db: Db): FindAccount {
  // every authenticated request runs it: a named statement, parsed and planned once per connection
  const accountById = db
    .select({ id: users.id, role: users.role, status: users.status })
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .limit(1)
    .prepare('account_by_id')
  return async (userId) => {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId)) return undefined
    const [row] = await accountById.execute({ id: userId })
    return row
  }
}
