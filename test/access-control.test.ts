// Who may call what, for every protected operation at once, read from the route inventory and the OpenAPI document:
// the caller is checked before the input, so no token is 401 and a wrong role 403, never a 422 listing the body's fields.
import { describe, expect, it } from 'vitest'
import { ROLES, type Role } from '../src/shared/auth.js'
import { buildTestApp } from './build-test-app.js'
import { authHeader, createUser } from './factories.js'
import { openApiPath, servedDocument } from './openapi-document.js'

const ctx = await buildTestApp()
const document = await servedDocument(ctx.app)
const tokens = Object.fromEntries(
  await Promise.all(ROLES.map(async (role) => [role, await authHeader(await createUser(ctx.database.db, { role }), ctx.clock)] as const)),
) as Record<Role, { authorization: string }>

/** Every documented operation that needs a token, with the roles its documentation (x-roles) lets through. */
const protectedOperations = ctx.app.routeInventory.flatMap((route) => {
  const operation = document.paths[openApiPath(route.url)]?.[route.method.toLowerCase()]
  if (!operation?.security?.length) return []
  // every path parameter malformed and the body empty: validation would refuse both, so only a guard that runs first passes
  const url = route.url.replace(/:[A-Za-z_]+/g, 'not-a-uuid')
  const roles = (operation['x-roles'] ?? []) as Role[]
  return [{ name: `${route.method} ${route.url}`, method: route.method as 'GET', url, roles }]
})

describe('access to every protected operation', () => {
  it('covers the whole API', () => {
    expect(protectedOperations.length).toBeGreaterThan(60)
  })

  it.each(protectedOperations)('$name: 401 without a token, 403 for a role it does not allow, before the input is read', async ({ method, url, roles }) => {
    const body = method === 'GET' ? undefined : {}
    const anonymous = await ctx.app.inject({ method, url, payload: body })
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.json().code).toBe('NOT_AUTHENTICATED')
    expect(roles.length).toBeGreaterThan(0)
    for (const role of ROLES.filter((r) => !roles.includes(r))) {
      const refused = await ctx.app.inject({ method, url, payload: body, headers: tokens[role] })
      expect({ role, status: refused.statusCode, code: refused.json().code }).toEqual({ role, status: 403, code: 'ROLE_FORBIDDEN' })
    }
  })
})
