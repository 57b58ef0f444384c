// The signed-in account's own profile and children; only the listed fields can ever be written (no mass assignment).
import { InvalidTokenError } from '../../../shared/auth.js'
import { normalizeIndianMobile } from '../../../shared/phone.js'
import type { AuthDeps } from '../auth-deps.js'
import { authRepository, type ChildPatch, type ChildRow, type UserPatch } from '../auth.repository.js'
import { ChildNotFoundError, EmailTakenError, InvalidDateOfBirthError, InvalidEmailError, InvalidPhoneError, PhoneTakenError } from '../auth.errors.js'
import { dateOfBirthProblem } from '../child-age.js'
import { normalizeEmail } from '../identifier.js'
import { toChildView, toPublicUser, type ChildView, type PublicUser } from '../public-user.js'

export interface UpdateProfileInput {
  name?: string | undefined
  email?: string | undefined
  phone?: string | undefined
  city?: string | null | undefined
  location?: { lat: number; lng: number; area?: string | undefined } | null | undefined
  avatar_url?: string | null | undefined
  /** A JSON object (the schema guarantees it); stored as given. */
  preferences?: object | undefined
}

export interface ChildInput {
  name: string
  date_of_birth: string
  gender?: string | null | undefined
  interests?: string[] | undefined
}

export function profile(deps: AuthDeps) {
  const { db, clock } = deps

  async function getProfile(userId: string): Promise<PublicUser> {
    const repo = authRepository(db)
    const user = await repo.findUserById(userId)
    if (!user) throw new InvalidTokenError()
    return toPublicUser(user, await repo.listChildren(userId), clock.now())
  }

  async function listChildren(userId: string): Promise<ChildView[]> {
    const now = clock.now()
    return (await authRepository(db).listChildren(userId)).map((c) => toChildView(c, now))
  }

  async function childAt(userId: string, index: number): Promise<ChildRow> {
    const child = (await authRepository(db).listChildren(userId))[index]
    if (!child) throw new ChildNotFoundError()
    return child
  }

  function checkDateOfBirth(date: string): void {
    const problem = dateOfBirthProblem(date, clock.now())
    if (problem) throw new InvalidDateOfBirthError(problem)
  }

  return {
    getProfile,
    listChildren,

    async updateProfile(userId: string, input: UpdateProfileInput): Promise<PublicUser> {
      const patch: UserPatch = { updated_at: clock.now() }
      if (input.name !== undefined) patch.name = input.name.trim()
      if (input.city !== undefined) patch.city = input.city === null ? null : input.city.trim()
      if (input.location !== undefined) patch.location = input.location
      if (input.avatar_url !== undefined) patch.avatar_url = input.avatar_url
      if (input.preferences !== undefined) patch.preferences = input.preferences as Record<string, unknown>
      const email = input.email === undefined ? undefined : normalizeEmail(input.email)
      if (input.email !== undefined && !email) throw new InvalidEmailError()
      const phone = input.phone === undefined ? undefined : normalizeIndianMobile(input.phone)
      if (input.phone !== undefined && !phone) throw new InvalidPhoneError()
      await db.transaction(async (tx) => {
        const repo = authRepository(tx)
        const current = await repo.findUserById(userId)
        if (!current) throw new InvalidTokenError()
        if (email && email !== current.email?.toLowerCase()) {
          const holder = await repo.findUserByEmail(email)
          if (holder && holder.id !== userId) throw new EmailTakenError()
          Object.assign(patch, { email, email_verified: false })
        }
        if (phone && phone !== current.phone) {
          const holder = await repo.findUserByPhone(phone)
          if (holder && holder.id !== userId) throw new PhoneTakenError()
          Object.assign(patch, { phone, phone_verified: false })
        }
        await repo.updateUser(userId, patch)
      })
      return getProfile(userId)
    },

    async addChild(userId: string, input: ChildInput): Promise<ChildView[]> {
      checkDateOfBirth(input.date_of_birth)
      await authRepository(db).insertChild({
        id: deps.ids.next(),
        user_id: userId,
        name: input.name.trim(),
        date_of_birth: input.date_of_birth,
        gender: input.gender ?? null,
        interests: input.interests ?? [],
      })
      return listChildren(userId)
    },

    async editChild(userId: string, index: number, input: Partial<ChildInput>): Promise<ChildView[]> {
      const child = await childAt(userId, index)
      if (input.date_of_birth !== undefined) checkDateOfBirth(input.date_of_birth)
      const patch: ChildPatch = {}
      if (input.name !== undefined) patch.name = input.name.trim()
      if (input.date_of_birth !== undefined) patch.date_of_birth = input.date_of_birth
      if (input.gender !== undefined) patch.gender = input.gender
      if (input.interests !== undefined) patch.interests = input.interests
      if (Object.keys(patch).length > 0) await authRepository(db).updateChild(userId, child.id, patch)
      return listChildren(userId)
    },

    async deleteChild(userId: string, index: number): Promise<ChildView[]> {
      const child = await childAt(userId, index)
      await authRepository(db).deleteChild(userId, child.id)
      return listChildren(userId)
    },
  }
}
