// The admins' bookings: the filtered list, one booking in full (payments, refunds, invoice, history) and the admin cancel
// with a refund the admin chooses, audited in the cancelling transaction.
import { asc, eq, sql } from 'drizzle-orm'
import type { Executor } from '../../../db/database.js'
import { readAll } from '../../../db/query.js'
import { bookingEvents } from '../../../db/schema/bookings.js'
import { pageOffset, type PageOf } from '../../../shared/schemas.js'
import { findChildren } from '../../auth/index.js'
import { recordAudit, type AuditActor } from '../../audit/index.js'
import { findInvoiceOfBooking } from '../../invoices/index.js'
import { findPaymentsOfSubject } from '../../payments/index.js'
import { findAdminBookingRow, listAdminBookingRows, type AdminBookingRow } from '../admin-bookings.queries.js'
import type { AdminBookingItem, AdminBookingResponse, AdminCancelBookingBody, ListAdminBookingsQuery } from '../admin-bookings.schemas.js'
import { toBookingView, type BookingsContext } from '../booking-context.js'
import { assertCanMove } from '../booking-status.js'
import { BookingNotFoundError, DateRangeInvalidError, RefundExceedsPaidError } from '../bookings.errors.js'
import { bookingsRepository, type BookingRow } from '../bookings.repository.js'
import { refundableOf, type ReleaseUseCases } from './release-booking.js'

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString())

export function toAdminBookingItem(r: AdminBookingRow): AdminBookingItem {
  return {
    id: r.id,
    status: r.status as AdminBookingItem['status'],
    payment_method: r.payment_method as AdminBookingItem['payment_method'],
    seats: r.seats,
    amount: r.amount,
    refund_amount: r.refund_amount,
    refund_status: r.refund_status as AdminBookingItem['refund_status'],
    credits_amount: r.credits_amount,
    credits_refunded: r.credits_refunded,
    customer: { id: r.user_id, name: r.customer_name, phone: r.customer_phone, email: r.customer_email },
    listing: { id: r.listing_id, title: r.listing_title, city: r.city },
    partner: r.partner_id ? { id: r.partner_id, business_name: r.partner_name ?? '' } : null,
    first_session_at: iso(r.first_session_at),
    cancelled_at: iso(r.cancelled_at),
    cancelled_by: r.cancelled_by as AdminBookingItem['cancelled_by'],
    created_at: iso(r.created_at)!,
  }
}

/** 422 when `from` is after `to` (both India days, 'YYYY-MM-DD', so they compare as text). */
export function assertDateRange(filter: { from?: string; to?: string }): void {
  if (filter.from && filter.to && filter.from > filter.to) throw new DateRangeInvalidError()
}

/** What the audit trail keeps of a booking around an admin cancel. */
const auditSnapshot = (b: BookingRow) => ({
  status: b.status, amount: b.amount, payment_method: b.payment_method, refund_amount: b.refund_amount, refund_status: b.refund_status,
  credits_amount: b.credits_amount, credits_refunded: b.credits_refunded, credits_refund_value: b.credits_refund_value,
  cancellation_reason: b.cancellation_reason, cancelled_by: b.cancelled_by,
})

