CREATE TABLE "media" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"listing_id" uuid,
	"venue_id" uuid,
	"url" text NOT NULL,
	"storage" text NOT NULL,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "media_kind_check" CHECK ("media"."kind" in ('listing_image','venue_photo','partner_logo')),
	CONSTRAINT "media_storage_check" CHECK ("media"."storage" in ('local','cloudinary')),
	CONSTRAINT "media_owner_check" CHECK (("media"."kind" = 'listing_image') = ("media"."listing_id" is not null) and ("media"."kind" = 'venue_photo') = ("media"."venue_id" is not null)),
	CONSTRAINT "media_size_check" CHECK ("media"."bytes" > 0 and "media"."position" >= 0)
);
--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "media_listing_idx" ON "media" USING btree ("listing_id","position") WHERE "media"."listing_id" is not null;--> statement-breakpoint
CREATE INDEX "media_venue_idx" ON "media" USING btree ("venue_id","position") WHERE "media"."venue_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "media_partner_logo_key" ON "media" USING btree ("partner_id") WHERE "media"."kind" = 'partner_logo';