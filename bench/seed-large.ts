// The large data set of DESIGN §10, generated inside the database with INSERT … SELECT generate_series, in chunks
// so a progress bar can follow. Ids are md5-derived from a counter, so rows can refer to each other without lookups.
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../src/db/database.js'
import { queryRow } from '../src/db/query.js'
import { seedDemoData } from '../src/seed/index.js'
import type { Clock } from '../src/shared/clock.js'
import { note, startProgress } from './progress.js'

export interface DataSize {
  users: number
  partners: number
  venues: number
  listings: number
  sessionsPerListing: number
  bookings: number
}

export const FULL_SIZE: DataSize = { users: 100_000, partners: 2_000, venues: 4_000, listings: 20_000, sessionsPerListing: 15, bookings: 30_000 }
export const QUICK_SIZE: DataSize = { users: 5_000, partners: 200, venues: 400, listings: 2_000, sessionsPerListing: 15, bookings: 3_000 }

// ten cities, each with its state and a centre; venues are scattered up to ~10 km around it
const CITIES = sql`(values
  (0, 'Gurgaon', 'Haryana', 28.4595, 77.0266), (1, 'Delhi', 'Delhi', 28.6139, 77.2090),
  (2, 'Bengaluru', 'Karnataka', 12.9716, 77.5946), (3, 'Mumbai', 'Maharashtra', 19.0760, 72.8777),
  (4, 'Pune', 'Maharashtra', 18.5204, 73.8567), (5, 'Hyderabad', 'Telangana', 17.3850, 78.4867),
  (6, 'Chennai', 'Tamil Nadu', 13.0827, 80.2707), (7, 'Kolkata', 'West Bengal', 22.5726, 88.3639),
  (8, 'Noida', 'Uttar Pradesh', 28.5355, 77.3910), (9, 'Ahmedabad', 'Gujarat', 23.0225, 72.5714)
) as city(n, name, state, lat, lng)`

const ADJECTIVES = sql`array['Junior','Little','Advanced','Beginners','Weekend','Summer','Creative','Playful','Young','Super','Happy','Bright']`
const NOUNS = sql`array['Stars','Minds','Feet','Champions','Explorers','Sparks','Owls','Tigers','Learners','Makers']`
const KINDS = sql`array['Academy','Studio','Club','Centre','School','Hub']`
const COACHES = sql`array['Aarav','Diya','Ishaan','Meera','Kabir','Anika','Rohan','Tara','Vivaan','Saanvi','Arjun','Kavya']`

const uid = (prefix: string, n: SQL) => sql`md5(${prefix} || ${n}::text)::uuid`
/** A non-negative pseudo-random bigint fixed by (salt, n). */
const h = (salt: string, n: SQL) => sql`(hashtext(${salt} || ${n}::text)::bigint + 2147483648)`

async function inChunks(db: Db, label: string, total: number, chunk: number, statement: (from: number, to: number) => SQL): Promise<void> {
  const progress = startProgress(label, total)
  for (let from = 1; from <= total; from += chunk) {
    const to = Math.min(total, from + chunk - 1)
    await db.execute(statement(from, to))
    progress.update(to)
  }
  progress.finish()
}

// listing_cards (search's read model) is refreshed by triggers per statement; during a bulk load of tables without
// statistics yet the planner would scan every session for each refreshed card, so the load runs with the triggers off
// and rebuilds the read model once at the end, from the same recomputation the triggers use
const CARD_TRIGGERS: [string, string[]][] = [
  ['listings', ['listing_cards_listings_insert', 'listing_cards_listings_update', 'listing_cards_listings_delete']],
  ['sessions', ['listing_cards_sessions_insert', 'listing_cards_sessions_update', 'listing_cards_sessions_delete']],
  ['plan_options', ['listing_cards_plan_options_insert', 'listing_cards_plan_options_update', 'listing_cards_plan_options_delete']],
]

async function setCardTriggers(db: Db, enabled: boolean): Promise<void> {
  for (const [table, triggers] of CARD_TRIGGERS) {
    for (const trigger of triggers) await db.execute(sql.raw(`alter table ${table} ${enabled ? 'enable' : 'disable'} trigger ${trigger}`))
  }
}

