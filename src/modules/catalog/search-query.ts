// The SQL of GET /api/search over listing_cards, the read model of public cards (src/db/schema/catalog.ts): one table,
// no joins, so planning is cheap and the sorts walk an index; the total is counted only up to a cap.
import { sql, type SQL } from 'drizzle-orm'
import { pageOffset } from '../../shared/schemas.js'
import { cityKey } from './city-aliases.js'
import { at, type CardRow } from './listing-card.js'
import { similarityTiers, type QueryWord } from './search-words.js'
import type { SearchListingsQuery } from './catalog.schemas.js'

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Matches are counted up to this many (or one past the asked page, if deeper): counting every one of 19k matches
 * costs more than finding the page. When there are more, `total` is this bound and `total_capped` says "more than".
 */
export const SEARCH_TOTAL_CAP = 200

export interface SearchRow extends CardRow {
  counted: number
}

/** The largest total given exactly: the cap, or one past the asked page when it lies deeper (so a next page shows). */
export function countBound(filters: SearchListingsQuery): number {
  const { limit, offset } = pageOffset(filters)
  return Math.max(SEARCH_TOTAL_CAP, offset + limit + 1)
}

/** A search around a point. */
type AroundPoint = SearchListingsQuery & { lat: number; lng: number; radius_km: number }

function hasDistance(f: SearchListingsQuery): f is AroundPoint {
  return f.lat !== undefined && f.lng !== undefined && f.radius_km !== undefined
}

/**
 * The searched point as earthdistance's point: the statement's `origin`, computed once (see withClause); planning
 * ll_to_earth afresh at each of its uses cost more than the rest of the plan.
 */
const ORIGIN = sql`(select o.earth from origin o)`

/** `day` 00:00 in the card's timezone, as a timestamptz. */
function localMidnight(day: string, plusDays = 0): SQL {
  return sql`((${day}::date + ${plusDays}::int)::timestamp at time zone c.timezone)`
}

/**
 * How many of the card's session starts come before `t`: a binary search of the ascending array (width_bucket counts
 * the elements <= its operand; timestamps are whole microseconds, so `< t` is `<= t - 1 µs`).
 */
function startsBefore(t: SQL): SQL {
  return sql`width_bucket(${t} - interval '1 microsecond', c.session_starts)`
}

/** The card's next scheduled session from now: the first start not before now. */
function nextSession(now: Date): SQL {
  return sql`c.session_starts[${startsBefore(at(now))} + 1]`
}

/** A scheduled session from now within the asked days (venue time): some start lies in [from, to). */
function inDateWindow(f: SearchListingsQuery, now: Date): SQL {
  const from = f.date_from === undefined ? at(now) : sql`greatest(${at(now)}, ${localMidnight(f.date_from)})`
  const before = f.date_to === undefined ? sql`cardinality(c.session_starts)` : startsBefore(localMidnight(f.date_to, 1))
  return sql`${before} > ${startsBefore(from)}`
}

/** A text[] of the given words, one parameter each. */
function textArray(words: readonly string[]): SQL {
  return sql`array[${sql.join(words.map((w) => sql`${w}`), sql`, `)}]::text[]`
}

/** Every word of q matches a word of the card (listing_cards_words_idx); q without a word matches nothing. */
function holdsQueryWords(words: readonly QueryWord[]): SQL[] {
  if (words.length === 0) return [sql`false`]
  return words.map((w) => (w.matches.length === 0 ? sql`false` : sql`c.words && ${textArray(w.matches.map((m) => m.word))}`))
}

/**
 * `words`: q's words and the catalogue words each matches (search-words.ts), looked up before the search; [] without q.
 */
export function searchConditions(f: SearchListingsQuery, now: Date, words: readonly QueryWord[]): SQL[] {
  const where: SQL[] = []
  if (f.q !== undefined) where.push(...holdsQueryWords(words))
  if (f.city !== undefined) {
    // one key for every name of the city, so the (city_key, ...) indexes walk it in their order
    where.push(sql`c.city_key = ${cityKey(f.city)}`)
  }
  if (f.age !== undefined) where.push(sql`c.age_min <= ${f.age}::int and c.age_max >= ${f.age}::int`)
  if (f.category !== undefined) {
    // a slug is resolved to its id first, so the (city, category) indexes serve both
    where.push(
      UUID_PATTERN.test(f.category)
        ? sql`c.category_id = ${f.category}::uuid`
        : sql`c.category_id = (select cs.id from categories cs where cs.slug = ${f.category.trim().toLowerCase()})`,
    )
  }
  if (f.type !== undefined) where.push(sql`c.type = ${f.type}`)
  if (hasDistance(f)) where.push(withinRadius(f.radius_km * 1000))
  if (hasDateWindow(f)) where.push(inDateWindow(f, now))
  if (f.min_price !== undefined) where.push(sql`c.price >= ${f.min_price}::int`)
  if (f.max_price !== undefined) where.push(sql`c.price <= ${f.max_price}::int`)
  if (f.trial_only === true) where.push(sql`c.offers_trial`)
  return where
}

