// listing_cards, search's read model, against a recomputation from the tables it comes from (listing_card_source),
// after every kind of write that changes a card; and, on PostgreSQL, after concurrent writes to one listing.
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { createCategory, createListing, createPartner, createPlanOption, createSession, createVenue } from '../../../test/factories.js'
import { createTestDatabase, usingPostgres } from '../../../test/test-database.js'
import type { Db } from '../../db/database.js'
import { queryRow, queryRows } from '../../db/query.js'
import { ALIAS_GROUPS, cityKey } from './city-aliases.js'

const ctx = await buildTestApp()
const db = ctx.database.db
const NOW = new Date('2026-03-06T12:00:00.000Z')
const HOUR = 3_600_000

/**
 * Rows in one and not the other, both ways, and card words missing from the vocabulary (search_words): all empty when
 * the read model is exactly the recomputation.
 */
async function differences(executor: Db): Promise<{ stale: unknown[]; missing: unknown[]; unknownWords: unknown[] }> {
  const stale = await queryRows(executor, sql`select id, title from (select * from listing_cards except select * from listing_card_source) x`)
  const missing = await queryRows(executor, sql`select id, title from (select * from listing_card_source except select * from listing_cards) x`)
  const unknownWords = await queryRows(
    executor,
    sql`select distinct w.word from listing_cards c, unnest(c.words) as w (word) where not exists (select 1 from search_words s where s.word = w.word)`,
  )
  return { stale, missing, unknownWords }
}

async function card(id: string) {
  return queryRow<{ title: string; sessions: number; offers_trial: boolean; business_name: string; area: string | null; category_name: string }>(
    db,
    sql`select title, cardinality(session_starts)::int as sessions, offers_trial, business_name, area, category_name from listing_cards where id = ${id}::uuid`,
  )
}

describe('listing_cards read model', () => {
  it('equals its recomputation after every kind of write that changes a card', async () => {
    const partner = await createPartner(db)
    const venue = await createVenue(db, partner.id, { area: 'Sector 1' })
    const category = await createCategory(db)
    const listing = await createListing(db, { partner_id: partner.id, venue_id: venue.id, category_id: category.id, city: venue.city, lat: venue.lat, lng: venue.lng })
    const other = await createListing(db, { partner_id: partner.id, venue_id: venue.id, category_id: category.id, city: venue.city, lat: venue.lat, lng: venue.lng })
    const draft = await createListing(db, { status: 'draft' })
    expect(await card(listing.id)).toMatchObject({ area: 'Sector 1', offers_trial: false, sessions: 0 })
    expect(await card(draft.id)).toBeUndefined() // only public listings have a card
    expect(await differences(db)).toEqual({ stale: [], missing: [], unknownWords: [] })

    const steps: [string, () => Promise<unknown>][] = [
      ['sessions added', async () => {
        await createSession(db, listing.id, new Date(NOW.getTime() + 48 * HOUR))
        await createSession(db, listing.id, new Date(NOW.getTime() + 24 * HOUR))
        await createSession(db, other.id, new Date(NOW.getTime() + 5 * HOUR))
      }],
      ['a session cancelled', () => db.execute(sql`update sessions set status = 'cancelled' where listing_id = ${listing.id}::uuid and starts_at = ${new Date(NOW.getTime() + 24 * HOUR).toISOString()}::timestamptz`)],
      ['a session moved', () => db.execute(sql`update sessions set starts_at = starts_at + interval '1 day', ends_at = ends_at + interval '1 day' where listing_id = ${other.id}::uuid`)],
      ['a session moved to another listing', () => db.execute(sql`update sessions set listing_id = ${listing.id}::uuid where listing_id = ${other.id}::uuid`)],
      ['and moved back', () => db.execute(sql`update sessions set listing_id = ${other.id}::uuid where listing_id = ${listing.id}::uuid and starts_at = ${new Date(NOW.getTime() + 29 * HOUR).toISOString()}::timestamptz`)],
      ['a capacity changed (changes no card)', () => db.execute(sql`update sessions set capacity = capacity + 5 where listing_id = ${listing.id}::uuid`)],
      ['a seat taken (changes no card)', () => db.execute(sql`update sessions set seats_taken = seats_taken + 1 where listing_id = ${other.id}::uuid`)],
      ['a session deleted', () => db.execute(sql`delete from sessions where listing_id = ${other.id}::uuid`)],
      ['a trial plan added', () => createPlanOption(db, listing.id, { kind: 'trial', name: 'Trial', price: 10_000 })],
      ['a trial plan deactivated', () => db.execute(sql`update plan_options set active = false where listing_id = ${listing.id}::uuid and kind = 'trial'`)],
      ['the listing edited (title, price, rating)', () => db.execute(sql`update listings set title = 'Renamed', price = 12300, rating_avg = 4.5, rating_count = 3 where id = ${listing.id}::uuid`)],
      ['the search text edited (new words)', () => db.execute(sql`update listings set search_text = 'renamed kites, ' || search_text || ' — kite-flying' where id = ${listing.id}::uuid`)],
      ['the venue area changed', () => db.execute(sql`update venues set area = 'Sector 2' where id = ${venue.id}::uuid`)],
      ['the category renamed', () => db.execute(sql`update categories set name = 'Renamed category' where id = ${category.id}::uuid`)],
      ['the partner renamed', () => db.execute(sql`update partners set business_name = 'Renamed partner' where id = ${partner.id}::uuid`)],
      ['the draft approved', () => db.execute(sql`update listings set status = 'approved' where id = ${draft.id}::uuid`)],
      ['the partner suspended', () => db.execute(sql`update partners set status = 'suspended' where id = ${partner.id}::uuid`)],
      ['the partner reinstated', () => db.execute(sql`update partners set status = 'active' where id = ${partner.id}::uuid`)],
      ['a listing archived', () => db.execute(sql`update listings set status = 'archived' where id = ${other.id}::uuid`)],
      ['a listing deleted', () => db.execute(sql`delete from listings where id = ${other.id}::uuid`)],
    ]
    for (const [name, write] of steps) {
      await write()
      expect(await differences(db), `after: ${name}`).toEqual({ stale: [], missing: [], unknownWords: [] })
    }
    expect(await card(listing.id)).toMatchObject({
      title: 'Renamed', offers_trial: false, business_name: 'Renamed partner', area: 'Sector 2', category_name: 'Renamed category',
    })
    expect((await card(listing.id))!.sessions).toBe(1) // the cancelled one is not a scheduled start
    const words = await queryRow<{ words: string[] }>(db, sql`select words from listing_cards where id = ${listing.id}::uuid`)
    expect(words?.words).toEqual(expect.arrayContaining(['renamed', 'kites', 'kite-flying', 'kite', 'flying']))
    expect(await card(draft.id)).toBeDefined()
    expect(await card(other.id)).toBeUndefined()
  })

  it('a seat taken or given back queues no trigger: every UPDATE trigger on sessions names the columns it reads', async () => {
    const triggers = await queryRows<{ name: string; columns: string[] }>(
      db,
      sql`select t.tgname as name, array(select a.attname::text from unnest(t.tgattr::int2[]) as k (attnum)
          join pg_attribute a on a.attrelid = t.tgrelid and a.attnum = k.attnum) as columns
        from pg_trigger t where t.tgrelid = 'sessions'::regclass and not t.tgisinternal and (t.tgtype & 16) <> 0`,
    )
    expect(triggers.map((t) => t.name)).toContain('listing_cards_sessions_update')
    for (const t of triggers) {
      expect(t.columns.length, t.name).toBeGreaterThan(0)
      expect(t.columns, t.name).not.toContain('seats_taken')
    }
  })

  it("a card's city_key (SQL's city_key_of) is the key a search for its city asks for (cityKey), for every alias", async () => {
    const cities = [...ALIAS_GROUPS.flat(), 'Gurugram', 'NEW DELHI', 'Bombay', 'Jaipur', 'Hyderabad', 'Noida']
    const rows = await queryRows<{ city: string; key: string }>(
      db,
      sql`select n.city, city_key_of(n.city) as key from unnest(${`{${cities.map((c) => `"${c}"`).join(',')}}`}::text[]) as n (city)`,
    )
    expect(rows.map((r) => [r.city, r.key])).toEqual(cities.map((c) => [c, cityKey(c)]))
    const listing = await createListing(db, { venue: { city: 'Gurugram' } })
    expect((await queryRow<{ city_key: string }>(db, sql`select city_key from listing_cards where id = ${listing.id}::uuid`))?.city_key).toBe('gurgaon')
  })

  it('a write in a transaction that rolls back leaves the card as it was', async () => {
    const listing = await createListing(db)
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`update listings set title = 'Never' where id = ${listing.id}::uuid`)
        throw new Error('roll back')
      })
      .catch(() => undefined)
    expect((await card(listing.id))!.title).toBe(listing.title)
  })
})

