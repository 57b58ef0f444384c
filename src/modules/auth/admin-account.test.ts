// The core of `npm run create-admin`, on a fresh test database.
import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { createUser } from '../../../test/factories.js'
import { createTestDatabase } from '../../../test/test-database.js'
import { users } from '../../db/schema/index.js'
import { ManualClock } from '../../shared/clock.js'
import { uuidGenerator } from '../../shared/ids.js'
import { createOrPromoteAdmin } from './index.js'
import { passwordMatches } from './password-policy.js'

const database = await createTestDatabase()
afterAll(() => database.close())
const deps = { db: database.db, clock: new ManualClock(), ids: uuidGenerator }
const email = () => `boss-${randomUUID().slice(0, 8)}@example.com`

describe('createOrPromoteAdmin', () => {
  it('creates an admin with a verified email and an argon2id password', async () => {
    const address = email()
    const result = await createOrPromoteAdmin(deps, { email: address.toUpperCase(), name: ' Head Office ', password: 'very-secret-42' })
    expect(result).toMatchObject({ created: true, user: { email: address, name: 'Head Office', role: 'admin', status: 'active' } })
    const [row] = await database.db.select().from(users).where(eq(users.id, result.user.id))
    expect(row!.email_verified).toBe(true)
    expect(await passwordMatches('very-secret-42', row!.password_hash)).toBe(true)
  })

  it('promotes the account that holds the email, keeping its name when none is given', async () => {
    const existing = await createUser(database.db, { role: 'partner' })
    const result = await createOrPromoteAdmin(deps, { email: existing.email! })
    expect(result).toMatchObject({ created: false, user: { id: existing.id, name: existing.name, role: 'admin' } })
    const [row] = await database.db.select().from(users).where(eq(users.id, existing.id))
    expect(row!.role).toBe('admin')
    expect(row!.password_hash).toBeNull()
  })

  it('refuses a weak password and a malformed email without writing anything', async () => {
    const address = email()
    await expect(createOrPromoteAdmin(deps, { email: address, password: 'short' })).rejects.toMatchObject({ code: 'WEAK_PASSWORD' })
    await expect(createOrPromoteAdmin(deps, { email: 'not-an-email' })).rejects.toMatchObject({ code: 'INVALID_EMAIL' })
    expect(await database.db.select().from(users).where(eq(users.email, address))).toHaveLength(0)
  })
})
