CREATE TABLE "booking_events" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "booking_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"booking_id" uuid NOT NULL,
	"event" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor" text NOT NULL,
	"actor_id" uuid,
	"amount" integer,
	"refund_status" text,
	"occurred_at" timestamp with time zone NOT NULL,
	CONSTRAINT "booking_events_event_check" CHECK ("booking_events"."event" in ('created','reopened','confirmed','cancelled','expired','completed','rescheduled','refund_requested','refund_settled')),
	CONSTRAINT "booking_events_actor_check" CHECK ("booking_events"."actor" in ('customer','partner','admin','system'))
);
--> statement-breakpoint
ALTER TABLE "booking_events" ADD CONSTRAINT "booking_events_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_events_booking_idx" ON "booking_events" USING btree ("booking_id","seq");--> statement-breakpoint
CREATE INDEX "bookings_created_idx" ON "bookings" USING btree ("created_at","id");--> statement-breakpoint
-- A booking's history is written by the database in the transaction of each change, whatever code makes it: created,
-- every status change, a reschedule, a refund recorded (the money, or the credits' money value) and a refund settled.
-- The actor: the customer for their own moves (and a payment's confirmation), cancelled_by for a cancellation, the
-- system for expiry, completion and settlement; actor_id the customer, or the transaction's `rrray.actor_id` setting
-- (an admin cancel sets it with set_config(…, true)).
CREATE FUNCTION bookings_record_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  acting uuid := nullif(current_setting('rrray.actor_id', true), '')::uuid;
  who text;
  who_id uuid;
  refunded integer;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO booking_events (booking_id, event, from_status, to_status, actor, actor_id, occurred_at)
    VALUES (NEW.id, 'created', NULL, NEW.status, 'customer', NEW.user_id, NEW.created_at);
    RETURN NULL;
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status THEN
    who := CASE NEW.status WHEN 'cancelled' THEN coalesce(NEW.cancelled_by, 'system') WHEN 'confirmed' THEN 'customer' WHEN 'pending_payment' THEN 'customer' ELSE 'system' END;
    who_id := coalesce(acting, CASE WHEN who = 'customer' THEN NEW.user_id END);
    INSERT INTO booking_events (booking_id, event, from_status, to_status, actor, actor_id, occurred_at)
    VALUES (NEW.id, CASE WHEN NEW.status = 'pending_payment' THEN 'reopened' ELSE NEW.status END, OLD.status, NEW.status, who, who_id, NEW.updated_at);
  ELSE
    who := CASE WHEN NEW.status = 'expired' THEN 'system' ELSE 'customer' END;
    who_id := coalesce(acting, CASE WHEN who = 'customer' THEN NEW.user_id END);
  END IF;
  IF NEW.reschedule_count > OLD.reschedule_count THEN
    INSERT INTO booking_events (booking_id, event, from_status, to_status, actor, actor_id, occurred_at)
    VALUES (NEW.id, 'rescheduled', OLD.status, NEW.status, 'customer', coalesce(acting, NEW.user_id), NEW.updated_at);
  END IF;
  refunded := (NEW.refund_amount + NEW.credits_refund_value) - (OLD.refund_amount + OLD.credits_refund_value);
  IF refunded > 0 THEN
    INSERT INTO booking_events (booking_id, event, from_status, to_status, actor, actor_id, amount, refund_status, occurred_at)
    VALUES (NEW.id, 'refund_requested', OLD.status, NEW.status, who, who_id, refunded, NEW.refund_status, NEW.updated_at);
  ELSIF OLD.refund_status = 'pending' AND NEW.refund_status IN ('processed', 'failed') THEN
    INSERT INTO booking_events (booking_id, event, from_status, to_status, actor, actor_id, amount, refund_status, occurred_at)
    VALUES (NEW.id, 'refund_settled', OLD.status, NEW.status, 'system', NULL, NEW.refund_amount, NEW.refund_status, NEW.updated_at);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER bookings_record_event AFTER INSERT OR UPDATE ON bookings FOR EACH ROW EXECUTE FUNCTION bookings_record_event();
--> statement-breakpoint
CREATE FUNCTION booking_events_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'booking_events is append-only';
END
$$;
--> statement-breakpoint
CREATE TRIGGER booking_events_append_only BEFORE UPDATE ON booking_events FOR EACH ROW EXECUTE FUNCTION booking_events_refuse_update();
--> statement-breakpoint
-- bookings made before this history: their creation, and how they ended when they have
INSERT INTO booking_events (booking_id, event, from_status, to_status, actor, actor_id, occurred_at)
SELECT id, 'created', NULL, CASE WHEN confirmed_at IS NOT NULL THEN 'confirmed' ELSE 'pending_payment' END, 'customer', user_id, created_at FROM bookings;
--> statement-breakpoint
INSERT INTO booking_events (booking_id, event, from_status, to_status, actor, actor_id, occurred_at)
SELECT id, status, CASE WHEN confirmed_at IS NOT NULL THEN 'confirmed' ELSE 'pending_payment' END, status,
       CASE WHEN status = 'cancelled' THEN coalesce(cancelled_by, 'system') ELSE 'system' END, NULL, coalesce(cancelled_at, updated_at)
FROM bookings WHERE status IN ('cancelled', 'expired', 'completed');