/** Seeds the demo data and then the generated bulk; returns the number of seconds it took. */
export async function seedLargeData(db: Db, size: DataSize, clock: Clock): Promise<number> {
  const started = performance.now()
  const now = clock.now().toISOString()
  await seedDemoData(db, { clock, adminEmails: ['admin@bench.rrray.test'] })
  const p = size.partners
  const v = size.venues
  await setCardTriggers(db, false)

  await inChunks(db, 'users', size.users, 20_000, (from, to) => sql`
    insert into users (id, name, email, phone, role, email_verified, city, created_at)
    select ${uid('bench-user-', sql`i`)}, 'Bench Parent ' || i, 'bench-user-' || i || '@bench.rrray.test',
      '+917' || lpad(i::text, 9, '0'), case when i <= ${p}::int then 'partner' else 'customer' end, true,
      (array['Gurgaon','Delhi','Bengaluru','Mumbai','Pune'])[1 + i % 5], ${now}::timestamptz - (i % 700) * interval '1 day'
    from generate_series(${from}::int, ${to}::int) i`)

  await inChunks(db, 'partners', p, 5_000, (from, to) => sql`
    insert into partners (id, user_id, business_name, description, city, status, kyc_status, commission_percent)
    select ${uid('bench-partner-', sql`i`)}, ${uid('bench-user-', sql`i`)},
      (${ADJECTIVES})[1 + i % 12] || ' ' || (${NOUNS})[1 + (i / 12) % 10] || ' ' || (${KINDS})[1 + i % 6] || ' ' || i,
      'Activities for children', null, case when i % 50 = 0 then 'suspended' else 'active' end, 'verified', 15
    from generate_series(${from}::int, ${to}::int) i`)

  await inChunks(db, 'venues', v, 5_000, (from, to) => sql`
    insert into venues (id, partner_id, name, address, area, city, state, lat, lng, timezone)
    select ${uid('bench-venue-', sql`i`)}, ${uid('bench-partner-', sql`(1 + i % ${p}::int)`)}, 'Venue ' || i, 'Street ' || i,
      'Sector ' || (1 + i % 90), city.name, city.state,
      city.lat + (((i * 7919) % 1000) / 1000.0 - 0.5) * 0.18, city.lng + (((i * 104729) % 1000) / 1000.0 - 0.5) * 0.18, 'Asia/Kolkata'
    from generate_series(${from}::int, ${to}::int) i join ${CITIES} on city.n = i % 10`)

  // attributes come from independent hashes of the counter, so city, age, category and type do not move in lockstep
  await inChunks(db, 'listings', size.listings, 2_500, (from, to) => sql`
    with cats as (select array_agg(id order by slug) ids, array_agg(name order by slug) names, count(*)::int n from categories),
    g as (
      select i, c.ids[1 + ${h('cat', sql`i`)} % c.n] category_id, c.names[1 + ${h('cat', sql`i`)} % c.n] category_name,
        (array['class','class','camp','workshop','event'])[1 + ${h('type', sql`i`)} % 5] type,
        2 + ${h('age', sql`i`)} % 10 age_min, 3 + ${h('span', sql`i`)} % 6 age_span,
        (${ADJECTIVES})[1 + ${h('adj', sql`i`)} % 12] adjective, (${COACHES})[1 + ${h('coach', sql`i`)} % 12] coach
      from generate_series(${from}::int, ${to}::int) i, cats c
    ),
    t as (
      select g.*, g.adjective || ' ' || g.category_name || ' ' || initcap(g.type) || ' with ' || g.coach title,
        'Small groups, trained coaches and a friendly space for kids to learn ' || lower(g.category_name) || '.' description
      from g
    )
    insert into listings (id, partner_id, venue_id, category_id, title, description, type, age_min, age_max, duration_minutes,
      tags, price, trial_available, trial_price, status, city, lat, lng, timezone, search_text, rating_avg, rating_count,
      published_at, created_at)
    select ${uid('bench-listing-', sql`t.i`)}, v.partner_id, v.id, t.category_id, t.title, t.description, t.type,
      t.age_min, least(16, t.age_min + t.age_span), 60, array[lower(t.category_name), 'kids'],
      30000 + (${h('price', sql`t.i`)} % 120) * 1000, t.i % 3 = 0, case when t.i % 3 = 0 then 19900 end,
      case when t.i % 20 = 0 then 'draft' else 'approved' end, v.city, v.lat, v.lng, v.timezone,
      lower(t.title || ' ' || p.business_name || ' ' || t.category_name || ' ' || lower(t.category_name) || ' kids ' || t.description),
      (3.5 + (${h('rating', sql`t.i`)} % 150) / 100.0)::numeric(3, 2), ${h('ratings', sql`t.i`)} % 200,
      ${now}::timestamptz - (t.i % 365) * interval '1 day', ${now}::timestamptz - (t.i % 365) * interval '1 day'
    from t
    join venues v on v.id = ${uid('bench-venue-', sql`(1 + ${h('venue', sql`t.i`)} % ${v}::int)`)}
    join partners p on p.id = v.partner_id`)

  await inChunks(db, 'plan options', size.listings, 5_000, (from, to) => sql`
    insert into plan_options (listing_id, kind, name, price, credits_price, sessions_count, validity_days, sort_order)
    select l.id, o.kind, o.name, case o.kind when 'pack' then l.price * 7 else l.price end, ceil(l.price / 10000.0)::int * o.mult,
      o.sessions, o.validity, o.sort
    from generate_series(${from}::int, ${to}::int) i
    join listings l on l.id = ${uid('bench-listing-', sql`i`)}
    cross join (values ('single', 'Single session', 1, 1, null::int, 0), ('pack', 'Pack of 8 sessions', 7, 8, 60, 1)) as o(kind, name, mult, sessions, validity, sort)
    where o.kind = 'single' or l.type = 'class'`)

  const perListing = size.sessionsPerListing
  await inChunks(db, 'sessions', size.listings * perListing, 1_000 * perListing, (from, to) => sql`
    insert into sessions (listing_id, starts_at, ends_at, capacity, seats_taken)
    select ${uid('bench-listing-', sql`l`)}, t.starts, t.starts + interval '1 hour', 10 + l % 20, (l * k) % (10 + l % 20)
    from generate_series(${(from - 1) / perListing + 1}::int, ${to / perListing}::int) l
    cross join generate_series(0, ${perListing - 1}::int) k
    cross join lateral (select date_trunc('day', ${now}::timestamptz) + ((k * 56) / ${perListing}::int + l % 3) * interval '1 day'
      + (3 + (l + k) % 10) * interval '1 hour' + interval '30 minutes' as starts) t`)

  const customers = size.users - p
  await inChunks(db, 'bookings', size.bookings, 10_000, (from, to) => sql`
    insert into bookings (user_id, listing_id, status, seats, amount, created_at, confirmed_at)
    select ${uid('bench-user-', sql`(${p}::int + 1 + (i::bigint * 7919) % ${customers}::int)`)},
      ${uid('bench-listing-', sql`(1 + floor(${size.listings}::int * power(((i::bigint * 104729) % 10007) / 10007.0, 3))::int)`)},
      'confirmed', 1 + i % 2, 99900, t.at, t.at
    from generate_series(${from}::int, ${to}::int) i
    cross join lateral (select ${now}::timestamptz - ((i * 13) % 720) * interval '1 hour' as at) t`)

  const cards = startProgress('listing cards (read model)', 1)
  // statistics first: without them the rebuild would scan every session for each card
  await db.execute(sql`analyze listings, partners, venues, categories, plan_options, sessions`)
  await setCardTriggers(db, true)
  await db.execute(sql`delete from listing_cards`)
  await db.execute(sql`insert into listing_cards select * from listing_card_source`)
  // the vocabulary q is matched against, as refresh_listing_cards keeps it (migration 0031)
  await db.execute(sql`insert into search_words (word) select distinct unnest(words) from listing_cards on conflict do nothing`)
  cards.finish()

  const analyze = startProgress('vacuum analyze', 1)
  // vacuum flushes the trigram index's pending list and sets visibility, as autovacuum would on a live server
  await db.execute(sql`vacuum analyze`)
  analyze.finish()
  const seconds = (performance.now() - started) / 1000
  const counts = await queryRow<Record<string, number>>(db, sql`select
    (select count(*) from users) users, (select count(*) from listings) listings,
    (select count(*) from sessions) sessions, (select count(*) from bookings) bookings`)
  note(`seeded in ${seconds.toFixed(1)} s: ${JSON.stringify(counts)}`)
  return seconds
}
