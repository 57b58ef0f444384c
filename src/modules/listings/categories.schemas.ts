// Request and answer shapes of the admins' category management (the public list is the catalog's GET /api/categories).
import Type, { type Static } from 'typebox'
import { IsoDateTime, Page, PageQuery, Uuid } from '../../shared/schemas.js'

const categoryFields = {
  name: Type.String({ minLength: 1, maxLength: 80, pattern: '\\S', examples: ['Swimming'] }),
  slug: Type.String({
    minLength: 1, maxLength: 60, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'Lowercase letters, digits and single hyphens; unique', examples: ['swimming'],
  }),
  description: Type.String({ maxLength: 500, examples: ['Learn-to-swim and stroke correction'] }),
  icon: Type.Union([Type.String({ minLength: 1, maxLength: 60 }), Type.Null()], { description: 'Icon name the apps draw', examples: ['waves'] }),
  sort_order: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000, description: 'Lower first in the list', examples: [1] }),
  active: Type.Boolean({ description: 'Only active categories are listed publicly and accepted for new or changed listings' }),
}

const CATEGORY_EXAMPLE = {
  id: '0b9f6c1e-5a43-4f8e-9d0a-2f1f3c4d5e6f', slug: 'swimming', name: 'Swimming', description: 'Learn-to-swim and stroke correction',
  icon: 'waves', sort_order: 1, active: true, created_at: '2026-01-05T04:30:00.000Z',
}

export const AdminCategoryResponse = Type.Object(
  {
    id: Uuid, slug: Type.String(), name: Type.String(), description: Type.String(), icon: Type.Union([Type.String(), Type.Null()]),
    sort_order: Type.Integer(), active: Type.Boolean(), created_at: IsoDateTime,
  },
  { examples: [CATEGORY_EXAMPLE] },
)
export type AdminCategoryResponse = Static<typeof AdminCategoryResponse>
export const AdminCategoryPage = Page(AdminCategoryResponse)

export const ListAdminCategoriesQuery = Type.Object({
  ...PageQuery.properties,
  active: Type.Optional(Type.Boolean({ description: 'true: active categories only; false: deactivated ones only' })),
})
export type ListAdminCategoriesQuery = Static<typeof ListAdminCategoriesQuery>

export const CreateCategoryBody = Type.Object(
  {
    name: categoryFields.name,
    slug: categoryFields.slug,
    description: Type.Optional(categoryFields.description),
    icon: Type.Optional(categoryFields.icon),
    sort_order: Type.Optional(categoryFields.sort_order),
    active: Type.Optional(categoryFields.active),
  },
  { additionalProperties: false, examples: [{ name: 'Swimming', slug: 'swimming', icon: 'waves', sort_order: 1 }] },
)
export type CreateCategoryBody = Static<typeof CreateCategoryBody>

export const UpdateCategoryBody = Type.Object(
  {
    name: Type.Optional(categoryFields.name),
    slug: Type.Optional(categoryFields.slug),
    description: Type.Optional(categoryFields.description),
    icon: Type.Optional(categoryFields.icon),
    sort_order: Type.Optional(categoryFields.sort_order),
    active: Type.Optional(categoryFields.active),
  },
  { additionalProperties: false, minProperties: 1, description: 'Send only what changes.', examples: [{ sort_order: 3 }] },
)
export type UpdateCategoryBody = Static<typeof UpdateCategoryBody>
