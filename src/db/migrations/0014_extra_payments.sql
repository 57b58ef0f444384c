CREATE TABLE "extra_payments" (
	"payment_id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"refund_status" text DEFAULT 'pending' NOT NULL,
	"refund_ref" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "extra_payments_subject_check" CHECK ("extra_payments"."subject_type" in ('booking','credit_purchase')),
	CONSTRAINT "extra_payments_refund_status_check" CHECK ("extra_payments"."refund_status" in ('pending','processed','failed')),
	CONSTRAINT "extra_payments_amount_check" CHECK ("extra_payments"."amount" > 0)
);
--> statement-breakpoint
CREATE INDEX "extra_payments_pending_idx" ON "extra_payments" USING btree ("updated_at") WHERE "extra_payments"."refund_status" = 'pending';