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

/** The account's row, locked, so two use cases that change what a user is run one after the other. */
export async function lockUser(executor: Executor, userId: string): Promise<{ id: string; role: (typeof users.$inferSelect)['role'] } | undefined> {
  const [row] = await executor.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, userId)).limit(1).for('update')
  return row
}

/** The one change another module makes to an account: a customer who opens a business becomes a partner. */
export async function makeUserPartner(executor: Executor, userId: string, at: Date): Promise<void> {
  await executor.update(users).set({ role: 'partner', updated_at: at }).where(eq(users.id, userId))
}

export interface UserContact {
  id: string
  name: string
  email: string | null
  phone: string | null
}

export async function findUserContacts(executor: Executor, ids: readonly string[]): Promise<UserContact[]> {
  if (ids.length === 0) return []
  return executor.select({ id: users.id, name: users.name, email: users.email, phone: users.phone }).from(users).where(inArray(users.id, [...ids]))
}

/** The city in the user's profile, if they gave one (the AI advisor searches there by default). */
export async function findUserCity(executor: Executor, userId: string): Promise<string | null> {
  const [row] = await executor.select({ city: users.city }).from(users).where(eq(users.id, userId)).limit(1)
  return row?.city ?? null
}

/** All of the user's children, oldest first. */
export async function findChildrenOfUser(executor: Executor, userId: string): Promise<ChildFacts[]> {
  return executor
    .select({ id: children.id, name: children.name, date_of_birth: children.date_of_birth })
    .from(children)
    .where(eq(children.user_id, userId))
    .orderBy(children.date_of_birth, children.id)
}
