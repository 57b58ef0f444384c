CREATE TABLE "listing_cards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"type" text NOT NULL,
	"age_min" smallint NOT NULL,
	"age_max" smallint NOT NULL,
	"price" integer NOT NULL,
	"trial_available" boolean NOT NULL,
	"offers_trial" boolean NOT NULL,
	"city" text,
	"city_key" text,
	"area" text,
	"lat" double precision,
	"lng" double precision,
	"earth" "earth",
	"timezone" text NOT NULL,
	"rating_avg" numeric(3, 2) NOT NULL,
	"rating_count" integer NOT NULL,
	"image" text,
	"created_at" timestamp with time zone NOT NULL,
	"category_id" uuid NOT NULL,
	"category_slug" text NOT NULL,
	"category_name" text NOT NULL,
	"partner_id" uuid NOT NULL,
	"business_name" text NOT NULL,
	"search_text" text NOT NULL,
	"session_starts" timestamp with time zone[] NOT NULL
);
--> statement-breakpoint
CREATE INDEX "listing_cards_rating_idx" ON "listing_cards" USING btree ("rating_avg" DESC NULLS LAST,"created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "listing_cards_city_rating_idx" ON "listing_cards" USING btree ("city_key","rating_avg" DESC NULLS LAST,"created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "listing_cards_city_filters_idx" ON "listing_cards" USING btree ("city_key","age_min","age_max","category_id","type","price","offers_trial");--> statement-breakpoint
CREATE INDEX "listing_cards_city_category_idx" ON "listing_cards" USING btree ("city_key","category_id","age_min","age_max");--> statement-breakpoint
CREATE INDEX "listing_cards_category_rating_idx" ON "listing_cards" USING btree ("category_id","rating_avg" DESC NULLS LAST,"created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "listing_cards_price_idx" ON "listing_cards" USING btree ("price","id");--> statement-breakpoint
CREATE INDEX "listing_cards_city_price_idx" ON "listing_cards" USING btree ("city_key","price","id");--> statement-breakpoint
CREATE INDEX "listing_cards_search_text_trgm_idx" ON "listing_cards" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "listing_cards_earth_idx" ON "listing_cards" USING gist ("earth");
--> statement-breakpoint
-- Hand-written from here: what a card is, computed from the tables it comes from. listing_cards holds exactly these rows;
-- the triggers below refresh a listing's row whenever a write changes one of its inputs, in that write's transaction.
CREATE VIEW "listing_card_source" AS
SELECT l.id, l.title, l.type, l.age_min, l.age_max, l.price, l.trial_available,
  (l.trial_available OR EXISTS (SELECT 1 FROM plan_options po WHERE po.listing_id = l.id AND po.kind = 'trial' AND po.active)) AS offers_trial,
  l.city, lower(l.city) AS city_key, v.area, l.lat, l.lng,
  CASE WHEN l.lat IS NOT NULL AND l.lng IS NOT NULL THEN ll_to_earth(l.lat, l.lng) END AS earth, l.timezone, l.rating_avg, l.rating_count, l.images[1] AS image, l.created_at,
  c.id AS category_id, c.slug AS category_slug, c.name AS category_name, p.id AS partner_id, p.business_name, l.search_text,
  ARRAY(SELECT s.starts_at FROM sessions s WHERE s.listing_id = l.id AND s.status = 'scheduled' ORDER BY s.starts_at) AS session_starts
FROM listings l
JOIN partners p ON p.id = l.partner_id
JOIN categories c ON c.id = l.category_id
LEFT JOIN venues v ON v.id = l.venue_id
WHERE l.status = 'approved' AND p.status = 'active';
--> statement-breakpoint
CREATE FUNCTION refresh_listing_cards(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  -- one refresh of a listing at a time: a concurrent one waits for this commit, so the last to run reads every change
  PERFORM 1 FROM listings WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
  DELETE FROM listing_cards WHERE id = ANY (ids);
  INSERT INTO listing_cards (id, title, type, age_min, age_max, price, trial_available, offers_trial, city, city_key, area, lat, lng,
    earth, timezone, rating_avg, rating_count, image, created_at, category_id, category_slug, category_name, partner_id, business_name,
    search_text, session_starts)
  SELECT id, title, type, age_min, age_max, price, trial_available, offers_trial, city, city_key, area, lat, lng,
    earth, timezone, rating_avg, rating_count, image, created_at, category_id, category_slug, category_name, partner_id, business_name,
    search_text, session_starts
  FROM listing_card_source WHERE id = ANY (ids);
END $$;
--> statement-breakpoint
CREATE FUNCTION listing_cards_on_listings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_listing_cards(ARRAY(SELECT id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM refresh_listing_cards(ARRAY(SELECT id FROM old_rows));
  ELSE
    PERFORM refresh_listing_cards(ARRAY(SELECT id FROM new_rows UNION SELECT id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER listing_cards_listings_insert AFTER INSERT ON listings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_cards_on_listings();
--> statement-breakpoint
CREATE TRIGGER listing_cards_listings_update AFTER UPDATE ON listings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_cards_on_listings();
--> statement-breakpoint
CREATE TRIGGER listing_cards_listings_delete AFTER DELETE ON listings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_cards_on_listings();
--> statement-breakpoint
-- sessions: only a start, a status or a move changes a card; a seat taken (every booking) does not, and refreshes nothing
CREATE FUNCTION listing_cards_on_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_listing_cards(ARRAY(SELECT DISTINCT listing_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM refresh_listing_cards(ARRAY(SELECT DISTINCT listing_id FROM old_rows));
  ELSE
    PERFORM refresh_listing_cards(ARRAY(
      SELECT x.listing_id FROM new_rows n JOIN old_rows o ON o.id = n.id,
        LATERAL (VALUES (n.listing_id), (o.listing_id)) x (listing_id)
      WHERE (n.starts_at, n.status, n.listing_id) IS DISTINCT FROM (o.starts_at, o.status, o.listing_id)
      GROUP BY x.listing_id));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER listing_cards_sessions_insert AFTER INSERT ON sessions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_cards_on_sessions();
--> statement-breakpoint
CREATE TRIGGER listing_cards_sessions_update AFTER UPDATE ON sessions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_cards_on_sessions();
--> statement-breakpoint
CREATE TRIGGER listing_cards_sessions_delete AFTER DELETE ON sessions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_cards_on_sessions();
--> statement-breakpoint
-- plan options: an active trial plan makes a listing offer a trial
CREATE FUNCTION listing_cards_on_plan_options() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_listing_cards(ARRAY(SELECT DISTINCT listing_id FROM new_rows WHERE kind = 'trial'));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM refresh_listing_cards(ARRAY(SELECT DISTINCT listing_id FROM old_rows WHERE kind = 'trial'));
  ELSE
    PERFORM refresh_listing_cards(ARRAY(
      SELECT x.listing_id FROM new_rows n JOIN old_rows o ON o.id = n.id,
        LATERAL (VALUES (n.listing_id), (o.listing_id)) x (listing_id)
      WHERE (n.kind, n.active, n.listing_id) IS DISTINCT FROM (o.kind, o.active, o.listing_id)
      GROUP BY x.listing_id));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER listing_cards_plan_options_insert AFTER INSERT ON plan_options REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_cards_on_plan_options();
--> statement-breakpoint
CREATE TRIGGER listing_cards_plan_options_update AFTER UPDATE ON plan_options REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_cards_on_plan_options();
--> statement-breakpoint
CREATE TRIGGER listing_cards_plan_options_delete AFTER DELETE ON plan_options REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_cards_on_plan_options();
--> statement-breakpoint
-- partners: their status hides or shows every listing of theirs, and their name is on each card
CREATE FUNCTION listing_cards_on_partners() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_listing_cards(ARRAY(
    SELECT l.id FROM listings l WHERE l.partner_id IN (
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.status, n.business_name) IS DISTINCT FROM (o.status, o.business_name))));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER listing_cards_partners_update AFTER UPDATE ON partners REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_cards_on_partners();
--> statement-breakpoint
-- venues: the card shows the venue's area (city and position are copied onto the listing, whose update refreshes it)
CREATE FUNCTION listing_cards_on_venues() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_listing_cards(ARRAY(
    SELECT l.id FROM listings l WHERE l.venue_id IN (
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.area IS DISTINCT FROM o.area)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER listing_cards_venues_update AFTER UPDATE ON venues REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_cards_on_venues();
--> statement-breakpoint
-- categories: slug and name are on each card
CREATE FUNCTION listing_cards_on_categories() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_listing_cards(ARRAY(
    SELECT l.id FROM listings l WHERE l.category_id IN (
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.slug, n.name) IS DISTINCT FROM (o.slug, o.name))));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER listing_cards_categories_update AFTER UPDATE ON categories REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_cards_on_categories();
--> statement-breakpoint
-- pg_trgm estimates `<%` by computing word_similarity against the column's sampled values, which costs more planning time
-- than the search's whole execution; without statistics the planner takes a default selectivity
ALTER TABLE "listing_cards" ALTER COLUMN "search_text" SET STATISTICS 0;
--> statement-breakpoint
-- the cards of the listings that exist already
INSERT INTO listing_cards SELECT id, title, type, age_min, age_max, price, trial_available, offers_trial, city, city_key, area, lat, lng,
  earth, timezone, rating_avg, rating_count, image, created_at, category_id, category_slug, category_name, partner_id, business_name,
  search_text, session_starts FROM listing_card_source;
