-- Hand-written. A card's city_key folds a city's other names onto one (the first of its group in
-- src/modules/catalog/city-aliases.ts, whose cityKey maps a searched city the same way; a test checks the two agree), so
-- a search for a city with aliases is one key of the (city_key, ...) indexes and walks them in their order instead of
-- the global rating index.
CREATE FUNCTION city_key_of(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE lower($1)
    WHEN 'gurugram' THEN 'gurgaon' WHEN 'bangalore' THEN 'bengaluru' WHEN 'bombay' THEN 'mumbai'
    WHEN 'madras' THEN 'chennai' WHEN 'calcutta' THEN 'kolkata' WHEN 'poona' THEN 'pune'
    WHEN 'mysore' THEN 'mysuru' WHEN 'mangalore' THEN 'mangaluru' WHEN 'cochin' THEN 'kochi'
    WHEN 'trivandrum' THEN 'thiruvananthapuram' WHEN 'calicut' THEN 'kozhikode' WHEN 'baroda' THEN 'vadodara'
    WHEN 'pondicherry' THEN 'puducherry' WHEN 'allahabad' THEN 'prayagraj' WHEN 'banaras' THEN 'varanasi'
    WHEN 'benares' THEN 'varanasi' WHEN 'belgaum' THEN 'belagavi' WHEN 'hubli' THEN 'hubballi'
    WHEN 'new delhi' THEN 'delhi'
    ELSE lower($1) END
$$;
--> statement-breakpoint
-- as in 0031, with city_key_of(l.city) for lower(l.city)
CREATE OR REPLACE VIEW "listing_card_source" AS
SELECT l.id, l.title, l.type, l.age_min, l.age_max, l.price, l.trial_available,
  (l.trial_available OR EXISTS (SELECT 1 FROM plan_options po WHERE po.listing_id = l.id AND po.kind = 'trial' AND po.active)) AS offers_trial,
  l.city, city_key_of(l.city) AS city_key, v.area, l.lat, l.lng,
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
-- the cards that exist already (only those of an alias change)
UPDATE listing_cards SET city_key = city_key_of(city) WHERE city_key IS DISTINCT FROM city_key_of(city);
