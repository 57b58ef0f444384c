// Credit plans: the public catalogue, and the admin's create, update, activate and deactivate (each audited in its transaction).
// Purchases copy a plan's values when bought, so changing a plan never changes what someone already bought.
import type { PageOf } from '../../shared/schemas.js'
import { recordAudit, type AuditActor } from '../audit/index.js'
import type { CreditsDeps } from './credits-context.js'
import { CreditPlanNotFoundError, NoPlanChangesError } from './credits.errors.js'
import { plansRepository, type CreditPlanRow } from './plans.repository.js'
import { trimNameAndDescription } from '../../shared/trim-fields.js'
import type {
  AdminCreditPlanResponse, CreateCreditPlanBody, CreditPlanResponse, ListAdminCreditPlansQuery, ListCreditPlansQuery, UpdateCreditPlanBody,
} from './plans.schemas.js'

function toPlanResponse(row: CreditPlanRow): CreditPlanResponse {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    credits: row.credits,
    bonus_credits: row.bonus_credits,
    price: row.price,
    validity_days: row.validity_days,
    is_trial: row.is_trial,
  }
}

function toAdminPlanResponse(row: CreditPlanRow): AdminCreditPlanResponse {
  return { ...toPlanResponse(row), active: row.active, sort_order: row.sort_order, created_at: row.created_at.toISOString(), updated_at: row.updated_at.toISOString() }
}

/** What the audit trail keeps of a plan: its terms, not its timestamps (the audit row has its own). */
function auditSnapshot(row: CreditPlanRow): Record<string, unknown> {
  const { created_at: _created, updated_at: _updated, ...terms } = row
  return terms
}

export function createPlansService(deps: Pick<CreditsDeps, 'db' | 'clock' | 'ids'>) {
  const { db, clock, ids } = deps

  async function setActive(admin: AuditActor, planId: string, active: boolean): Promise<AdminCreditPlanResponse> {
    return db.transaction(async (tx) => {
      const repo = plansRepository(tx)
      const current = await repo.findById(planId, 'update')
      if (!current) throw new CreditPlanNotFoundError()
      // already there: nothing changes, so nothing is audited
      if (current.active === active) return toAdminPlanResponse(current)
      const now = clock.now()
      const updated = await repo.update(planId, { active, updated_at: now })
      await recordAudit(tx, {
        actor_id: admin.id,
        ip: admin.ip,
        action: active ? 'credit_plan.activate' : 'credit_plan.deactivate',
        target_type: 'credit_plan',
        target_id: planId,
        before: auditSnapshot(current),
        after: auditSnapshot(updated),
        created_at: now,
      })
      return toAdminPlanResponse(updated)
    })
  }

  return {
    async listActivePlans(query: ListCreditPlansQuery): Promise<PageOf<CreditPlanResponse>> {
      const { items, total } = await plansRepository(db).list({ ...query, active: true })
      return { items: items.map(toPlanResponse), total, page: query.page, page_size: query.page_size }
    },

    async listPlans(query: ListAdminCreditPlansQuery): Promise<PageOf<AdminCreditPlanResponse>> {
      const { items, total } = await plansRepository(db).list(query)
      return { items: items.map(toAdminPlanResponse), total, page: query.page, page_size: query.page_size }
    },

    async createPlan(admin: AuditActor, body: CreateCreditPlanBody): Promise<AdminCreditPlanResponse> {
      const now = clock.now()
      return db.transaction(async (tx) => {
        const row = await plansRepository(tx).insert({ ...trimNameAndDescription(body), id: ids.next(), created_at: now, updated_at: now })
        await recordAudit(tx, {
          actor_id: admin.id,
          ip: admin.ip,
          action: 'credit_plan.create',
          target_type: 'credit_plan',
          target_id: row.id,
          before: null,
          after: auditSnapshot(row),
          created_at: now,
        })
        return toAdminPlanResponse(row)
      })
    },

    async updatePlan(admin: AuditActor, planId: string, body: UpdateCreditPlanBody): Promise<AdminCreditPlanResponse> {
      // unknown keys are stripped by validation, so a body of only unknown keys arrives empty
      if (Object.keys(body).length === 0) throw new NoPlanChangesError()
      return db.transaction(async (tx) => {
        const repo = plansRepository(tx)
        const current = await repo.findById(planId, 'update')
        if (!current) throw new CreditPlanNotFoundError()
        const now = clock.now()
        const updated = await repo.update(planId, { ...trimNameAndDescription(body), updated_at: now })
        await recordAudit(tx, {
          actor_id: admin.id,
          ip: admin.ip,
          action: 'credit_plan.update',
          target_type: 'credit_plan',
          target_id: planId,
          before: auditSnapshot(current),
          after: auditSnapshot(updated),
          created_at: now,
        })
        return toAdminPlanResponse(updated)
      })
    },

    activatePlan: (admin: AuditActor, planId: string) => setActive(admin, planId, true),
    deactivatePlan: (admin: AuditActor, planId: string) => setActive(admin, planId, false),
  }
}

export type PlansService = ReturnType<typeof createPlansService>
