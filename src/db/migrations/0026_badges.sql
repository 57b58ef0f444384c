CREATE TABLE "badge_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"badge_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"child_id" uuid,
	"progress" integer NOT NULL,
	"earned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "badge_awards_key" UNIQUE NULLS NOT DISTINCT("badge_id","user_id","child_id")
);
--> statement-breakpoint
CREATE TABLE "badges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_en" text NOT NULL,
	"name_hi" text NOT NULL,
	"description_en" text NOT NULL,
	"description_hi" text NOT NULL,
	"icon" text NOT NULL,
	"scope" text NOT NULL,
	"rule" text NOT NULL,
	"threshold" integer NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "badges_code_key" UNIQUE("code"),
	CONSTRAINT "badges_scope_check" CHECK ("badges"."scope" in ('parent','child')),
	CONSTRAINT "badges_rule_check" CHECK ("badges"."rule" in ('bookings_confirmed','sessions_attended','reviews_written','categories_explored','weekly_streak','early_camp_bookings')),
	CONSTRAINT "badges_threshold_check" CHECK ("badges"."threshold" > 0)
);
--> statement-breakpoint
ALTER TABLE "badge_awards" ADD CONSTRAINT "badge_awards_badge_id_badges_id_fk" FOREIGN KEY ("badge_id") REFERENCES "public"."badges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_awards" ADD CONSTRAINT "badge_awards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_awards" ADD CONSTRAINT "badge_awards_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "badge_awards_user_idx" ON "badge_awards" USING btree ("user_id","earned_at");
--> statement-breakpoint
-- the starting badges (src/modules/badges/badge-definitions.ts, same ids); seed:production puts back any missing
INSERT INTO "badges" ("id", "code", "name_en", "name_hi", "description_en", "description_hi", "icon", "scope", "rule", "threshold", "sort_order") VALUES
	('8b25f29c-7021-4a84-b725-b24daf384302', 'first_booking', 'First Booking', 'पहली बुकिंग', 'Booked a first activity on RRRAY', 'RRRAY पर पहली गतिविधि बुक की', 'ticket', 'parent', 'bookings_confirmed', 1, 0),
	('69018a8d-20c9-4a5b-b9be-8337004ccecd', 'sessions_5', '5 Sessions', '5 सत्र', 'Attended 5 sessions', '5 सत्रों में भाग लिया', 'star', 'child', 'sessions_attended', 5, 1),
	('3daba572-7ad8-467f-bbd4-25892efeb38a', 'sessions_10', '10 Sessions', '10 सत्र', 'Attended 10 sessions', '10 सत्रों में भाग लिया', 'medal', 'child', 'sessions_attended', 10, 2),
	('b40a120e-06ad-4063-9d53-3f87873a539d', 'sessions_25', '25 Sessions', '25 सत्र', 'Attended 25 sessions', '25 सत्रों में भाग लिया', 'trophy', 'child', 'sessions_attended', 25, 3),
	('3cfdb5b8-3d87-4f91-b47b-856d1cbf2f6c', 'first_review', 'First Review', 'पहली समीक्षा', 'Wrote a first review of an activity', 'किसी गतिविधि की पहली समीक्षा लिखी', 'message-square-heart', 'parent', 'reviews_written', 1, 4),
	('d8111e79-ab62-4ad8-ad2e-103462f350d6', 'category_explorer', 'Explorer', 'खोजी', 'Attended activities in 3 different categories', '3 अलग-अलग श्रेणियों की गतिविधियों में भाग लिया', 'compass', 'child', 'categories_explored', 3, 5),
	('b8f54186-94c5-41aa-b33e-3613cc9e1cb7', 'four_week_streak', 'Four-Week Streak', 'चार हफ़्ते लगातार', 'Attended a session in each of 4 weeks in a row', 'लगातार 4 हफ़्तों तक हर हफ़्ते किसी सत्र में भाग लिया', 'flame', 'child', 'weekly_streak', 4, 6),
	('c57b99d1-7093-4e56-9c35-b1ba9bd4536a', 'early_bird', 'Early Bird', 'अर्ली बर्ड', 'Booked a camp 30 days or more before it starts', 'कैंप शुरू होने से 30 या अधिक दिन पहले बुक किया', 'sunrise', 'parent', 'early_camp_bookings', 1, 7)
ON CONFLICT ("code") DO NOTHING;
