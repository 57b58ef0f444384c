// SQL of the home screen's feeds. Each is one statement that walks an index and stops at `limit` rows.
import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryRows } from '../../db/query.js'
import { HOUR_MS } from '../../shared/clock.js'
import { cityNameVariants } from './city-aliases.js'
import type { ListingCard, StartingSoonItem } from './catalog.schemas.js'
import { at, BY_RATING, CARD_JOINS, cardColumns, type CardRow, inCities, IS_PUBLIC, OFFERS_TRIAL, PUBLIC_LISTINGS, toIso, toListingCard } from './listing-card.js'

export interface HomeFeedOptions {
  city?: string | undefined
  limit: number
}

export interface HomeFeedQueries {
  listTrending(options: HomeFeedOptions, now: Date): Promise<ListingCard[]>
  listTrials(options: HomeFeedOptions, now: Date): Promise<ListingCard[]>
  listForAge(age: number, options: HomeFeedOptions, now: Date): Promise<ListingCard[]>
  listStartingSoon(options: HomeFeedOptions, now: Date): Promise<StartingSoonItem[]>
  listWeekendCamps(options: HomeFeedOptions, now: Date): Promise<ListingCard[]>
}

export const TRENDING_WINDOW_DAYS = 30
export const STARTING_SOON_HOURS = 72

interface StartingSoonRow extends CardRow {
  session_id: string
  session_starts_at: Date | string
  session_ends_at: Date | string
  session_capacity: number
  seats_left: number
}

function publicWhere(options: HomeFeedOptions, ...more: SQL[]): SQL {
  const where = [IS_PUBLIC, ...more]
  if (options.city !== undefined) where.push(inCities(cityNameVariants(options.city)))
  return sql.join(where, sql` and `)
}

/**
 * Ids of the best rated public listings meeting `filter`, at most `limit`. With a city, one branch per name the city
 * goes by, each walking listings_public_city_rating_idx (an IN list over two names could not be read in rating order).
 */
function topRatedIds(options: HomeFeedOptions, filter: SQL): SQL {
  const branch = (city: SQL | undefined) => sql`(select l.id, l.rating_avg, l.created_at
    from listings l join partners p on p.id = l.partner_id
    where ${sql.join([IS_PUBLIC, filter, ...(city ? [city] : [])], sql` and `)}
    order by ${BY_RATING} limit ${options.limit}::int)`
  if (options.city === undefined) return branch(undefined)
  return sql.join(
    cityNameVariants(options.city).map((name) => branch(sql`lower(l.city) = ${name}`)),
    sql` union all `,
  )
}

export function createHomeFeedQueries(db: Executor): HomeFeedQueries {
  const ratedFeed = async (options: HomeFeedOptions, now: Date, filter: SQL): Promise<ListingCard[]> => {
    const rows = await queryRows<CardRow>(
      db,
      sql`select ${cardColumns(now)}
        from (${topRatedIds(options, filter)}) page
        join listings l on l.id = page.id ${CARD_JOINS}
        order by ${BY_RATING} limit ${options.limit}::int`,
    )
    return rows.map(toListingCard)
  }

  return {
    async listTrending(options, now) {
      const since = new Date(now.getTime() - TRENDING_WINDOW_DAYS * 24 * HOUR_MS)
      // booked listings (bookings_listing_recent_idx) first, then the best rated of the rest, so the feed is never short;
      // `not in` becomes a hashed filter, which lets the second branch walk listings_public_rating_idx and stop early
      const rows = await queryRows<CardRow & { recent_bookings: number }>(
        db,
        sql`with recent as (
            select b.listing_id, count(*)::int as recent_bookings from bookings b
            where b.status in ('confirmed', 'completed') and b.created_at >= ${at(since)} and b.created_at <= ${at(now)}
            group by b.listing_id
          )
          select ${cardColumns(now)}, ranked.recent_bookings
          from (
            (select l.id, r.recent_bookings, l.rating_avg, l.created_at
              from recent r join listings l on l.id = r.listing_id join partners p on p.id = l.partner_id
              where ${publicWhere(options)}
              order by r.recent_bookings desc, ${BY_RATING} limit ${options.limit}::int)
            union all
            (select l.id, 0, l.rating_avg, l.created_at
              from listings l join partners p on p.id = l.partner_id
              where ${publicWhere(options, sql`l.id not in (select r.listing_id from recent r)`)}
              order by ${BY_RATING} limit ${options.limit}::int)
            order by 2 desc, 3 desc, 4 desc, 1
            limit ${options.limit}::int
          ) ranked
          join listings l on l.id = ranked.id ${CARD_JOINS}
          order by ranked.recent_bookings desc, ${BY_RATING}`,
      )
      return rows.map(toListingCard)
    },

    listTrials: (options, now) => ratedFeed(options, now, OFFERS_TRIAL),

    listForAge: (age, options, now) => ratedFeed(options, now, sql`l.age_min <= ${age}::int and l.age_max >= ${age}::int`),

    async listStartingSoon(options, now) {
      const until = new Date(now.getTime() + STARTING_SOON_HOURS * HOUR_MS)
      // sessions_upcoming_order_idx gives sessions in (starts_at, id) order; the first `limit` with seats on a public listing win
      const rows = await queryRows<StartingSoonRow>(
        db,
        sql`select ${cardColumns(now)}, s2.id as session_id, s2.starts_at as session_starts_at, s2.ends_at as session_ends_at,
            s2.capacity as session_capacity, s2.capacity - s2.seats_taken as seats_left
          from ${PUBLIC_LISTINGS} join sessions s2 on s2.listing_id = l.id
          where s2.status = 'scheduled' and s2.starts_at >= ${at(now)} and s2.starts_at < ${at(until)}
            and s2.seats_taken < s2.capacity and ${publicWhere(options)}
          order by s2.starts_at, s2.id limit ${options.limit}::int`,
      )
      return rows.map((row) => ({
        ...toListingCard(row),
        session: {
          id: row.session_id,
          starts_at: toIso(row.session_starts_at),
          ends_at: toIso(row.session_ends_at),
          capacity: row.session_capacity,
          seats_left: row.seats_left,
        },
      }))
    },

    async listWeekendCamps(options, now) {
      // The weekend is the Saturday and Sunday of the current ISO week in the listing's own timezone: from Monday to
      // Friday that is the coming one; on a Saturday or Sunday it is the weekend under way (only its future sessions).
      const localToday = sql`(${at(now)} at time zone l.timezone)::date`
      const saturday = sql`(${localToday} + (6 - extract(isodow from ${localToday})::int))`
      // a coarse bound in UTC lets sessions_listing_starts_idx range-scan; the local-day test is exact
      const horizon = new Date(now.getTime() + 8 * 24 * HOUR_MS)
      return ratedFeed(
        options,
        now,
        sql`l.type = 'camp' and exists (select 1 from sessions s where s.listing_id = l.id and s.status = 'scheduled'
          and s.starts_at >= ${at(now)} and s.starts_at < ${at(horizon)}
          and (s.starts_at at time zone l.timezone)::date between ${saturday} and ${saturday} + 1)`,
      )
    },
  }
}