export function createAdminBookingUseCases(ctx: BookingsContext, release: ReleaseUseCases) {
  const { db, clock } = ctx

  async function getAdminBooking(executor: Executor, bookingId: string): Promise<AdminBookingResponse> {
    const repo = bookingsRepository(executor)
    const [booking, summary] = await readAll(executor, () => repo.findBooking(bookingId), () => findAdminBookingRow(executor, bookingId))
    if (!booking || !summary) throw new BookingNotFoundError()
    const [view, kids, payments, invoice, history] = await readAll(
      executor,
      () => toBookingView(executor, booking),
      () => findChildren(executor, booking.child_ids),
      () => findPaymentsOfSubject(executor, 'booking', bookingId),
      () => findInvoiceOfBooking(executor, bookingId),
      () => executor.select().from(bookingEvents).where(eq(bookingEvents.booking_id, bookingId)).orderBy(asc(bookingEvents.seq)),
    )
    const item = toAdminBookingItem(summary)
    return {
      booking: view,
      customer: item.customer,
      children: kids.map((k) => ({ id: k.id, name: k.name })),
      listing: item.listing,
      partner: item.partner,
      cancelled_by: booking.cancelled_by,
      credits_refund_value: booking.credits_refund_value,
      payment_ref: booking.payment_ref,
      refund_ref: booking.refund_ref,
      payments: payments.map((p) => ({
        id: p.id, razorpay_order_id: p.razorpay_order_id, razorpay_payment_id: p.razorpay_payment_id, status: p.status, amount: p.amount,
        captured_amount: p.captured_amount, refunded_amount: p.refunded_amount, currency: p.currency, created_at: p.created_at.toISOString(),
        refunds: p.refunds.map((r) => ({ refund_id: r.refund_id, amount: r.amount, status: r.status, created_at: r.created_at.toISOString(), updated_at: r.updated_at.toISOString() })),
      })),
      invoice: invoice ? { ...invoice, issued_at: invoice.issued_at.toISOString() } : null,
      history: history.map((e) => ({
        event: e.event, from_status: e.from_status, to_status: e.to_status, actor: e.actor, actor_id: e.actor_id, amount: e.amount,
        refund_status: e.refund_status, occurred_at: e.occurred_at.toISOString(),
      })),
    }
  }

  /** The admin cancel's transaction (the demo seed runs it in its own); a money refund stays pending for the caller to settle. */
  async function adminCancelBookingInTx(tx: Executor, admin: AuditActor, bookingId: string, body: AdminCancelBookingBody): Promise<BookingRow> {
    // the history trigger names the admin as the actor of this transaction's changes
    await tx.execute(sql`select set_config('rrray.actor_id', ${admin.id}, true)`)
    const booking = await bookingsRepository(tx).lockBooking(bookingId)
    if (!booking) throw new BookingNotFoundError()
    assertCanMove(booking.status, 'cancelled')
    const refundable = refundableOf(booking)
    if (body.refund_amount > refundable) throw new RefundExceedsPaidError(refundable)
    const after = await release.cancelLocked(tx, booking, { reason: body.reason.trim(), by: 'admin', percent: () => 0, refund: body.refund_amount })
    await recordAudit(tx, {
      actor_id: admin.id, ip: admin.ip, action: 'booking.admin_cancel', target_type: 'booking', target_id: bookingId,
      before: auditSnapshot(booking), after: { ...auditSnapshot(after), refund_requested: body.refund_amount }, created_at: clock.now(),
    })
    return after
  }

  return {
    adminCancelBookingInTx,

    async listAdminBookings(query: ListAdminBookingsQuery): Promise<PageOf<AdminBookingItem>> {
      assertDateRange(query)
      const { limit, offset } = pageOffset(query)
      const { rows, total } = await listAdminBookingRows(db, query, limit, offset)
      return { items: rows.map(toAdminBookingItem), total, page: query.page, page_size: query.page_size }
    },

    getAdminBooking: (bookingId: string) => getAdminBooking(db, bookingId),

    /**
     * Cancels any pending or confirmed booking with the refund the admin chose (0 … what is still refundable of what was
     * paid; more is 422 REFUND_EXCEEDS_PAID): seats released, the refund recorded, and the audit row, in one transaction;
     * money then goes back through the same RefundPort (checkout.refunds) as every booking refund, credits through the
     * ledger in the transaction.
     */
    async adminCancelBooking(admin: AuditActor, bookingId: string, body: AdminCancelBookingBody): Promise<AdminBookingResponse> {
      const cancelled = await db.transaction((tx) => adminCancelBookingInTx(tx, admin, bookingId, body))
      if (cancelled.refund_status === 'pending') await release.settleRefund(cancelled.id).catch(() => undefined) // the sweeper retries
      return getAdminBooking(db, bookingId)
    },
  }
}

export type AdminBookingUseCases = ReturnType<typeof createAdminBookingUseCases>
