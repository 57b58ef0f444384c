// Database access of the waitlist. Every change to a session's line first locks the session's row (lockSession), so the
// line, its offers and the session's seats_taken move together, one transaction at a time per session.
import { sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryRow, queryRows } from '../../db/query.js'
import { findChildren } from '../auth/index.js'
import { findListingBookingFacts, findListingTitles } from '../listings/index.js'
import { findSession, findSessions, lockSession, sessionSeats, sessionsWithFreeSeats } from '../scheduling/index.js'

export interface LockedSession {
  id: string
  listing_id: string
  status: string
  starts_at: Date
  capacity: number
  seats_taken: number
}

export interface EntryRow {
  id: string
  session_id: string
  user_id: string
  child_ids: string[]
  seats: number
  status: 'waiting' | 'offered' | 'booked' | 'left' | 'declined' | 'lapsed'
  booking_id: string | null
  created_at: Date
}

export interface OfferRow {
  id: string
  entry_id: string
  session_id: string
  seats: number
  status: 'active' | 'accepted' | 'declined' | 'expired' | 'withdrawn'
  expires_at: Date
}

export type ClosedOfferStatus = Exclude<OfferRow['status'], 'active'>
export type ClosedEntryStatus = Exclude<EntryRow['status'], 'waiting' | 'offered'>

const toDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(v))
const entry = (r: EntryRow): EntryRow => ({ ...r, created_at: toDate(r.created_at) })
const offer = (r: OfferRow): OfferRow => ({ ...r, expires_at: toDate(r.expires_at) })

