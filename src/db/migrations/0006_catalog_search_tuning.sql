CREATE INDEX "sessions_upcoming_order_idx" ON "sessions" USING btree ("starts_at","id") WHERE "sessions"."status" = 'scheduled';--> statement-breakpoint
-- the planner has no statistics for lower(city) (its indexes are partial); without them it misjudges city filters by 10x
CREATE STATISTICS IF NOT EXISTS "listings_lower_city_stats" ON (lower("city")) FROM "listings";
