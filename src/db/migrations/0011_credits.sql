CREATE TABLE "credit_ledger" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "credit_ledger_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" uuid NOT NULL,
	"entry_type" text NOT NULL,
	"delta" integer NOT NULL,
	"balance_after" integer NOT NULL,
	"reason" text NOT NULL,
	"booking_id" uuid,
	"purchase_id" uuid,
	"plan_id" uuid,
	"expires_at" timestamp with time zone,
	"actor_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_ledger_type_check" CHECK ("credit_ledger"."entry_type" in ('grant','spend','refund','expire','adjust','rollover')),
	CONSTRAINT "credit_ledger_balance_check" CHECK ("credit_ledger"."balance_after" >= 0),
	CONSTRAINT "credit_ledger_shape_check" CHECK (case "credit_ledger"."entry_type"
            when 'grant' then "credit_ledger"."delta" > 0 and "credit_ledger"."purchase_id" is not null and "credit_ledger"."expires_at" is not null
            when 'spend' then "credit_ledger"."delta" < 0 and "credit_ledger"."booking_id" is not null
            when 'refund' then "credit_ledger"."delta" > 0 and "credit_ledger"."booking_id" is not null and "credit_ledger"."expires_at" is not null
            when 'expire' then "credit_ledger"."delta" < 0
            when 'adjust' then "credit_ledger"."delta" <> 0 and "credit_ledger"."actor_id" is not null
            when 'rollover' then "credit_ledger"."delta" = 0 and "credit_ledger"."purchase_id" is not null and "credit_ledger"."expires_at" is not null
          end)
);
--> statement-breakpoint
CREATE TABLE "credit_lots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"credits" integer NOT NULL,
	"remaining" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"rolls_over" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_lots_remaining_check" CHECK ("credit_lots"."credits" > 0 and "credit_lots"."remaining" >= 0 and "credit_lots"."remaining" <= "credit_lots"."credits")
);
--> statement-breakpoint
CREATE TABLE "credit_purchases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"plan_name" text NOT NULL,
	"status" text NOT NULL,
	"amount" integer NOT NULL,
	"credits" integer NOT NULL,
	"bonus_credits" integer NOT NULL,
	"validity_days" integer NOT NULL,
	"is_trial" boolean NOT NULL,
	"payment_method" text NOT NULL,
	"razorpay_order_id" text,
	"payment_ref" text,
	"paid_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_purchases_status_check" CHECK ("credit_purchases"."status" in ('pending_payment','paid','failed')),
	CONSTRAINT "credit_purchases_amounts_check" CHECK ("credit_purchases"."amount" >= 0 and "credit_purchases"."credits" > 0 and "credit_purchases"."bonus_credits" >= 0 and "credit_purchases"."validity_days" > 0),
	CONSTRAINT "credit_purchases_paid_check" CHECK ("credit_purchases"."status" <> 'paid' or ("credit_purchases"."paid_at" is not null and "credit_purchases"."expires_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "credit_transactions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"entry_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"delta" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_transactions_delta_check" CHECK ("credit_transactions"."delta" <> 0)
);
--> statement-breakpoint
CREATE TABLE "wallets" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"balance" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wallets_balance_check" CHECK ("wallets"."balance" >= 0)
);
--> statement-breakpoint
ALTER TABLE "invoices" ALTER COLUMN "booking_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ALTER COLUMN "partner_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "credits_amount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "credits_refunded" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "credit_purchase_id" uuid;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_purchase_id_credit_purchases_id_fk" FOREIGN KEY ("purchase_id") REFERENCES "public"."credit_purchases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_plan_id_credit_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."credit_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_lots" ADD CONSTRAINT "credit_lots_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_lots" ADD CONSTRAINT "credit_lots_entry_id_credit_ledger_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."credit_ledger"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_purchases" ADD CONSTRAINT "credit_purchases_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_purchases" ADD CONSTRAINT "credit_purchases_plan_id_credit_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."credit_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_transactions" ADD CONSTRAINT "credit_transactions_entry_id_credit_ledger_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."credit_ledger"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_transactions" ADD CONSTRAINT "credit_transactions_lot_id_credit_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."credit_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallets" ADD CONSTRAINT "wallets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_ledger_user_idx" ON "credit_ledger" USING btree ("user_id","seq");--> statement-breakpoint
CREATE INDEX "credit_ledger_booking_idx" ON "credit_ledger" USING btree ("booking_id") WHERE "credit_ledger"."booking_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_ledger_grant_key" ON "credit_ledger" USING btree ("purchase_id") WHERE "credit_ledger"."entry_type" = 'grant';--> statement-breakpoint
CREATE INDEX "credit_lots_spendable_idx" ON "credit_lots" USING btree ("user_id","expires_at") WHERE "credit_lots"."remaining" > 0;--> statement-breakpoint
CREATE INDEX "credit_lots_expiry_idx" ON "credit_lots" USING btree ("expires_at") WHERE "credit_lots"."remaining" > 0;--> statement-breakpoint
CREATE INDEX "credit_purchases_user_idx" ON "credit_purchases" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_purchases_order_key" ON "credit_purchases" USING btree ("razorpay_order_id") WHERE "credit_purchases"."razorpay_order_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_purchases_payment_key" ON "credit_purchases" USING btree ("payment_ref") WHERE "credit_purchases"."payment_ref" is not null;--> statement-breakpoint
CREATE INDEX "credit_transactions_entry_idx" ON "credit_transactions" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "credit_transactions_lot_idx" ON "credit_transactions" USING btree ("lot_id");--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_credit_purchase_id_credit_purchases_id_fk" FOREIGN KEY ("credit_purchase_id") REFERENCES "public"."credit_purchases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_credit_purchase_id_unique" UNIQUE("credit_purchase_id");--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_credits_check" CHECK ("bookings"."credits_refunded" >= 0 and "bookings"."credits_refunded" <= "bookings"."credits_amount" and ("bookings"."credits_amount" = 0 or "bookings"."payment_method" = 'credits'));--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_subject_check" CHECK (("invoices"."booking_id" is null) <> ("invoices"."credit_purchase_id" is null) and ("invoices"."booking_id" is null or "invoices"."partner_id" is not null));