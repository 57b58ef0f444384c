// SQL for accounts, children, one-time codes and OAuth sessions; built on the database or one use case's transaction.
import { and, asc, count, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { children, oauthSessions, otps, users } from '../../db/schema/users.js'

export type UserRow = typeof users.$inferSelect
export type NewUserRow = typeof users.$inferInsert
export type ChildRow = typeof children.$inferSelect
export type OtpRow = typeof otps.$inferSelect
export type UserPatch = Partial<Omit<NewUserRow, 'id' | 'created_at'>>
export type ChildPatch = Partial<Pick<ChildRow, 'name' | 'date_of_birth' | 'gender' | 'interests'>>

export function authRepository(db: Executor) {
  return {
    async findUserById(id: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1)
      return row
    },
    async findUserByEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`).limit(1)
      return row
    },
    async findUserByPhone(phone: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.phone, phone)).limit(1)
      return row
    },
    async findUserByGoogleSub(sub: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.google_sub, sub)).limit(1)
      return row
    },
    async insertUser(values: NewUserRow): Promise<UserRow> {
      const [row] = await db.insert(users).values(values).returning()
      return row!
    },
    async updateUser(id: string, patch: UserPatch): Promise<UserRow> {
      const [row] = await db.update(users).set(patch).where(eq(users.id, id)).returning()
      return row!
    },

    async listChildren(userId: string): Promise<ChildRow[]> {
      return db.select().from(children).where(eq(children.user_id, userId)).orderBy(asc(children.created_at), asc(children.id))
    },
    async insertChild(values: typeof children.$inferInsert): Promise<ChildRow> {
      const [row] = await db.insert(children).values(values).returning()
      return row!
    },
    async updateChild(userId: string, childId: string, patch: ChildPatch): Promise<void> {
      await db.update(children).set(patch).where(and(eq(children.id, childId), eq(children.user_id, userId)))
    },
    async deleteChild(userId: string, childId: string): Promise<void> {
      await db.delete(children).where(and(eq(children.id, childId), eq(children.user_id, userId)))
    },

    /** Serialises code requests and checks for one identifier until the transaction ends (all processes). */
    async lockIdentifier(identifier: string): Promise<void> {
      await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`otp:${identifier}`}))`)
    },
    async findLatestOtp(identifier: string): Promise<OtpRow | undefined> {
      const [row] = await db.select().from(otps).where(eq(otps.identifier, identifier)).orderBy(desc(otps.created_at)).limit(1)
      return row
    },
    async countOtpsSince(identifier: string, since: Date): Promise<{ total: number; oldest: Date | undefined }> {
      const [row] = await db
        .select({ total: count(), oldest: sql<string | Date | null>`min(${otps.created_at})` })
        .from(otps)
        .where(and(eq(otps.identifier, identifier), gt(otps.created_at, since)))
      return { total: Number(row?.total ?? 0), oldest: row?.oldest ? new Date(row.oldest) : undefined }
    },
    /** Earlier codes die when a new one is issued: only the newest code can sign in. */
    async expireOpenOtps(identifier: string, now: Date): Promise<void> {
      await db
        .update(otps)
        .set({ expires_at: now })
        .where(and(eq(otps.identifier, identifier), isNull(otps.consumed_at), gt(otps.expires_at, now)))
    },
    async insertOtp(values: typeof otps.$inferInsert): Promise<void> {
      await db.insert(otps).values(values)
    },
    async recordWrongOtp(id: string): Promise<number> {
      const [row] = await db
        .update(otps)
        .set({ attempts: sql`${otps.attempts} + 1` })
        .where(eq(otps.id, id))
        .returning({ attempts: otps.attempts })
      return row?.attempts ?? 0
    },
    /** Marks the code used; false when another request used it first. */
    async consumeOtp(id: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(otps)
        .set({ consumed_at: now })
        .where(and(eq(otps.id, id), isNull(otps.consumed_at)))
        .returning({ id: otps.id })
      return rows.length === 1
    },

    async insertOauthSession(values: typeof oauthSessions.$inferInsert): Promise<void> {
      await db.insert(oauthSessions).values(values)
    },
  }
}

export type AuthRepository = ReturnType<typeof authRepository>
