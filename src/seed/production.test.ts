import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/database.js'
import { queryRow, queryRows } from '../db/query.js'
import { createTestDatabase } from '../../test/test-database.js'
import { seedProductionData } from './production.js'
import { STARTING_CATEGORIES } from './starting-set.js'
import { STARTING_BADGES } from '../modules/badges/index.js'

let database: Database
const count = async (table: string) =>
  Number((await queryRow<{ n: number }>(database.db, sql`select count(*)::int n from ${sql.identifier(table)}`))!.n)

beforeAll(async () => {
  database = await createTestDatabase()
}, 60_000)
afterAll(async () => database.close())

describe('seedProductionData', () => {
  it('never overwrites a setting an admin changed', async () => {
    const db = database.db
    await db.execute(sql`insert into config (key, value) values ('gst', '{"rate_percent": 5}'::jsonb) on conflict (key) do update set value = excluded.value`)
    await seedProductionData(db)
    expect(await queryRows(db, sql`select value from config where key = 'gst'`)).toEqual([{ value: { rate_percent: 5 } }])
    await db.execute(sql`delete from config`)
    await db.execute(sql`delete from credit_plans`)
    await db.execute(sql`delete from categories`)
  })

  it('loads the 12 categories and the standard credit plans, twice to the same rows, and nothing else', async () => {
    const first = await seedProductionData(database.db)
    const rowsAfterFirst = await queryRows(database.db, sql`select * from categories order by slug`)
    const plansAfterFirst = await queryRows(database.db, sql`select * from credit_plans order by name`)
    const second = await seedProductionData(database.db)

    // the badges came with the migration
    expect(first).toEqual({ categories: 12, credit_plans: 4, config: 3, badges: 0 })
    expect(second).toEqual({ categories: 0, credit_plans: 0, config: 0, badges: 0 })
    expect(await queryRows(database.db, sql`select * from categories order by slug`)).toEqual(rowsAfterFirst)
    expect(await queryRows(database.db, sql`select * from credit_plans order by name`)).toEqual(plansAfterFirst)
    const slugs = await queryRows<{ slug: string; active: boolean }>(database.db, sql`select slug, active from categories order by sort_order`)
    expect(slugs).toEqual(STARTING_CATEGORIES.map((c) => ({ slug: c.slug, active: true })))
    const plans = await queryRows<{ name: string }>(database.db, sql`select name from credit_plans where active order by sort_order`)
    expect(plans.map((p) => p.name)).toEqual(['Trial', 'Starter', 'Family', 'Pro'])
    // the config defaults whose default is not an environment variable (those stay unset, so the variable applies)
    const config = await queryRows<{ key: string; value: unknown }>(database.db, sql`select key, value from config order by key`)
    expect(config).toEqual([
      { key: 'cancellation_policy', value: { full_refund_hours: 24, partial_refund_hours: 6, partial_refund_percent: 50 } },
      { key: 'gst', value: { rate_percent: 18 } },
      { key: 'gst_exempt_categories', value: [] },
    ])
    expect(await count('badges')).toBe(STARTING_BADGES.length)
    for (const table of ['partners', 'venues', 'listings', 'users', 'sessions', 'bookings', 'credit_purchases']) {
      expect({ table, rows: await count(table) }).toEqual({ table, rows: 0 })
    }
  })

  it('puts back a missing badge, and keeps one an admin changed', async () => {
    const db = database.db
    const [first, second] = STARTING_BADGES
    await db.execute(sql`delete from badges where code = ${first!.code}`)
    await db.execute(sql`update badges set name_en = 'Regular', threshold = 6 where code = ${second!.code}`)
    expect((await seedProductionData(db)).badges).toBe(1)
    expect(await queryRows(db, sql`select id, name_en, threshold from badges where code in (${first!.code}, ${second!.code}) order by sort_order`)).toEqual([
      { id: first!.id, name_en: first!.name_en, threshold: first!.threshold },
      { id: second!.id, name_en: 'Regular', threshold: 6 },
    ])
  })
})
