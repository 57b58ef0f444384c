// The admins' side of accounts: find users, read one with their children, bookings and wallet, suspend and reactivate
// (each change audited in its own transaction; the guard re-reads the account per request, so a suspension bites at once).
import type { Db, Executor } from '../../db/database.js'
import { readAll } from '../../db/query.js'
import type { Clock } from '../../shared/clock.js'
import type { PageOf } from '../../shared/schemas.js'
import { recordAudit, type AuditActor } from '../audit/index.js'
import { authRepository, type UserRow } from './auth.repository.js'
import { lockUser } from './auth-queries.js'
import { CannotSuspendAdminError, InvalidSignupRangeError, UserAlreadySuspendedError, UserNotFoundError, UserNotSuspendedError } from './auth.errors.js'
import { toChildView } from './public-user.js'
import type { UserActivityPort } from './user-ports.js'
import { usersAdminRepository } from './users-admin.repository.js'
import type { AdminUserDetail, AdminUserSummary, ListUsersQuery } from './users-admin.schemas.js'

/** How many of a user's bookings their detail shows. */
export const LATEST_BOOKINGS = 10

/** Midnight starting this India day (Asia/Kolkata, +05:30, no daylight saving). */
const startOfIndiaDay = (day: string, plusDays = 0): Date => new Date(new Date(`${day}T00:00:00+05:30`).getTime() + plusDays * 86_400_000)

export function toAdminUserSummary(user: UserRow): AdminUserSummary {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    phone: user.phone,
    role: user.role,
    status: user.status,
    suspended_reason: user.suspended_reason,
    suspended_at: user.suspended_at?.toISOString() ?? null,
    email_verified: user.email_verified,
    phone_verified: user.phone_verified,
    city: user.city,
    avatar_url: user.avatar_url,
    has_password: user.password_hash !== null,
    google_linked: user.google_sub !== null,
    last_login_at: user.last_login_at?.toISOString() ?? null,
    created_at: user.created_at.toISOString(),
  }
}

const suspensionSnapshot = (user: UserRow) => ({ status: user.status, suspended_reason: user.suspended_reason })

export function createUsersAdminService(deps: { db: Db; clock: Clock; activity: UserActivityPort }) {
  const { db, clock, activity } = deps

  /** The account, locked for the change; admins (and the caller) cannot be suspended or reactivated from here. */
  async function lockTarget(tx: Executor, admin: AuditActor, userId: string): Promise<UserRow> {
    const locked = await lockUser(tx, userId)
    if (!locked) throw new UserNotFoundError()
    if (locked.id === admin.id) throw new CannotSuspendAdminError(true)
    if (locked.role === 'admin') throw new CannotSuspendAdminError(false)
    return (await authRepository(tx).findUserById(userId))!
  }

  return {
    async listUsers(query: ListUsersQuery): Promise<PageOf<AdminUserSummary>> {
      if (query.signed_up_from && query.signed_up_to && query.signed_up_to < query.signed_up_from) throw new InvalidSignupRangeError()
      const { items, total } = await usersAdminRepository(db).listUsers({
        query,
        createdFrom: query.signed_up_from ? startOfIndiaDay(query.signed_up_from) : undefined,
        createdBefore: query.signed_up_to ? startOfIndiaDay(query.signed_up_to, 1) : undefined,
      })
      return { items: items.map(toAdminUserSummary), total, page: query.page, page_size: query.page_size }
    },

    async getUser(userId: string): Promise<AdminUserDetail> {
      const now = clock.now()
      const repo = authRepository(db)
      const user = await repo.findUserById(userId)
      if (!user) throw new UserNotFoundError()
      const [children, bookings, balance] = await readAll(
        db,
        () => repo.listChildren(userId),
        () => activity.latestBookings(db, userId, LATEST_BOOKINGS),
        () => activity.walletBalance(db, userId, now),
      )
      return {
        ...toAdminUserSummary(user),
        location: user.location ?? null,
        children: children.map((c) => toChildView(c, now)),
        bookings: {
          items: bookings.items.map((b) => ({
            ...b,
            created_at: b.created_at.toISOString(),
            confirmed_at: b.confirmed_at?.toISOString() ?? null,
            cancelled_at: b.cancelled_at?.toISOString() ?? null,
          })),
          total: bookings.total,
        },
        wallet: { balance },
      }
    },

    /** 409 USER_ALREADY_SUSPENDED when it is; 403 for an admin or oneself. */
    async suspendUser(admin: AuditActor, userId: string, reason: string): Promise<AdminUserSummary> {
      return db.transaction(async (tx) => {
        const repo = authRepository(tx)
        const before = await lockTarget(tx, admin, userId)
        if (before.status === 'suspended') throw new UserAlreadySuspendedError()
        const now = clock.now()
        const after = await repo.updateUser(userId, { status: 'suspended', suspended_reason: reason.trim(), suspended_at: now, updated_at: now })
        await recordAudit(tx, {
          actor_id: admin.id, ip: admin.ip, action: 'user.suspend', target_type: 'user', target_id: userId,
          before: suspensionSnapshot(before), after: suspensionSnapshot(after), created_at: now,
        })
        return toAdminUserSummary(after)
      })
    },

    /** 409 USER_NOT_SUSPENDED when it is active. */
    async reactivateUser(admin: AuditActor, userId: string): Promise<AdminUserSummary> {
      return db.transaction(async (tx) => {
        const repo = authRepository(tx)
        const before = await lockTarget(tx, admin, userId)
        if (before.status !== 'suspended') throw new UserNotSuspendedError()
        const now = clock.now()
        const after = await repo.updateUser(userId, { status: 'active', suspended_reason: null, suspended_at: null, updated_at: now })
        await recordAudit(tx, {
          actor_id: admin.id, ip: admin.ip, action: 'user.reactivate', target_type: 'user', target_id: userId,
          before: suspensionSnapshot(before), after: suspensionSnapshot(after), created_at: now,
        })
        return toAdminUserSummary(after)
      })
    },
  }
}

export type UsersAdminService = ReturnType<typeof createUsersAdminService>
