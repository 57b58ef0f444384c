CREATE INDEX "listing_cards_city_starts_idx" ON "listing_cards" USING btree ("city_key","age_min","age_max","id","timezone","session_starts") WHERE cardinality("listing_cards"."session_starts") <= 200;--> statement-breakpoint
CREATE INDEX "listing_cards_city_many_starts_idx" ON "listing_cards" USING btree ("city_key") WHERE cardinality("listing_cards"."session_starts") > 200;--> statement-breakpoint
-- Hand-written from here. Without statistics on the number of starts PostgreSQL guesses a third of the cards have more
-- than 200, and reads that part through a city index and the heap instead of its small partial index
CREATE STATISTICS "listing_cards_starts_count_stats" ON (cardinality("session_starts")) FROM "listing_cards";
--> statement-breakpoint
ANALYZE "listing_cards";
