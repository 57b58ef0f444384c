-- The credits ledger holds its own invariants (DESIGN.md §6.3), whatever code writes to it:
-- credit_ledger and credit_transactions are insert-only; wallets.balance and credit_lots.remaining change only
-- through the rows inserted there; every entry's lines add up to its delta when the transaction commits.
CREATE FUNCTION credit_ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: correct it with a new entry', TG_TABLE_NAME;
END
$$;
--> statement-breakpoint
CREATE TRIGGER credit_ledger_append_only BEFORE UPDATE OR DELETE ON credit_ledger FOR EACH ROW EXECUTE FUNCTION credit_ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER credit_ledger_no_truncate BEFORE TRUNCATE ON credit_ledger FOR EACH STATEMENT EXECUTE FUNCTION credit_ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER credit_transactions_append_only BEFORE UPDATE OR DELETE ON credit_transactions FOR EACH ROW EXECUTE FUNCTION credit_ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER credit_transactions_no_truncate BEFORE TRUNCATE ON credit_transactions FOR EACH STATEMENT EXECUTE FUNCTION credit_ledger_refuse_change();
--> statement-breakpoint
-- projections (wallet balance, lot remaining) start at 0 and change only through the ledger's triggers (nesting depth ≥ 2)
CREATE FUNCTION credit_projection_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF pg_trigger_depth() < 2 AND to_jsonb(NEW) ->> TG_ARGV[0] <> '0' THEN
      RAISE EXCEPTION '% starts at 0 and changes only through credit_ledger entries', TG_TABLE_NAME;
    END IF;
    RETURN NEW;
  END IF;
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION '% changes only through credit_ledger entries', TG_TABLE_NAME;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER wallets_ledger_only BEFORE INSERT OR UPDATE OR DELETE ON wallets FOR EACH ROW EXECUTE FUNCTION credit_projection_guard('balance');
--> statement-breakpoint
CREATE TRIGGER credit_lots_ledger_only BEFORE INSERT OR UPDATE OR DELETE ON credit_lots FOR EACH ROW EXECUTE FUNCTION credit_projection_guard('remaining');
--> statement-breakpoint
-- an entry moves the wallet's balance and records the balance it left (the CHECK on wallets refuses a negative one)
CREATE FUNCTION credit_ledger_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- update first: an INSERT … ON CONFLICT would check the proposed (negative) row before finding the existing one
  UPDATE wallets SET balance = balance + NEW.delta, updated_at = NEW.created_at WHERE user_id = NEW.user_id
  RETURNING balance INTO NEW.balance_after;
  IF NOT FOUND THEN
    INSERT INTO wallets (user_id, balance, updated_at) VALUES (NEW.user_id, NEW.delta, NEW.created_at)
    RETURNING balance INTO NEW.balance_after;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER credit_ledger_apply BEFORE INSERT ON credit_ledger FOR EACH ROW EXECUTE FUNCTION credit_ledger_apply();
--> statement-breakpoint
-- a line moves its lot's remaining credits (the CHECK on credit_lots keeps them within 0..credits)
CREATE FUNCTION credit_transaction_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  lot_owner uuid;
  entry_owner uuid;
BEGIN
  SELECT user_id INTO entry_owner FROM credit_ledger WHERE id = NEW.entry_id;
  UPDATE credit_lots SET remaining = remaining + NEW.delta WHERE id = NEW.lot_id RETURNING user_id INTO lot_owner;
  IF lot_owner IS DISTINCT FROM entry_owner THEN
    RAISE EXCEPTION 'credit line % moves a lot of another wallet', NEW.id;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER credit_transaction_apply BEFORE INSERT ON credit_transactions FOR EACH ROW EXECUTE FUNCTION credit_transaction_apply();
--> statement-breakpoint
-- at commit, every entry's lines add up to its delta (a rollover's to zero)
CREATE FUNCTION credit_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  lines integer;
BEGIN
  SELECT coalesce(sum(delta), 0) INTO lines FROM credit_transactions WHERE entry_id = NEW.id;
  IF lines <> NEW.delta OR (NEW.entry_type = 'rollover' AND NOT EXISTS (SELECT 1 FROM credit_transactions WHERE entry_id = NEW.id)) THEN
    RAISE EXCEPTION 'credit entry % moves % credits but its lines move %', NEW.id, NEW.delta, lines USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER credit_entry_balanced AFTER INSERT ON credit_ledger DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION credit_entry_balanced();
