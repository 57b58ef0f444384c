// Owned by the catalog module: listing_cards, the search read model. One row per public listing (approved, of an
// active partner) with everything a card shows and a search filters or sorts on, so a search reads one table.
// Kept current by triggers in the transaction of every write that changes a card (migrations 0027, 0028): nothing in
// the application writes it.
import { sql } from 'drizzle-orm'
import { boolean, customType, doublePrecision, index, integer, numeric, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core'

/** earthdistance's point (a cube), kept so a radius search does not recompute ll_to_earth for every candidate. */
const earth = customType<{ data: string }>({ dataType: () => 'earth' })

export const listingCards = pgTable(
  'listing_cards',
  {
    id: uuid().primaryKey(),
    title: text().notNull(),
    type: text().notNull(),
    age_min: smallint().notNull(),
    age_max: smallint().notNull(),
    price: integer().notNull(),
    trial_available: boolean().notNull(),
    /** trial_available, or an active trial plan option: what `trial_only` keeps. */
    offers_trial: boolean().notNull(),
    city: text(),
    /** city_key_of(city): lower(city) with a city's aliases folded to one name (city-aliases.ts cityKey), what city filters compare. */
    city_key: text(),
    area: text(),
    lat: doublePrecision(),
    lng: doublePrecision(),
    /** ll_to_earth(lat, lng), null without a position. */
    earth: earth(),
    timezone: text().notNull(),
    rating_avg: numeric({ precision: 3, scale: 2 }).notNull(),
    rating_count: integer().notNull(),
    image: text(),
    created_at: timestamp({ withTimezone: true }).notNull(),
    category_id: uuid().notNull(),
    category_slug: text().notNull(),
    category_name: text().notNull(),
    partner_id: uuid().notNull(),
    business_name: text().notNull(),
    search_text: text().notNull(),
    /** Starts of the listing's scheduled sessions, ascending: date filters and the next session without a probe. */
    session_starts: timestamp({ withTimezone: true }).array().notNull(),
    /** The distinct words of search_text (search_words_of): `q` finds cards by these, through search_words. */
    words: text().array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    index('listing_cards_rating_idx').on(t.rating_avg.desc(), t.created_at.desc(), t.id),
    index('listing_cards_city_rating_idx').on(t.city_key, t.rating_avg.desc(), t.created_at.desc(), t.id),
    // city searches count their matches from the index alone (every filter column a city search has is in it)
    index('listing_cards_city_filters_idx').on(t.city_key, t.age_min, t.age_max, t.category_id, t.type, t.price, t.offers_trial),
    index('listing_cards_city_category_idx').on(t.city_key, t.category_id, t.age_min, t.age_max),
    index('listing_cards_category_rating_idx').on(t.category_id, t.rating_avg.desc(), t.created_at.desc(), t.id),
    index('listing_cards_price_idx').on(t.price, t.id),
    index('listing_cards_city_price_idx').on(t.city_key, t.price, t.id),
    // which cards hold a word: `q`'s matched words are looked up here
    index('listing_cards_words_idx').using('gin', t.words),
    index('listing_cards_earth_idx').using('gist', t.earth),
    // a session-date filter or the starting-soon order reads a city's session starts from here, index-only, not about
    // one heap page a card; only cards of at most 200 starts (search-query.ts SESSION_STARTS_IN_INDEX), so no index row
    // grows past a page's share, and the few others through the small index after it
    index('listing_cards_city_starts_idx')
      .on(t.city_key, t.age_min, t.age_max, t.id, t.timezone, t.session_starts)
      .where(sql`cardinality(${t.session_starts}) <= 200`),
    index('listing_cards_city_many_starts_idx').on(t.city_key).where(sql`cardinality(${t.session_starts}) > 200`),
  ],
)

/**
 * The catalogue's vocabulary: every word of every card (listing_cards.words), added by refresh_listing_cards in the
 * write's transaction and never removed (a word no card holds any more finds no card). Each word of `q` is matched
 * against it by trigram similarity, so a typo finds the words it is close to.
 */
export const searchWords = pgTable(
  'search_words',
  {
    word: text().primaryKey(),
  },
  (t) => [index('search_words_word_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`)],
)
