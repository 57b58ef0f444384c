CREATE TABLE "payout_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"partner_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"mode" text,
	"rejection_reason" text,
	"utr" text,
	"failure_reason" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"razorpayx_fund_account_id" text,
	"razorpayx_payout_id" text,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payout_requests_amount_check" CHECK ("payout_requests"."amount" >= 100),
	CONSTRAINT "payout_requests_status_check" CHECK ("payout_requests"."status" in ('requested','approved','processing','paid','rejected','failed','reversed')),
	CONSTRAINT "payout_requests_mode_check" CHECK ("payout_requests"."mode" is null or "payout_requests"."mode" in ('manual','razorpayx')),
	CONSTRAINT "payout_requests_paid_check" CHECK (("payout_requests"."status" = 'paid') = ("payout_requests"."paid_at" is not null)),
	CONSTRAINT "payout_requests_rejected_check" CHECK ("payout_requests"."status" <> 'rejected' or "payout_requests"."rejection_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "payout_requests" ADD CONSTRAINT "payout_requests_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_requests" ADD CONSTRAINT "payout_requests_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payout_requests_partner_idx" ON "payout_requests" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "payout_requests_status_idx" ON "payout_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_requests_razorpayx_payout_key" ON "payout_requests" USING btree ("razorpayx_payout_id");