/** earthdistance's earth(): the sphere's radius in metres. */
const EARTH_RADIUS_M = 6378168

/** The straight-line distance (cube's <->, a C function) from the searched point to the card. */
const CHORD = sql`(c.earth <-> ${ORIGIN})`

/**
 * The distance along the surface from the searched point to the card: earth_distance(origin, c.earth) written out as
 * earthdistance computes it (sec_to_gc of the chord: the same float8 operations, so the same value), because PostgreSQL
 * does not inline sec_to_gc here and runs it as an SQL function, ~2 µs a row, and planning earth_distance and earth_box
 * at each use cost more than the rest of the plan. least() only guards asin from rounding past 1 (antipodes).
 */
const ARC = sql`(12756336::float8 * asin(least(1::float8, ${CHORD} / 12756336::float8)))`

/**
 * Within `meters` of the searched point along the surface, exactly as `earth_distance(origin, c.earth) <= meters`:
 * the arc grows with the chord, so a card whose chord is clearly shorter (longer) than the radius's chord is in (out),
 * and only one within a billionth of the edge is measured along the arc. The box, what listing_cards_earth_idx answers,
 * is earth_box's cube (half side: the radius's chord) grown by that billionth so it holds every match.
 */
function withinRadius(meters: number): SQL {
  const chord = 2 * EARTH_RADIUS_M * Math.sin(meters / (2 * EARTH_RADIUS_M))
  const inside = chord * (1 - 1e-9)
  const outside = chord * (1 + 1e-9)
  return sql`cube_enlarge(${ORIGIN}, ${outside}::float8, 3) @> c.earth
    and (${CHORD} < ${inside}::float8 or (${CHORD} <= ${outside}::float8 and ${ARC} <= ${meters}::float8))`
}

function distanceKm(f: SearchListingsQuery): SQL {
  return hasDistance(f) ? sql`${ARC} / 1000.0` : sql`null::float8`
}

// the order of listing_cards_rating_idx (rating is never null, so `nulls last` changes nothing but lets the index serve)
const BY_RATING = sql`c.rating_avg desc nulls last, c.created_at desc nulls last, c.id`

/**
 * How well the card matches q: for each word of q, the similarity of the most similar of its matches that the card
 * holds, summed. A word of q whose matches are all equally similar (an exact word, most often) adds the same to every
 * card, so it is left out; undefined when every word is such, and then relevance is the rating order alone.
 */
function relevanceScore(words: readonly QueryWord[]): SQL | undefined {
  const terms = words
    .map(similarityTiers)
    .filter((tiers) => tiers.length > 1)
    .map((tiers) => sql`(case ${sql.join(tiers.map((t) => sql`when c.words && ${textArray(t.words)} then ${t.similarity}::float8`), sql` `)} else 0 end)`)
  return terms.length === 0 ? undefined : sql.join(terms, sql` + `)
}

/** The asked order. Relevance with q: the relevance score (relevanceScore), best first, then the rating order. */
function searchOrder(f: SearchListingsQuery, now: Date, words: readonly QueryWord[]): SQL {
  switch (f.sort ?? 'relevance') {
    case 'distance':
      // the chord (cube's <->) grows with earth_distance, so the order is the same, and listing_cards_earth_idx walks it
      // nearest first; listings at one position tie exactly and fall back to the id
      return hasDistance(f) ? sql`${CHORD} asc, c.id` : sql`c.id`
    case 'price':
      return sql`c.price asc, c.id`
    case 'rating':
      return BY_RATING
    case 'starting_soon':
      return sql`${nextSession(now)} asc nulls last, c.id`
    case 'relevance': {
      const score = f.q === undefined ? undefined : relevanceScore(words)
      return score === undefined ? BY_RATING : sql`${score} desc, ${BY_RATING}`
    }
  }
}

function whereClause(f: SearchListingsQuery, now: Date, words: readonly QueryWord[]): SQL {
  const conditions = searchConditions(f, now, words)
  return conditions.length === 0 ? sql`` : sql`where ${sql.join(conditions, sql` and `)}`
}

/** A card of at most this many session starts has them in listing_cards_city_starts_idx (its predicate). */
export const SESSION_STARTS_IN_INDEX = 200

/**
 * listing_cards in two parts, for a scan that reads many cards' session starts (a date filter, the starting-soon
 * order): the cards of at most SESSION_STARTS_IN_INDEX starts, read index-only from listing_cards_city_starts_idx, and
 * the few others through listing_cards_city_many_starts_idx. Every card is in exactly one part. The bound is written
 * into the text, not sent as a value, so a generic plan of a prepared statement still proves the partial indexes apply.
 */
