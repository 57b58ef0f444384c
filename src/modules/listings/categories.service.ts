// The admins' category management: create, change, activate and deactivate, each audited in its transaction.
// There is no delete: listings keep pointing at their category, so a category leaves the catalogue by deactivation.
import type { Executor } from '../../db/database.js'
import type { PageOf } from '../../shared/schemas.js'
import { recordAudit, type AuditActor } from '../audit/index.js'
import type { AdminCategoryResponse, CreateCategoryBody, ListAdminCategoriesQuery, UpdateCategoryBody } from './categories.schemas.js'
import { categoriesRepository } from './categories.repository.js'
import { CategoryNotFoundError, CategorySlugTakenError, NoCategoryChangesError } from './listings.errors.js'
import type { CategoryRow } from './listings.repository.js'
import type { ListingsServiceDeps } from './listings.service.js'
import { trimNameAndDescription } from '../../shared/trim-fields.js'

const toAdminCategoryResponse = (row: CategoryRow): AdminCategoryResponse => ({ ...row, created_at: row.created_at.toISOString() })

/** What the audit trail keeps of a category: its fields, not its timestamp (the audit row has its own). */
function auditSnapshot(row: CategoryRow): Record<string, unknown> {
  const { created_at: _created, ...fields } = row
  return fields
}

async function ensureSlugFree(tx: Executor, slug: string | undefined, categoryId?: string): Promise<void> {
  if (slug === undefined) return
  const holder = await categoriesRepository(tx).findBySlug(slug)
  if (holder && holder.id !== categoryId) throw new CategorySlugTakenError(slug)
}

export function createCategoriesService(deps: ListingsServiceDeps) {
  const { db, clock, ids } = deps

  /** Applies changes to a category (404 if unknown) and audits them; no change, no audit row. */
  async function change(admin: AuditActor, categoryId: string, action: string, changes: UpdateCategoryBody): Promise<AdminCategoryResponse> {
    return db.transaction(async (tx) => {
      const repo = categoriesRepository(tx)
      const current = await repo.findById(categoryId, 'update')
      if (!current) throw new CategoryNotFoundError()
      const changed = Object.entries(changes).some(([key, value]) => current[key as keyof CategoryRow] !== value)
      if (!changed) return toAdminCategoryResponse(current)
      await ensureSlugFree(tx, changes.slug, categoryId)
      const updated = await repo.update(categoryId, changes)
      await recordAudit(tx, {
        actor_id: admin.id, ip: admin.ip, action, target_type: 'category', target_id: categoryId,
        before: auditSnapshot(current), after: auditSnapshot(updated), created_at: clock.now(),
      })
      return toAdminCategoryResponse(updated)
    })
  }

  return {
    async listCategories(query: ListAdminCategoriesQuery): Promise<PageOf<AdminCategoryResponse>> {
      const { items, total } = await categoriesRepository(db).list(query)
      return { items: items.map(toAdminCategoryResponse), total, page: query.page, page_size: query.page_size }
    },

    async createCategory(admin: AuditActor, body: CreateCategoryBody): Promise<AdminCategoryResponse> {
      const now = clock.now()
      return db.transaction(async (tx) => {
        await ensureSlugFree(tx, body.slug)
        const row = await categoriesRepository(tx).insert({ ...trimNameAndDescription(body), id: ids.next(), created_at: now })
        await recordAudit(tx, {
          actor_id: admin.id, ip: admin.ip, action: 'category.create', target_type: 'category', target_id: row.id,
          before: null, after: auditSnapshot(row), created_at: now,
        })
        return toAdminCategoryResponse(row)
      })
    },

    async updateCategory(admin: AuditActor, categoryId: string, body: UpdateCategoryBody): Promise<AdminCategoryResponse> {
      // unknown keys are stripped by validation, so a body of only unknown keys arrives empty
      if (Object.keys(body).length === 0) throw new NoCategoryChangesError()
      return change(admin, categoryId, 'category.update', trimNameAndDescription(body))
    },

    activateCategory: (admin: AuditActor, categoryId: string) => change(admin, categoryId, 'category.activate', { active: true }),
    deactivateCategory: (admin: AuditActor, categoryId: string) => change(admin, categoryId, 'category.deactivate', { active: false }),
  }
}

export type CategoriesService = ReturnType<typeof createCategoriesService>