describe.runIf(usingPostgres())('listing_cards under concurrent writes (PostgreSQL)', () => {
  it('sessions added to one listing by concurrent transactions all reach its card', async () => {
    const database = await createTestDatabase({ poolMax: 12 })
    try {
      const pdb = database.db
      const listing = await createListing(pdb)
      // each transaction adds a session, then waits so that the others overlap it before committing
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          pdb.transaction(async (tx) => {
            await createSession(tx as unknown as Db, listing.id, new Date(NOW.getTime() + (i + 1) * HOUR))
            await tx.execute(sql`select pg_sleep(0.05)`)
          }),
        ),
      )
      const row = await queryRow<{ n: number }>(pdb, sql`select cardinality(session_starts) as n from listing_cards where id = ${listing.id}::uuid`)
      expect(row?.n).toBe(10)
      expect(await differences(pdb)).toEqual({ stale: [], missing: [], unknownWords: [] })
    } finally {
      await database.close()
    }
  })

  it('concurrent writes adding the same new words, in any order, all commit and add each word once', async () => {
    const database = await createTestDatabase({ poolMax: 12 })
    try {
      const pdb = database.db
      const words = ['zebrafoo', 'quokkabar', 'wombatbaz']
      // each transaction writes a listing whose text holds the same new words in another order, then waits for the others
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          pdb.transaction(async (tx) => {
            const text = [...words.slice(i % 3), ...words.slice(0, i % 3)].reverse().join(' ')
            await createListing(tx as unknown as Db, { title: text, search_text: text })
            await tx.execute(sql`select pg_sleep(0.05)`)
          }),
        ),
      )
      const vocabulary = await queryRows<{ word: string }>(pdb, sql`select word from search_words where word in ('zebrafoo', 'quokkabar', 'wombatbaz') order by word`)
      expect(vocabulary.map((w) => w.word)).toEqual(['quokkabar', 'wombatbaz', 'zebrafoo'])
      expect(await differences(pdb)).toEqual({ stale: [], missing: [], unknownWords: [] })
    } finally {
      await database.close()
    }
  })
})
