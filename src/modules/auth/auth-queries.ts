// What other modules read of accounts and children; each runs on the caller's executor (its transaction).
import { and, eq, inArray } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { children, users } from '../../db/schema/users.js'

export interface ChildFacts {
  id: string
  name: string
  date_of_birth: string
}

/** These children, when they are `userId`'s (pass no userId to read them whoever's they are, e.g. for their partner). */
export async function findChildren(executor: Executor, ids: readonly string[], userId?: string): Promise<ChildFacts[]> {
  if (ids.length === 0) return []
  return executor
    .select({ id: children.id, name: children.name, date_of_birth: children.date_of_birth })
    .from(children)
    .where(and(inArray(children.id, [...ids]), userId ? eq(children.user_id, userId) : undefined))
}

export async function userExists(executor: Executor, userId: string): Promise<boolean> {
  const [row] = await executor.select({ id: users.id }).from(users).where(eq(users.id, userId)).limit(1)
  return row !== undefined
}
