// The bookings module as app.ts wires it: parents', partners' and admins' booking routes, hold expiry, refunds and the minute sweeper.
import type { AppModule } from '../../platform/app-module.js'
import type { AuthGuard } from '../../shared/auth.js'
import { EXPIRE_HOLD_JOB, REFUND_JOB, SWEEP_HOLDS_JOB } from './booking-context.js'
import { adminBookingRoutes } from './admin-bookings.routes.js'
import { bookingRoutes } from './bookings.routes.js'
import { bookingMetrics } from './booking-metrics.js'
import type { Db } from '../../db/database.js'
import type { BookingsService } from './bookings.service.js'

export function bookingsModule({ guard, bookings, db }: { guard: AuthGuard; bookings: BookingsService; db: Db }): AppModule {
  return {
    name: 'bookings',
    metrics: bookingMetrics(db),
    routes: async (app) => {
      await app.register(bookingRoutes, { guard, bookings })
      await app.register(adminBookingRoutes, { guard, bookings })
    },
    jobs: [
      { name: EXPIRE_HOLD_JOB, handler: async ({ booking_id }: { booking_id?: string }) => void (booking_id && (await bookings.expireHold(booking_id))) },
      { name: REFUND_JOB, handler: async ({ booking_id }: { booking_id?: string }) => void (booking_id && (await bookings.settleRefund(booking_id))) },
      // every minute: holds past due, refunds still pending (bookings' and checkout's), finished bookings, old keys
      { name: SWEEP_HOLDS_JOB, handler: () => bookings.sweep(), cron: '* * * * *' },
    ],
  }
}
