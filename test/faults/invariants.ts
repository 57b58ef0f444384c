// The invariant queries: what must hold in the database whatever failed while it was being written. Each returns the
// rows that break it (empty = holds), so a failure names the offending ids.
import pg from 'pg'

export interface Violations {
  /** sessions.seats_taken differs from the seats its bookings hold (every booking_sessions row not released). */
  seats: unknown[]
  /** A child seated twice in one session, or session_children not the children of the seat rows not released. */
  seatedChildren: unknown[]
  /** A booking still confirmed that money or credits were refunded for. */
  confirmedAndRefunded: unknown[]
  /** A wallet whose balance is not its ledger's sum, or not its lots' remaining credits, or is negative; or a ledger without a wallet. */
  wallets: unknown[]
  /** A lot whose remaining credits are not the sum of its lines. */
  lots: unknown[]
  /** A booking paid with money (confirmed or completed, or cancelled after confirmation) without exactly one invoice; a purchase paid through Razorpay likewise (credits a test granted directly have no payment to invoice). */
  invoices: unknown[]
  /** An Idempotency-Key left in progress past its lease. */
  stuckKeys: unknown[]
  /** A payment event not processed, a purchase granted more than once, a booking or purchase paid by more than one payment. */
  paymentEffects: unknown[]
}

export async function findViolations(url: string, options: { keyLeaseSeconds: number }): Promise<Violations> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const rows = async (text: string, values: unknown[] = []) => (await client.query(text, values)).rows as unknown[]
  try {
    return {
      seats: await rows(`
        select s.id, s.seats_taken, coalesce(b.held, 0)::int as held
        from sessions s
        left join (select session_id, sum(seats) as held from booking_sessions where status <> 'released' group by session_id) b on b.session_id = s.id
        where s.seats_taken <> coalesce(b.held, 0)`),
      seatedChildren: await rows(`
        with held as (
          select bs.session_id, c.id as child_id, count(*)::int as seats
          from booking_sessions bs join bookings b on b.id = bs.booking_id, unnest(b.child_ids) as c(id)
          where bs.status <> 'released' group by bs.session_id, c.id
        )
        select coalesce(h.session_id, sc.session_id) as session_id, coalesce(h.child_id, sc.child_id) as child_id, h.seats, sc.booking_id
        from held h full join session_children sc on sc.session_id = h.session_id and sc.child_id = h.child_id
        where h.session_id is null or sc.session_id is null or h.seats > 1`),
      confirmedAndRefunded: await rows(`
        select id, status, refund_amount, refund_status, credits_refunded from bookings
        where status = 'confirmed' and (refund_amount > 0 or credits_refunded > 0 or refund_status is not null)`),
      wallets: await rows(`
        with ledger as (select user_id, sum(delta)::int as total from credit_ledger group by user_id),
             lots as (select user_id, sum(remaining)::int as total from credit_lots group by user_id)
        select coalesce(w.user_id, l.user_id) as user_id, w.balance, l.total as ledger, coalesce(t.total, 0) as lots
        from wallets w
        full join ledger l on l.user_id = w.user_id
        left join lots t on t.user_id = coalesce(w.user_id, l.user_id)
        where w.user_id is null or w.balance < 0 or w.balance <> coalesce(l.total, 0) or w.balance <> coalesce(t.total, 0)`),
      lots: await rows(`
        select l.id, l.remaining, coalesce(sum(t.delta), 0)::int as lines
        from credit_lots l left join credit_transactions t on t.lot_id = l.id
        group by l.id, l.remaining
        having l.remaining <> coalesce(sum(t.delta), 0) or l.remaining < 0`),
      invoices: await rows(`
        select 'booking' as kind, b.id, b.status, count(i.id)::int as invoices
        from bookings b left join invoices i on i.booking_id = b.id
        where b.payment_method <> 'credits' and b.amount > 0 and b.confirmed_at is not null
        group by b.id, b.status having count(i.id) <> 1
        union all
        select 'credit_purchase', p.id, p.status, count(i.id)::int
        from credit_purchases p left join invoices i on i.credit_purchase_id = p.id
        where p.status = 'paid' and p.amount > 0 and p.razorpay_order_id is not null
        group by p.id, p.status having count(i.id) <> 1`),
      stuckKeys: await rows(
        `select user_id, key, created_at from idempotency_keys where status = 'in_progress' and created_at < now() - make_interval(secs => $1)`,
        [options.keyLeaseSeconds],
      ),
      paymentEffects: await rows(`
        select 'unprocessed event' as problem, event_id as id from payment_webhook_events where processed_at is null
        union all
        select 'purchase granted more than once', purchase_id::text from credit_ledger
          where entry_type = 'grant' and purchase_id is not null group by purchase_id having count(*) > 1
        union all
        select 'paid purchase without its grant', p.id::text from credit_purchases p
          where p.status = 'paid' and not exists (select 1 from credit_ledger e where e.purchase_id = p.id and e.entry_type = 'grant')
        union all
        select 'payment confirming two subjects', razorpay_payment_id from payment_intents
          where razorpay_payment_id is not null group by razorpay_payment_id having count(*) > 1
        union all
        select 'booking paid twice', subject_id::text from extra_payments where subject_type = 'booking'
        union all
        select 'purchase paid twice', subject_id::text from extra_payments where subject_type = 'credit_purchase'`),
    }
  } finally {
    await client.end()
  }
}
