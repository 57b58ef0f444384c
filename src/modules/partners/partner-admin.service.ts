// The admins' management of partners: the list with each partner's figures, suspension (their listings leave every
// public read at once), a per-partner commission rate and internal notes. Each change is audited in its transaction.
import type { Db, Executor } from '../../db/database.js'
import type { Clock } from '../../shared/clock.js'
import type { PageOf } from '../../shared/schemas.js'
import { recordAudit, type AuditActor } from '../audit/index.js'
import type { PartnerBookingFiguresQuery, PartnerListingsPort } from './partner-ports.js'
import { commissionOf, loadAdminPartnerView } from './partner-views.js'
import { InvalidCommissionError, PartnerAlreadySuspendedError, PartnerNotFoundError, PartnerNotSuspendedError } from './partners.errors.js'
import { partnersRepository, type PartnerChanges, type PartnerRow } from './partners.repository.js'
import type { AdminPartnerResponse, AdminPartnerSummary, ListPartnersQuery } from './partners.schemas.js'

export interface PartnerAdminDeps {
  db: Db
  clock: Clock
  defaultCommissionPercent: number
  listings: Pick<PartnerListingsPort, 'countPartnerListings'>
  bookingFigures: PartnerBookingFiguresQuery
  /** Called after a commit that hides or shows a partner's listings: caches of public reads must forget them. */
  onVisibilityChanged: () => void
}

/** A percentage with at most 2 decimals (the column's scale), as the numeric column stores it; undefined if it is not. */
export function commissionColumn(percent: number): string | undefined {
  const hundredths = Math.round(percent * 100)
  if (!Number.isFinite(percent) || percent < 0 || percent > 100 || Math.abs(hundredths - percent * 100) > 1e-6) return undefined
  return (hundredths / 100).toFixed(2)
}

const suspensionSnapshot = (row: PartnerRow) => ({ status: row.status, suspended_reason: row.suspended_reason })

export function createPartnerAdminService(deps: PartnerAdminDeps) {
  const { db, clock } = deps
  const adminView = (executor: Executor, id: string) => loadAdminPartnerView(executor, id, deps.defaultCommissionPercent)

  /** Locks the partner, applies `change` (or refuses), writes the audit row; one transaction. */
  async function changePartner(
    admin: AuditActor,
    partnerId: string,
    action: string,
    change: (current: PartnerRow, now: Date) => PartnerChanges,
    snapshot: (row: PartnerRow) => Record<string, unknown>,
  ): Promise<AdminPartnerResponse> {
    return db.transaction(async (tx) => {
      const repo = partnersRepository(tx)
      const current = await repo.findById(partnerId, 'update')
      if (!current) throw new PartnerNotFoundError()
      const now = clock.now()
      const updated = await repo.update(partnerId, { ...change(current, now), updated_at: now })
      await recordAudit(tx, {
        actor_id: admin.id, ip: admin.ip, action, target_type: 'partner', target_id: partnerId, before: snapshot(current), after: snapshot(updated), created_at: now,
      })
      return adminView(tx, partnerId)
    })
  }

  return {
    async listPartners(query: ListPartnersQuery): Promise<PageOf<AdminPartnerSummary>> {
      const { items, total } = await partnersRepository(db).list(query)
      const ids = items.map((p) => p.id)
      const [listingCounts, bookingFigures] = await Promise.all([deps.listings.countPartnerListings(db, ids), deps.bookingFigures(db, ids)])
      const listingsOf = new Map(listingCounts.map((c) => [c.partner_id, c]))
      const bookingsOf = new Map(bookingFigures.map((f) => [f.partner_id, f]))
      return {
        items: items.map((p) => ({
          ...p,
          commission_percent: commissionOf(p),
          listings_count: listingsOf.get(p.id)?.listings ?? 0,
          approved_listings_count: listingsOf.get(p.id)?.approved ?? 0,
          bookings_count: bookingsOf.get(p.id)?.bookings_count ?? 0,
          gmv: bookingsOf.get(p.id)?.gmv ?? 0,
          created_at: p.created_at.toISOString(),
        })),
        total,
        page: query.page,
        page_size: query.page_size,
      }
    },

    /** 409 PARTNER_ALREADY_SUSPENDED when it is. The owner can still sign in; only the listings go. */
    async suspendPartner(admin: AuditActor, partnerId: string, reason: string): Promise<AdminPartnerResponse> {
      const answer = await changePartner(
        admin, partnerId, 'partner.suspend',
        (current, now) => {
          if (current.status === 'suspended') throw new PartnerAlreadySuspendedError()
          return { status: 'suspended', suspended_reason: reason.trim(), suspended_at: now }
        },
        suspensionSnapshot,
      )
      deps.onVisibilityChanged()
      return answer
    },

    /** 409 PARTNER_NOT_SUSPENDED when it is active. */
    async reactivatePartner(admin: AuditActor, partnerId: string): Promise<AdminPartnerResponse> {
      const answer = await changePartner(
        admin, partnerId, 'partner.reactivate',
        (current) => {
          if (current.status !== 'suspended') throw new PartnerNotSuspendedError()
          return { status: 'active', suspended_reason: null, suspended_at: null }
        },
        suspensionSnapshot,
      )
      deps.onVisibilityChanged()
      return answer
    },

    /** Null returns the partner to the platform default. Applies to the financial summary from now on. */
    async setCommission(admin: AuditActor, partnerId: string, percent: number | null): Promise<AdminPartnerResponse> {
      const column = percent === null ? null : commissionColumn(percent)
      if (column === undefined) throw new InvalidCommissionError()
      return changePartner(admin, partnerId, 'partner.set_commission', () => ({ commission_percent: column }), (row) => ({ commission_percent: commissionOf(row) }))
    },

    /** Replaces the internal notes; blank clears them. */
    async setNotes(admin: AuditActor, partnerId: string, notes: string | null): Promise<AdminPartnerResponse> {
      const text = notes?.trim() ? notes.trim() : null
      return changePartner(admin, partnerId, 'partner.set_notes', () => ({ admin_notes: text }), (row) => ({ admin_notes: row.admin_notes }))
    },
  }
}

export type PartnerAdminService = ReturnType<typeof createPartnerAdminService>
