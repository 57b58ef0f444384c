// APP_ENV=dev only: the seed's testing code 1234 signs in without a sent code.
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { createUser, mobile } from '../../../test/factories.js'

const ctx = await buildTestApp({ env: { APP_ENV: 'dev' } })

describe('verify-otp in APP_ENV=dev', () => {
  it('accepts 1234 for a new number and signs it up', async () => {
    const phone = mobile()
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/verify-otp', payload: { identifier: phone, otp: '1234', name: 'Dev User' } })
    expect(res.statusCode).toBe(200)
    expect(res.json().user).toMatchObject({ phone, name: 'Dev User', role: 'customer', phone_verified: true })
  })

  it('accepts 1234 for an existing account', async () => {
    const user = await createUser(ctx.database.db)
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/verify-otp', payload: { identifier: user.phone, otp: '1234' } })
    expect(res.json().user.id).toBe(user.id)
  })

  it('still refuses other wrong codes', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/verify-otp', payload: { identifier: mobile(), otp: '4321' } })
    expect(res.statusCode).toBe(401)
  })
})
