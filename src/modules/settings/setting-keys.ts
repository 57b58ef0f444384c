// Every system setting the config table may hold: its schema (what PUT /api/admin/config/{key} accepts), what it means,
// and its default. The one place these are declared: bookings, invoices and financials read them through readSetting.
import Type, { type Static, type TSchema } from 'typebox'
import { Value } from 'typebox/value'

export const CancellationPolicySetting = Type.Object(
  {
    full_refund_hours: Type.Number({ minimum: 0, maximum: 720, description: 'At least this many hours before the start: a full refund (a listing’s own notice hours replace it)' }),
    partial_refund_hours: Type.Number({ minimum: 0, maximum: 720, description: 'At least this many hours before (and at most full_refund_hours): partial_refund_percent' }),
    partial_refund_percent: Type.Number({ minimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
)
export type CancellationPolicy = Static<typeof CancellationPolicySetting>
export const DEFAULT_CANCELLATION_POLICY: CancellationPolicy = { full_refund_hours: 24, partial_refund_hours: 6, partial_refund_percent: 50 }

export const GstSetting = Type.Object(
  { rate_percent: Type.Number({ minimum: 0, maximum: 100, description: 'At most two decimals' }) },
  { additionalProperties: false },
)
export const DEFAULT_GST_RATE_PERCENT = 18

const Slug = Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' })
export const GstExemptCategoriesSetting = Type.Array(Slug, { maxItems: 100, uniqueItems: true })
export const CommissionPercentSetting = Type.Number({ minimum: 0, maximum: 100, description: 'At most two decimals' })
export const HoldMinutesSetting = Type.Integer({ minimum: 1, maximum: 120 })

interface SettingDefinition<S extends TSchema> {
  schema: S
  description: string
  /** A rule across fields the schema cannot say; the message of what is wrong, or undefined. */
  check?: (value: Static<S>) => string | undefined
  /** Turns an older stored form into today's (undefined: not a form we know). */
  upgrade?: (stored: unknown) => Static<S> | undefined
}

const define = <S extends TSchema>(definition: SettingDefinition<S>) => definition

const twoDecimals = (n: number): boolean => Math.abs(Math.round(n * 100) - n * 100) < 1e-6
const atMostTwoDecimals = (n: number) => (twoDecimals(n) ? undefined : 'must have at most two decimals')

export const SETTINGS = {
  cancellation_policy: define({
    schema: CancellationPolicySetting,
    description: 'How much of a booking comes back when the customer cancels, by the hours left before the session starts.',
    check: (v) => (v.partial_refund_hours > v.full_refund_hours ? 'partial_refund_hours must be at most full_refund_hours' : undefined),
  }),
  gst: define({
    schema: GstSetting,
    description: 'The GST rate (percent) inside tax-inclusive prices on invoices: CGST+SGST or IGST.',
    check: (v) => atMostTwoDecimals(v.rate_percent),
    // the first deployments stored the bare rate
    upgrade: (stored) => (typeof stored === 'number' && Number.isFinite(stored) && stored >= 0 && stored <= 100 ? { rate_percent: stored } : undefined),
  }),
  gst_exempt_categories: define({
    schema: GstExemptCategoriesSetting,
    description: 'Category slugs whose classes are exempt from GST (their invoices are bills of supply).',
  }),
  default_commission_percent: define({
    schema: CommissionPercentSetting,
    description: 'The platform’s commission on a partner’s bookings when the partner has no rate of their own (partner financials).',
    check: atMostTwoDecimals,
  }),
  booking_hold_minutes: define({
    schema: HoldMinutesSetting,
    description: 'How long a booking awaiting online payment holds its seats before they are given back.',
  }),
}

export type SettingKey = keyof typeof SETTINGS
export type SettingValue<K extends SettingKey> = Static<(typeof SETTINGS)[K]['schema']>
export type SettingValues = { [K in SettingKey]: SettingValue<K> }
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[]

export const isSettingKey = (key: string): key is SettingKey => Object.hasOwn(SETTINGS, key)

/** The defaults that do not come from the environment (`npm run seed:production` stores these). */
export const FIXED_SETTING_DEFAULTS = {
  cancellation_policy: DEFAULT_CANCELLATION_POLICY,
  gst: { rate_percent: DEFAULT_GST_RATE_PERCENT },
  gst_exempt_categories: [] as string[],
} satisfies Partial<SettingValues>

/** The defaults taken from the environment when the table has no value: COMMISSION_PERCENT and BOOKING_HOLD_MINUTES. */
export type EnvSettingDefaults = Omit<SettingValues, keyof typeof FIXED_SETTING_DEFAULTS>

/** What is wrong with a value for a key (the first problem, with its path), or undefined when it may be stored. */
export function settingValueProblem(key: SettingKey, value: unknown): string | undefined {
  const definition: SettingDefinition<TSchema> = SETTINGS[key]
  const [first] = Value.Errors(definition.schema, value)
  if (first) return `value${first.instancePath.replaceAll('/', '.')}: ${first.message}`
  return definition.check?.(value)
}

/** A stored value as today's form, or undefined when it is not a valid value of the key (the caller's default applies). */
export function storedSettingValue<K extends SettingKey>(key: K, stored: unknown): SettingValue<K> | undefined {
  if (stored === undefined) return undefined
  if (settingValueProblem(key, stored) === undefined) return stored as SettingValue<K>
  const upgraded = (SETTINGS[key] as SettingDefinition<TSchema>).upgrade?.(stored)
  return upgraded !== undefined && settingValueProblem(key, upgraded) === undefined ? (upgraded as SettingValue<K>) : undefined
}
