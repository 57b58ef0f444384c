// Request and answer shapes of credit plans: the public catalogue (active plans) and the admin's management of them.
import Type, { type Static } from 'typebox'
import { IsoDateTime, Page, PageQuery, Paise, Uuid } from '../../shared/schemas.js'

const planFields = {
  name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', examples: ['Monthly 10'] }),
  description: Type.String({ maxLength: 500, examples: ['10 credits for a month of classes'] }),
  credits: Type.Integer({ minimum: 1, maximum: 100_000, description: 'Credits the plan grants', examples: [10] }),
  bonus_credits: Type.Integer({ minimum: 0, maximum: 100_000, description: 'Extra credits granted on top, expiring with the rest', examples: [2] }),
  // an int4 column: ₹10,00,000 is far above any plan and far below its limit
  price: Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Amount in paise (₹1 = 100); 0 is a free plan', examples: [99_900] }),
  validity_days: Type.Integer({ minimum: 1, maximum: 3650, description: 'Days the credits last from the purchase', examples: [30] }),
  is_trial: Type.Boolean({ description: 'Trial credits never roll over into a later plan' }),
  sort_order: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000, description: 'Lower first in the catalogue', examples: [10] }),
  active: Type.Boolean({ description: 'Only active plans are listed and can be bought' }),
}

const PLAN_EXAMPLE = {
  id: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60',
  name: 'Monthly 10',
  description: '10 credits for a month of classes',
  credits: 10,
  bonus_credits: 2,
  price: 99_900,
  validity_days: 30,
  is_trial: false,
}
const ADMIN_PLAN_EXAMPLE = { ...PLAN_EXAMPLE, active: true, sort_order: 10, created_at: '2026-01-05T04:30:00.000Z', updated_at: '2026-01-05T04:30:00.000Z' }

const publicPlanFields = {
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  credits: Type.Integer({ minimum: 1 }),
  bonus_credits: Type.Integer({ minimum: 0 }),
  price: Paise,
  validity_days: Type.Integer({ minimum: 1 }),
  is_trial: Type.Boolean(),
}

export const CreditPlanResponse = Type.Object(publicPlanFields, { examples: [PLAN_EXAMPLE] })
export type CreditPlanResponse = Static<typeof CreditPlanResponse>
export const CreditPlanPage = Page(CreditPlanResponse)

export const AdminCreditPlanResponse = Type.Object(
  { ...publicPlanFields, active: Type.Boolean(), sort_order: Type.Integer(), created_at: IsoDateTime, updated_at: IsoDateTime },
  { examples: [ADMIN_PLAN_EXAMPLE] },
)
export type AdminCreditPlanResponse = Static<typeof AdminCreditPlanResponse>
export const AdminCreditPlanPage = Page(AdminCreditPlanResponse)

export const ListCreditPlansQuery = PageQuery
export type ListCreditPlansQuery = Static<typeof ListCreditPlansQuery>

export const ListAdminCreditPlansQuery = Type.Object({
  ...PageQuery.properties,
  active: Type.Optional(Type.Boolean({ description: 'true: active plans only; false: deactivated ones only' })),
})
export type ListAdminCreditPlansQuery = Static<typeof ListAdminCreditPlansQuery>

export const CreateCreditPlanBody = Type.Object(
  {
    name: planFields.name,
    description: Type.Optional(planFields.description),
    credits: planFields.credits,
    bonus_credits: Type.Optional(planFields.bonus_credits),
    price: planFields.price,
    validity_days: planFields.validity_days,
    is_trial: Type.Optional(planFields.is_trial),
    sort_order: Type.Optional(planFields.sort_order),
    active: Type.Optional(planFields.active),
  },
  { additionalProperties: false, examples: [{ name: 'Monthly 10', credits: 10, bonus_credits: 2, price: 99_900, validity_days: 30 }] },
)
export type CreateCreditPlanBody = Static<typeof CreateCreditPlanBody>

export const UpdateCreditPlanBody = Type.Object(
  {
    name: Type.Optional(planFields.name),
    description: Type.Optional(planFields.description),
    credits: Type.Optional(planFields.credits),
    bonus_credits: Type.Optional(planFields.bonus_credits),
    price: Type.Optional(planFields.price),
    validity_days: Type.Optional(planFields.validity_days),
    is_trial: Type.Optional(planFields.is_trial),
    sort_order: Type.Optional(planFields.sort_order),
    active: Type.Optional(planFields.active),
  },
  { additionalProperties: false, minProperties: 1, description: 'Send only what changes.', examples: [{ price: 89_900 }] },
)
export type UpdateCreditPlanBody = Static<typeof UpdateCreditPlanBody>