const CARDS_BY_STARTS = sql`(
    select * from listing_cards where cardinality(session_starts) <= ${sql.raw(String(SESSION_STARTS_IN_INDEX))}
    union all
    select * from listing_cards where cardinality(session_starts) > ${sql.raw(String(SESSION_STARTS_IN_INDEX))}
  )`

/**
 * Where a scan of the search finds cards: split by their number of starts when it reads the starts of a city's many
 * cards (the index leads with the city; without one, the split's planning cost what it saved: the count stops early).
 */
function cardsSource(f: SearchListingsQuery, readsStarts: boolean): SQL {
  return readsStarts && f.city !== undefined ? CARDS_BY_STARTS : sql`listing_cards`
}

function hasDateWindow(f: SearchListingsQuery): boolean {
  return f.date_from !== undefined || f.date_to !== undefined
}

const CARD_COLUMNS = sql`c.id, c.title, c.type, c.age_min, c.age_max, c.price, c.trial_available, c.city, c.area, c.lat, c.lng,
  c.rating_avg::float8 as rating_average, c.rating_count, c.image, c.created_at, c.category_id, c.category_slug,
  c.category_name, c.partner_id, c.business_name`

/**
 * One statement: the page (found and ordered on listing_cards alone, walking an index in the asked order where one
 * fits, its next session read only for the page's rows) and the number of matches counted up to `countBound`, in every
 * row. `words`: q's words and their matches (search-words.ts), looked up first; [] without q.
 */
export function searchStatement(f: SearchListingsQuery, now: Date, words: readonly QueryWord[]): SQL {
  const { limit, offset } = pageOffset(f)
  const where = whereClause(f, now, words)
  const order = searchOrder(f, now, words)
  const nearest = (f.sort ?? 'relevance') === 'distance' && hasDistance(f) ? nearestFirst(f, where, offset + limit) : undefined
  // the page's rows are ordered again by the same keys (the id last, so the same order), not numbered inside: a row
  // number over the matches kept PostgreSQL from sorting only the best (a top-N sort) when no index gives the order
  return sql`${withClause(f, nearest === undefined ? [] : [nearest.cte])} select ${CARD_COLUMNS}, ${nextSession(now)} as next_session_at, ${distanceKm(f)} as distance_km,
      (select count(*) from (select 1 from ${cardsSource(f, hasDateWindow(f))} c ${where} limit ${countBound(f) + 1}::int) n) as counted
    from (
      select c.id
      from ${cardsSource(f, f.sort === 'starting_soon')} c ${where} ${nearest === undefined ? sql`` : nearest.condition}
      order by ${order}
      limit ${limit}::int offset ${offset}::int
    ) page
    join listing_cards c on c.id = page.id
    order by ${order}`
}

/**
 * sort=distance: PostgreSQL 15 walks listing_cards_earth_idx nearest first only for an order by the distance alone,
 * not with the id after it, so sorting (distance, id) would read every match in the radius. Instead the walk finds the
 * distance of the `reach`-th nearest match (or the radius, with fewer matches), and the page reads only the matches
 * within it, through a box just around it, and sorts those exactly. Ties at that distance are all inside, so the page
 * is the same.
 */
function nearestFirst(f: AroundPoint, where: SQL, reach: number): { cte: SQL; condition: SQL } {
  const chord = sql`c.earth <-> ${ORIGIN}`
  return {
    cte: sql`nearest as (
      select coalesce((select ${chord} from listing_cards c ${where} order by ${chord} offset ${reach - 1}::int limit 1), ${f.radius_km * 1000}::float8) as chord
    )`,
    // the chord is at most the arc (the radius), so the coalesce keeps every match; the box's 1 m is for rounding
    condition: sql`and cube_enlarge(${ORIGIN}, (select n.chord from nearest n) + 1, 3) @> c.earth and ${chord} <= (select n.chord from nearest n)`,
  }
}

/** The statement's CTEs: the searched point (origin) when there is one, then `more`. */
function withClause(f: SearchListingsQuery, more: SQL[]): SQL {
  const ctes = hasDistance(f) ? [sql`origin as (select ll_to_earth(${f.lat}::float8, ${f.lng}::float8) as earth)`, ...more] : more
  return ctes.length === 0 ? sql`` : sql`with ${sql.join(ctes, sql`, `)}`
}

/** The count alone, for a page past the last match (no row carries it then). */
export function searchCountStatement(f: SearchListingsQuery, now: Date, words: readonly QueryWord[]): SQL {
  return sql`${withClause(f, [])} select count(*) as counted from (select 1 from ${cardsSource(f, hasDateWindow(f))} c ${whereClause(f, now, words)} limit ${countBound(f) + 1}::int) n`
}

/** total and whether it is a lower bound, from the number counted. */
export function searchTotal(counted: number, filters: SearchListingsQuery): { total: number; total_capped: boolean } {
  const bound = countBound(filters)
  return counted > bound ? { total: bound, total_capped: true } : { total: counted, total_capped: false }
}
