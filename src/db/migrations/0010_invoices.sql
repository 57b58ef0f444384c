CREATE SEQUENCE "public"."invoice_supplier_code_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 46655 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"invoice_number" text NOT NULL,
	"series" text NOT NULL,
	"financial_year" text NOT NULL,
	"sequence" integer NOT NULL,
	"booking_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"supplier_name" text NOT NULL,
	"supplier_gstin" text,
	"supplier_state" text NOT NULL,
	"customer_name" text NOT NULL,
	"place_of_supply_state" text NOT NULL,
	"supply_type" text NOT NULL,
	"rate_percent" numeric(5, 2) NOT NULL,
	"description" text NOT NULL,
	"quantity" integer NOT NULL,
	"taxable_value" integer NOT NULL,
	"cgst" integer NOT NULL,
	"sgst" integer NOT NULL,
	"igst" integer NOT NULL,
	"total" integer NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "invoices_invoice_number_unique" UNIQUE("invoice_number"),
	CONSTRAINT "invoices_booking_id_unique" UNIQUE("booking_id"),
	CONSTRAINT "invoices_supply_type_check" CHECK ("invoices"."supply_type" in ('intra_state','inter_state','exempt')),
	CONSTRAINT "invoices_amounts_check" CHECK ("invoices"."taxable_value" >= 0 and "invoices"."cgst" >= 0 and "invoices"."sgst" >= 0 and "invoices"."igst" >= 0 and "invoices"."taxable_value" + "invoices"."cgst" + "invoices"."sgst" + "invoices"."igst" = "invoices"."total"),
	CONSTRAINT "invoices_number_check" CHECK (length("invoices"."invoice_number") <= 16 and "invoices"."sequence" > 0 and "invoices"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "partner_invoice_series" (
	"partner_id" uuid PRIMARY KEY NOT NULL,
	"series" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_invoice_series_series_unique" UNIQUE("series")
);
--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_invoice_series" ADD CONSTRAINT "partner_invoice_series_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoices_user_idx" ON "invoices" USING btree ("user_id","issued_at");--> statement-breakpoint
CREATE INDEX "invoices_partner_idx" ON "invoices" USING btree ("partner_id","issued_at");