export function waitlistRepository(executor: Executor) {
  return {
    /** The session if its listing is public, unlocked: for checks before anything is written. */
    async findPublicSession(id: string): Promise<LockedSession | undefined> {
      const session = await findSession(executor, id)
      const listing = session && (await findListingBookingFacts(executor, session.listing_id))
      return listing?.status === 'approved' ? session : undefined
    },

    lockSession: (id: string): Promise<LockedSession | undefined> => lockSession(executor, id),

    /** Takes seats for an offer by the same conditional UPDATE bookings use: false when they are no longer free. */
    takeSeats: (sessionId: string, seats: number, now: Date): Promise<boolean> => sessionSeats(executor).take(sessionId, seats, now),

    releaseSeats: (sessionId: string, seats: number): Promise<void> => sessionSeats(executor).release(sessionId, seats),

    async countOwnChildren(userId: string, childIds: readonly string[]): Promise<number> {
      return (await findChildren(executor, childIds, userId)).length
    },

    /**
     * Joins the end of the line. created_at orders the line, so it is made strictly later than the last entry's (callers
     * hold the session's lock): two families joining within one clock tick still get distinct, stable places.
     */
    async insertEntry(row: { id: string; session_id: string; user_id: string; child_ids: string[]; seats: number; now: Date }): Promise<boolean> {
      const now = sql`${row.now.toISOString()}::timestamptz`
      const inserted = await queryRow<{ id: string }>(
        executor,
        sql`insert into waitlist_entries (id, session_id, user_id, child_ids, seats, status, created_at, updated_at)
            select ${row.id}::uuid, ${row.session_id}::uuid, ${row.user_id}::uuid, ${`{${row.child_ids.join(',')}}`}::uuid[], ${row.seats}::int, 'waiting',
                   greatest(${now}, (select max(created_at) + interval '1 microsecond' from waitlist_entries where session_id = ${row.session_id}::uuid)), ${now}
            on conflict do nothing returning id`,
      )
      return inserted !== undefined
    },

    async findEntry(id: string): Promise<EntryRow | undefined> {
      const row = await queryRow<EntryRow>(executor, sql`select * from waitlist_entries where id = ${id}::uuid`)
      return row && entry(row)
    },

    async lockEntry(id: string): Promise<EntryRow | undefined> {
      const row = await queryRow<EntryRow>(executor, sql`select * from waitlist_entries where id = ${id}::uuid for update`)
      return row && entry(row)
    },

    /** The user's entry still in a session's line (waiting or offered), locked. */
    async lockLiveEntryOf(userId: string, sessionId: string): Promise<EntryRow | undefined> {
      const row = await queryRow<EntryRow>(
        executor,
        sql`select * from waitlist_entries where session_id = ${sessionId}::uuid and user_id = ${userId}::uuid and status in ('waiting','offered') for update`,
      )
      return row && entry(row)
    },

    /** The families still waiting (no offer), first in line first, locked. */
    async lockWaitingLine(sessionId: string): Promise<EntryRow[]> {
      const rows = await queryRows<EntryRow>(
        executor,
        sql`select * from waitlist_entries where session_id = ${sessionId}::uuid and status = 'waiting' order by created_at, id for update`,
      )
      return rows.map(entry)
    },

    async setEntryStatus(id: string, status: EntryRow['status'], now: Date, bookingId?: string): Promise<void> {
      await executor.execute(
        sql`update waitlist_entries set status = ${status}, updated_at = ${now.toISOString()}::timestamptz,
              booking_id = coalesce(${bookingId ?? null}::uuid, booking_id) where id = ${id}::uuid`,
      )
    },

    async insertOffer(row: { id: string; entry_id: string; session_id: string; seats: number; expires_at: Date; now: Date }): Promise<void> {
      await executor.execute(
        sql`insert into waitlist_offers (id, entry_id, session_id, seats, status, expires_at, created_at)
            values (${row.id}::uuid, ${row.entry_id}::uuid, ${row.session_id}::uuid, ${row.seats}::int, 'active',
                    ${row.expires_at.toISOString()}::timestamptz, ${row.now.toISOString()}::timestamptz)`,
      )
    },

    async findOffer(id: string): Promise<OfferRow | undefined> {
      const row = await queryRow<OfferRow>(executor, sql`select * from waitlist_offers where id = ${id}::uuid`)
      return row && offer(row)
    },

    async lockActiveOfferOf(entryId: string): Promise<OfferRow | undefined> {
      const row = await queryRow<OfferRow>(executor, sql`select * from waitlist_offers where entry_id = ${entryId}::uuid and status = 'active' for update`)
      return row && offer(row)
    },

    async closeOffer(id: string, status: ClosedOfferStatus, now: Date): Promise<void> {
      await executor.execute(sql`update waitlist_offers set status = ${status}, closed_at = ${now.toISOString()}::timestamptz where id = ${id}::uuid`)
    },

    async findLapsedOffers(now: Date): Promise<string[]> {
      const rows = await queryRows<{ id: string }>(
        executor,
        sql`select id from waitlist_offers where status = 'active' and expires_at <= ${now.toISOString()}::timestamptz order by expires_at limit 200`,
      )
      return rows.map((r) => r.id)
    },

    /** Scheduled future sessions with a free seat and a family still waiting for one. */
    async findSessionsWithFreeSeatsAndLine(now: Date): Promise<string[]> {
      const open = sessionsWithFreeSeats(executor, now)
      const rows = await executor
        .select({ id: open.id })
        .from(open)
        .where(sql`exists (select 1 from waitlist_entries e where e.session_id = ${open.id} and e.status = 'waiting' and e.seats <= ${open.free_seats})`)
        .limit(200)
      return rows.map((r) => r.id)
    },

    /** The user's entries still in line, newest first, with their place in line and any live offer. */
    async listLiveEntries(userId: string, limit: number, offset: number) {
      const rows = await queryRows<{
        id: string; session_id: string; child_ids: string[]; seats: number
        status: EntryRow['status']; booking_id: string | null; created_at: Date | string; position: number
        offer_id: string | null; offer_seats: number | null; offer_expires_at: Date | string | null
      }>(
        executor,
        sql`select e.id, e.session_id, e.child_ids, e.seats, e.status, e.booking_id, e.created_at,
              (select count(*)::int from waitlist_entries o where o.session_id = e.session_id and o.status in ('waiting','offered')
                 and (o.created_at, o.id) <= (e.created_at, e.id)) as position,
              f.id as offer_id, f.seats as offer_seats, f.expires_at as offer_expires_at
            from waitlist_entries e
            left join waitlist_offers f on f.entry_id = e.id and f.status = 'active'
            where e.user_id = ${userId}::uuid and e.status in ('waiting','offered')
            order by e.created_at desc, e.id desc
            limit ${limit}::int offset ${offset}::int`,
      )
      const total = await queryRow<{ n: number }>(
        executor,
        sql`select count(*)::int as n from waitlist_entries where user_id = ${userId}::uuid and status in ('waiting','offered')`,
      )
      const sessions = new Map((await findSessions(executor, [...new Set(rows.map((r) => r.session_id))])).map((x) => [x.id, x]))
      const titles = new Map((await findListingTitles(executor, [...new Set([...sessions.values()].map((x) => x.listing_id))])).map((l) => [l.id, l.title]))
      const located = rows.map((r) => {
        const session = sessions.get(r.session_id)!
        return { ...r, listing_id: session.listing_id, listing_title: titles.get(session.listing_id) ?? '', starts_at: session.starts_at }
      })
      return { rows: located, total: total?.n ?? 0 }
    },
  }
}

export type WaitlistRepository = ReturnType<typeof waitlistRepository>
