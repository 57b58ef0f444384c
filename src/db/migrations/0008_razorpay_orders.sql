ALTER TABLE "bookings" ADD COLUMN "razorpay_order_id" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "payment_failed_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_razorpay_order_key" ON "bookings" USING btree ("razorpay_order_id") WHERE "bookings"."razorpay_order_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_payment_ref_key" ON "bookings" USING btree ("payment_ref") WHERE "bookings"."payment_ref" is not null;