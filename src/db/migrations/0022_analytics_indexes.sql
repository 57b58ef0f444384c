CREATE INDEX "users_customer_created_idx" ON "users" USING btree ("created_at") WHERE "users"."role" = 'customer';--> statement-breakpoint
CREATE INDEX "listings_pending_review_idx" ON "listings" USING btree ("created_at") WHERE "listings"."status" = 'pending_approval';--> statement-breakpoint
CREATE INDEX "bookings_confirmed_idx" ON "bookings" USING btree ("confirmed_at") WHERE "bookings"."confirmed_at" is not null;--> statement-breakpoint
CREATE INDEX "bookings_refund_failed_idx" ON "bookings" USING btree ("updated_at") WHERE "bookings"."refund_status" = 'failed';