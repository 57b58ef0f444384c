// A booking as a payable subject of checkout: what an order, a captured or failed payment and a settled refund do to it.
// A payment after the hold expired re-takes the seats if they are free, else the booking is refunded in full.
import type { Executor } from '../../db/database.js'
import type { CaptureOutcome, PayableState, PayableSubject } from '../payments/index.js'
import { REFUND_JOB, toBookingView, type BookingsContext } from './booking-context.js'
import { BookingHoldExpiredError, BookingNotFoundError, PaymentRefundedAfterExpiryError } from './bookings.errors.js'
import { bookingsRepository, type BookingRow } from './bookings.repository.js'
import { BookingResponse, type CreateBookingResponse } from './bookings.schemas.js'
import type { ReleaseUseCases } from './use-cases/release-booking.js'

/** What a payment sees of a booking: paid once a payment was applied (even if refunded since), awaiting while held. */
function payableState(booking: BookingRow): PayableState {
  const status = booking.payment_ref ? 'paid' : booking.status === 'pending_payment' ? 'awaiting' : 'ended'
  return { id: booking.id, user_id: booking.user_id, amount: booking.amount, status, payment_ref: booking.payment_ref }
}

export function createBookingPayable(ctx: BookingsContext, release: ReleaseUseCases): PayableSubject<CreateBookingResponse, BookingResponse> {
  const { db, clock, jobs } = ctx
  const log = ctx.logger

  /** Takes the expired hold's seats again, all or none; false when one is gone, started, or a child is booked elsewhere. */
  async function retakeSeats(tx: Executor, booking: BookingRow): Promise<boolean> {
    const repo = bookingsRepository(tx)
    const now = clock.now()
    const bySession = new Map((await repo.sessionsOf([booking.id])).filter((s) => s.status === 'released').map((s) => [s.session_id, s]))
    const wanted = [...bySession.values()].sort((a, b) => (a.session_id < b.session_id ? -1 : 1))
    if (wanted.length === 0 || wanted.some((s) => s.session_status !== 'scheduled' || s.starts_at <= now)) return false
    if (await repo.childAlreadyBooked(wanted.map((s) => s.session_id), booking.child_ids)) return false
    const taken: typeof wanted = []
    const giveBack = async () => {
      for (const s of taken) await repo.releaseSeats(s.session_id, s.seats)
    }
    for (const s of wanted) {
      // the same conditional update as a new booking: never past capacity
      if (!(await repo.takeSeats(s.session_id, s.seats, now))) return giveBack().then(() => false)
      taken.push(s)
    }
    const plan = booking.plan_option_id ? await repo.findPlanOption(booking.plan_option_id) : undefined
    if (plan?.kind === 'trial' && (await repo.claimTrials(booking.listing_id, booking.child_ids, booking.id, now)) !== booking.child_ids.length) {
      await repo.releaseTrials(booking.id)
      return giveBack().then(() => false)
    }
    await repo.reholdSessions(wanted.map((s) => s.id))
    return true
  }

  return {
    type: 'booking',
    verifiedResponse: BookingResponse,
    orderNotes: (bookingId) => ({ booking_id: bookingId }),
    notAwaiting: () => new BookingHoldExpiredError(),
    notFound: () => new BookingNotFoundError(),

    async lock(tx, bookingId) {
      const booking = await bookingsRepository(tx).lockBooking(bookingId)
      return booking && payableState(booking)
    },

    async orderCreated(tx, bookingId, orderId) {
      await bookingsRepository(tx).updateBooking(bookingId, { razorpay_order_id: orderId, updated_at: clock.now() })
    },

    /** The order could not be created: the pending booking is cancelled (seats and trial back). */
    async startFailed(tx, bookingId) {
      const repo = bookingsRepository(tx)
      const now = clock.now()
      await release.releaseSeats(tx, await repo.sessionsOf([bookingId], true), now)
      await repo.releaseTrials(bookingId)
      await repo.updateBooking(bookingId, {
        status: 'cancelled', cancelled_by: 'system', cancellation_reason: 'The payment could not be started', cancelled_at: now, hold_expires_at: null, updated_at: now,
      })
    },

    async startedAnswer(tx, bookingId, payment) {
      const booking = (await bookingsRepository(tx).findBooking(bookingId))!
      return { booking: await toBookingView(tx, booking), payment }
    },

    async paymentCaptured(tx, state, paymentId): Promise<CaptureOutcome> {
      const repo = bookingsRepository(tx)
      const booking = (await repo.findBooking(state.id))!
      const now = clock.now()
      if (booking.status === 'pending_payment') {
        await release.confirmBooking(tx, booking.id, paymentId)
        return 'confirmed'
      }
      // the hold expired before the money came (a cancelled hold was given up by the parent: refunded, never re-taken)
      if (booking.status === 'expired' && (await retakeSeats(tx, booking))) {
        // back to a hold for an instant, so the one confirm path (seats booked, invoice) runs as for any payment
        await repo.updateBooking(booking.id, { status: 'pending_payment', updated_at: now })
        await release.confirmBooking(tx, booking.id, paymentId)
        log?.info({ booking_id: booking.id, payment_id: paymentId }, 'payment after the hold expired: seats re-taken, booking confirmed')
        return 'confirmed'
      }
      await repo.updateBooking(booking.id, { payment_ref: paymentId, refund_amount: booking.amount, refund_status: 'pending', updated_at: now })
      // the refund call runs after this transaction commits, through the job (and the sweeper retries what stays pending)
      await jobs.send(REFUND_JOB, { booking_id: booking.id }, { tx, singletonKey: `${booking.id}:${paymentId}` })
      log?.warn({ booking_id: booking.id, payment_id: paymentId }, 'payment after the hold expired with no seat left: refunding in full')
      return 'refund'
    },

    async paymentFailed(tx, bookingId) {
      await bookingsRepository(tx).updateBooking(bookingId, { payment_failed_at: clock.now(), updated_at: clock.now() })
    },

    async refundSettled(tx, bookingId, news) {
      const repo = bookingsRepository(tx)
      const booking = await repo.lockBooking(bookingId)
      if (!booking) return
      // a later refund of the same payment replaced this one's reference: an older refund's news does not overwrite it
      if (booking.refund_ref && booking.refund_ref !== news.refund_id) return
      // processed is final (events may arrive out of order)
      if (booking.refund_status === 'processed') return
      await repo.updateBooking(booking.id, { refund_status: news.status, refund_ref: news.refund_id, updated_at: clock.now() })
    },

    async verifiedAnswer(bookingId, outcome) {
      if (outcome === 'refund') await release.settleRefund(bookingId).catch(() => undefined) // the job and the sweeper retry
      const booking = (await bookingsRepository(db).findBooking(bookingId))!
      if (booking.status !== 'confirmed' && booking.status !== 'completed') throw new PaymentRefundedAfterExpiryError()
      return toBookingView(db, booking)
    },
  }
}
