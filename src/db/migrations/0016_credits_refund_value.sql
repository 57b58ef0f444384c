ALTER TABLE "bookings" ADD COLUMN "credits_refund_value" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- a credits booking's refund_amount held the money value of the credits given back; no money went back to the parent
UPDATE "bookings" SET "credits_refund_value" = "refund_amount", "refund_amount" = 0 WHERE "payment_method" = 'credits' AND "refund_amount" > 0;--> statement-breakpoint
UPDATE "unable_to_attend" u SET "refund_amount" = 0 FROM "bookings" b WHERE b."id" = u."booking_id" AND b."payment_method" = 'credits' AND u."refund_amount" > 0;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_credits_refund_value_check" CHECK ("bookings"."credits_refund_value" >= 0 and "bookings"."refund_amount" + "bookings"."credits_refund_value" <= "bookings"."amount");
