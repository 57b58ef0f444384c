CREATE TABLE "search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "listing_cards_search_text_trgm_idx";--> statement-breakpoint
ALTER TABLE "listing_cards" ADD COLUMN "words" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "search_words_word_trgm_idx" ON "search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "listing_cards_words_idx" ON "listing_cards" USING gin ("words");--> statement-breakpoint
-- Hand-written from here. A card's words: the distinct words of its search text as the simple text search parser splits
-- them (lower-cased, no stemming, no stop words); `q` is split the same way (src/modules/catalog/search-words.ts).
CREATE FUNCTION search_words_of(text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT tsvector_to_array(to_tsvector('simple'::regconfig, $1))
$$;
--> statement-breakpoint
CREATE OR REPLACE VIEW "listing_card_source" AS
SELECT l.id, l.title, l.type, l.age_min, l.age_max, l.price, l.trial_available,
  (l.trial_available OR EXISTS (SELECT 1 FROM plan_options po WHERE po.listing_id = l.id AND po.kind = 'trial' AND po.active)) AS offers_trial,
  l.city, lower(l.city) AS city_key, v.area, l.lat, l.lng,
  CASE WHEN l.lat IS NOT NULL AND l.lng IS NOT NULL THEN ll_to_earth(l.lat, l.lng) END AS earth, l.timezone, l.rating_avg, l.rating_count, l.images[1] AS image, l.created_at,
  c.id AS category_id, c.slug AS category_slug, c.name AS category_name, p.id AS partner_id, p.business_name, l.search_text,
  ARRAY(SELECT s.starts_at FROM sessions s WHERE s.listing_id = l.id AND s.status = 'scheduled' ORDER BY s.starts_at) AS session_starts,
  search_words_of(l.search_text) AS words
FROM listings l
JOIN partners p ON p.id = l.partner_id
JOIN categories c ON c.id = l.category_id
LEFT JOIN venues v ON v.id = l.venue_id
WHERE l.status = 'approved' AND p.status = 'active';
--> statement-breakpoint
-- as in 0027, plus the card's words, and any word new to the vocabulary added to search_words in the same transaction
-- (in word order, so two writes adding the same new words wait for each other instead of deadlocking)
CREATE OR REPLACE FUNCTION refresh_listing_cards(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  -- one refresh of a listing at a time: a concurrent one waits for this commit, so the last to run reads every change
  PERFORM 1 FROM listings WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
  DELETE FROM listing_cards WHERE id = ANY (ids);
  INSERT INTO listing_cards (id, title, type, age_min, age_max, price, trial_available, offers_trial, city, city_key, area, lat, lng,
    earth, timezone, rating_avg, rating_count, image, created_at, category_id, category_slug, category_name, partner_id, business_name,
    search_text, session_starts, words)
  SELECT id, title, type, age_min, age_max, price, trial_available, offers_trial, city, city_key, area, lat, lng,
    earth, timezone, rating_avg, rating_count, image, created_at, category_id, category_slug, category_name, partner_id, business_name,
    search_text, session_starts, words
  FROM listing_card_source WHERE id = ANY (ids);
  INSERT INTO search_words (word)
  SELECT n.word FROM (SELECT DISTINCT unnest(c.words) AS word FROM listing_cards c WHERE c.id = ANY (ids)) n
  WHERE NOT EXISTS (SELECT 1 FROM search_words w WHERE w.word = n.word)
  ORDER BY n.word
  ON CONFLICT DO NOTHING;
END $$;
--> statement-breakpoint
-- the words of the cards that exist already, and the vocabulary they make
UPDATE listing_cards SET words = search_words_of(search_text);
--> statement-breakpoint
INSERT INTO search_words (word) SELECT DISTINCT unnest(words) FROM listing_cards ON CONFLICT DO NOTHING;
