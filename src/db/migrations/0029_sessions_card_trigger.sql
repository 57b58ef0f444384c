-- A seat taken (every booking) sets only seats_taken, and a capacity change only capacity: neither changes a card. The
-- statement trigger this replaces ran for every such update and captured both transition tables of it; PostgreSQL
-- allows no transition tables on a trigger with a column list, so the update's trigger is now a row trigger on the three
-- columns a card reads, which an update that does not set them does not even queue. Each changed row refreshes its
-- listing's card (and its old listing's, if moved): sessions cancelled together refresh their card once per row.
DROP TRIGGER listing_cards_sessions_update ON sessions;
--> statement-breakpoint
CREATE FUNCTION listing_cards_on_session_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_listing_cards(ARRAY(SELECT DISTINCT listing_id FROM unnest(ARRAY[OLD.listing_id, NEW.listing_id]) AS moved (listing_id)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER listing_cards_sessions_update AFTER UPDATE OF starts_at, status, listing_id ON sessions FOR EACH ROW
  WHEN ((OLD.starts_at, OLD.status, OLD.listing_id) IS DISTINCT FROM (NEW.starts_at, NEW.status, NEW.listing_id))
  EXECUTE FUNCTION listing_cards_on_session_update();
--> statement-breakpoint
-- sessions' inserts and deletes keep their statement triggers (a week of sessions generated at once refreshes its card once)
CREATE OR REPLACE FUNCTION listing_cards_on_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_listing_cards(ARRAY(SELECT DISTINCT listing_id FROM new_rows));
  ELSE
    PERFORM refresh_listing_cards(ARRAY(SELECT DISTINCT listing_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;
