// What the admin's view of a user asks of modules built on auth (bookings and credits import auth, so auth cannot
// import them back): they implement this port and app.ts hands it in.
import type { Executor } from '../../db/database.js'

export interface UserBookingFacts {
  id: string
  listing_id: string
  listing_title: string
  status: 'pending_payment' | 'confirmed' | 'completed' | 'cancelled' | 'expired'
  payment_method: 'mock' | 'razorpay' | 'credits' | 'free'
  seats: number
  amount: number
  credits_amount: number
  refund_amount: number
  created_at: Date
  confirmed_at: Date | null
  cancelled_at: Date | null
}

export interface UserActivityPort {
  /** The user's `limit` latest bookings, newest first, and how many they have (bookings module). */
  latestBookings(executor: Executor, userId: string, limit: number): Promise<{ items: UserBookingFacts[]; total: number }>
  /** Credits usable now, without writing anything (credits module). */
  walletBalance(executor: Executor, userId: string, now: Date): Promise<number>
}
