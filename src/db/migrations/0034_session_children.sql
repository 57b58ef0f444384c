CREATE TABLE "session_children" (
	"session_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	CONSTRAINT "session_children_pkey" PRIMARY KEY("session_id","child_id")
);
--> statement-breakpoint
-- Hand-written from here. A seat row not released puts each child of its booking into session_children; releasing or
-- deleting it takes them out. A second seat of one child in one session breaks the primary key (23505), which the
-- booking answers as 409 CHILD_ALREADY_BOOKED. Seat rows never change session (a move releases one and inserts one).
CREATE FUNCTION booking_sessions_children() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.status <> 'released') = (NEW.status <> 'released') THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.status <> 'released' THEN
    DELETE FROM session_children WHERE session_id = OLD.session_id AND booking_id = OLD.booking_id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status <> 'released' THEN
    INSERT INTO session_children (session_id, child_id, booking_id)
      SELECT NEW.session_id, child.id, NEW.booking_id FROM bookings b, unnest(b.child_ids) AS child(id) WHERE b.id = NEW.booking_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER booking_sessions_children AFTER INSERT OR DELETE OR UPDATE OF status ON booking_sessions
  FOR EACH ROW EXECUTE FUNCTION booking_sessions_children();
--> statement-breakpoint
-- the seats held today; a child already doubled by the race this closes keeps its first booking's row
INSERT INTO session_children (session_id, child_id, booking_id)
  SELECT bs.session_id, child.id, bs.booking_id
  FROM booking_sessions bs JOIN bookings b ON b.id = bs.booking_id, unnest(b.child_ids) AS child(id)
  WHERE bs.status <> 'released'
  ORDER BY bs.created_at, bs.id
  ON CONFLICT DO NOTHING;
