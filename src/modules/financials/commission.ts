// The platform's commission on a booking: one formula for every report that needs it (a partner's financial summary,
// the admin dashboard), so the two can never disagree.
import { sql, type SQL } from 'drizzle-orm'

/** A percentage (15, 10.5) as basis points (1500, 1050). */
export const basisPointsOf = (percent: number): number => Math.round(percent * 100)

/** The rate of a partner row: its `commission_percent` (numeric, may be null), else the platform default, in basis points. */
export const partnerBasisPoints = (commissionPercent: SQL, defaultPercent: number): SQL =>
  sql`coalesce(round(${commissionPercent} * 100)::bigint, ${basisPointsOf(defaultPercent)}::bigint)`

/** What the partner keeps of booking row `b`: its amount less the money refunded and the value of credits given back. */
export const bookingKept = (b: SQL): SQL => sql`(${b}.amount - ${b}.refund_amount - ${b}.credits_refund_value)`

/** The commission on booking row `b`: kept × rate, rounded half up to the paisa. */
export const bookingCommission = (b: SQL, basisPoints: SQL): SQL => sql`(${bookingKept(b)}::bigint * ${basisPoints}::bigint + 5000) / 10000`
