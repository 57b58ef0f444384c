CREATE TABLE "payment_intents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"currency" text DEFAULT 'INR' NOT NULL,
	"razorpay_order_id" text NOT NULL,
	"razorpay_payment_id" text,
	"status" text DEFAULT 'created' NOT NULL,
	"captured_amount" integer DEFAULT 0 NOT NULL,
	"refunded_amount" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_intents_subject_check" CHECK ("payment_intents"."subject_type" in ('booking','credit_purchase')),
	CONSTRAINT "payment_intents_status_check" CHECK ("payment_intents"."status" in ('created','failed','captured','refunded')),
	CONSTRAINT "payment_intents_amount_check" CHECK ("payment_intents"."amount" > 0),
	CONSTRAINT "payment_intents_captured_check" CHECK ("payment_intents"."captured_amount" between 0 and "payment_intents"."amount"),
	CONSTRAINT "payment_intents_refunded_check" CHECK ("payment_intents"."refunded_amount" between 0 and "payment_intents"."captured_amount")
);
--> statement-breakpoint
CREATE TABLE "payment_refunds" (
	"refund_id" text PRIMARY KEY NOT NULL,
	"intent_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_refunds_status_check" CHECK ("payment_refunds"."status" in ('pending','processed','failed')),
	CONSTRAINT "payment_refunds_amount_check" CHECK ("payment_refunds"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_intent_id_payment_intents_id_fk" FOREIGN KEY ("intent_id") REFERENCES "public"."payment_intents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_intents_subject_key" ON "payment_intents" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_intents_order_key" ON "payment_intents" USING btree ("razorpay_order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_intents_payment_key" ON "payment_intents" USING btree ("razorpay_payment_id") WHERE "payment_intents"."razorpay_payment_id" is not null;--> statement-breakpoint
CREATE INDEX "payment_intents_user_idx" ON "payment_intents" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "payment_refunds_intent_idx" ON "payment_refunds" USING btree ("intent_id");--> statement-breakpoint
-- existing Razorpay checkouts become intents: bookings' and credit purchases' orders, with the payment that paid each
INSERT INTO "payment_intents" ("id", "subject_type", "subject_id", "user_id", "amount", "currency", "razorpay_order_id", "razorpay_payment_id", "status", "captured_amount", "refunded_amount", "created_at", "updated_at")
SELECT gen_random_uuid(), 'booking', b."id", b."user_id", b."amount", 'INR', b."razorpay_order_id", b."payment_ref",
  CASE WHEN b."payment_ref" IS NULL THEN (CASE WHEN b."payment_failed_at" IS NOT NULL THEN 'failed' ELSE 'created' END)
       WHEN b."refund_status" = 'processed' AND b."refund_amount" >= b."amount" THEN 'refunded' ELSE 'captured' END,
  CASE WHEN b."payment_ref" IS NULL THEN 0 ELSE b."amount" END,
  CASE WHEN b."payment_ref" IS NOT NULL AND b."refund_status" = 'processed' THEN b."refund_amount" ELSE 0 END,
  b."created_at", b."updated_at"
FROM "bookings" b
WHERE b."razorpay_order_id" IS NOT NULL AND b."amount" > 0;
--> statement-breakpoint
INSERT INTO "payment_intents" ("id", "subject_type", "subject_id", "user_id", "amount", "currency", "razorpay_order_id", "razorpay_payment_id", "status", "captured_amount", "refunded_amount", "created_at", "updated_at")
SELECT gen_random_uuid(), 'credit_purchase', p."id", p."user_id", p."amount", 'INR', p."razorpay_order_id", p."payment_ref",
  CASE WHEN p."payment_ref" IS NULL THEN 'created' ELSE 'captured' END,
  CASE WHEN p."payment_ref" IS NULL THEN 0 ELSE p."amount" END,
  0, p."created_at", p."updated_at"
FROM "credit_purchases" p
WHERE p."razorpay_order_id" IS NOT NULL AND p."amount" > 0;
