// Rows to answers: the whitelisted shapes of scheduling.schemas.ts.
import type { BatchRow, PlanOptionRow, SessionRow } from './scheduling.repository.js'
import type { BatchResponse, PlanOptionResponse, PublicBatchResponse, PublicPlanOptionResponse, SessionResponse } from './scheduling.schemas.js'

/** 'HH:MM:SS' from the time column → 'HH:MM'. */
const hhmm = (time: string) => time.slice(0, 5)

export function planOptionView(row: PlanOptionRow): PlanOptionResponse {
  return {
    id: row.id,
    listing_id: row.listing_id,
    kind: row.kind,
    name: row.name,
    price: row.price,
    credits_price: row.credits_price,
    sessions_count: row.sessions_count,
    validity_days: row.validity_days,
    sort_order: row.sort_order,
    active: row.active,
  }
}

export function publicPlanOptionView(row: PlanOptionRow): PublicPlanOptionResponse {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    price: row.price,
    credits_price: row.credits_price,
    sessions_count: row.sessions_count,
    validity_days: row.validity_days,
  }
}

export function batchView(row: BatchRow, upcomingSessions: number): BatchResponse {
  return {
    id: row.id,
    listing_id: row.listing_id,
    name: row.name,
    weekdays: [...row.weekdays],
    start_time: hhmm(row.start_time),
    duration_minutes: row.duration_minutes,
    start_date: row.start_date,
    end_date: row.end_date,
    capacity: row.capacity,
    instructor_name: row.instructor_name,
    active: row.active,
    upcoming_sessions: upcomingSessions,
  }
}

export function publicBatchView(
  row: BatchRow,
  timezone: string,
  next: { id: string; starts_at: Date; ends_at: Date; seats_left: number } | undefined,
): PublicBatchResponse {
  return {
    id: row.id,
    name: row.name,
    weekdays: [...row.weekdays],
    start_time: hhmm(row.start_time),
    duration_minutes: row.duration_minutes,
    start_date: row.start_date,
    end_date: row.end_date,
    capacity: row.capacity,
    instructor_name: row.instructor_name,
    timezone,
    next_session: next
      ? { id: next.id, starts_at: next.starts_at.toISOString(), ends_at: next.ends_at.toISOString(), seats_left: Math.max(0, next.seats_left) }
      : null,
  }
}

export function sessionView(row: SessionRow): SessionResponse {
  return {
    id: row.id,
    listing_id: row.listing_id,
    batch_id: row.batch_id,
    starts_at: row.starts_at.toISOString(),
    ends_at: row.ends_at.toISOString(),
    capacity: row.capacity,
    seats_taken: row.seats_taken,
    seats_left: Math.max(0, row.capacity - row.seats_taken),
    status: row.status,
  }
}
