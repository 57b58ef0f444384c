// Request and answer shapes of the partner profile, its KYC and the admin review. Answers list every field they may show.
import Type, { type Static } from 'typebox'
import { IsoDateTime, Page, PageQuery, Uuid } from '../../shared/schemas.js'
import { KYC_STATUSES } from './kyc-status.js'

const Text = (maxLength: number, extra: object = {}) => Type.String({ maxLength, ...extra })
const Nullable = <T extends ReturnType<typeof Text>>(schema: T) => Type.Union([schema, Type.Null()])

const BusinessName = Text(120, { minLength: 2, pattern: '\\S', examples: ['Little Picasso Art Studio'] })
const LogoUrl = Text(2048, { pattern: '^(https?://|/uploads/)', description: 'An https URL or a path under /uploads/' })
const Email = Text(254, { format: 'email', examples: ['hello@littlepicasso.in'] })
const Phone = Text(20, { description: 'Indian mobile; answered as +91XXXXXXXXXX', examples: ['+919876543210'] })
const Pan = Text(20, { description: 'PAN: 5 letters, 4 digits, 1 letter; 4th = holder type', examples: ['AAPFU0939F'] })
const Gstin = Text(20, { description: 'GSTIN; its characters 3–12 must be the PAN', examples: ['27AAPFU0939F1ZV'] })
const BankAccount = Text(30, { description: '9–18 digits; stored encrypted, never answered in full', examples: ['123456789012'] })
const Ifsc = Text(20, { description: 'IFSC, case-insensitive', examples: ['HDFC0001234'] })
const HolderName = Text(120, { minLength: 2, pattern: '\\S', examples: ['Little Picasso LLP'] })

export const CreatePartnerBody = Type.Object(
  {
    business_name: BusinessName,
    description: Type.Optional(Text(5000)),
    logo_url: Type.Optional(LogoUrl),
    contact_email: Type.Optional(Email),
    contact_phone: Type.Optional(Phone),
    city: Type.Optional(Text(80, { examples: ['Mumbai'] })),
    state: Type.Optional(Text(80, { examples: ['Maharashtra'] })),
    address: Type.Optional(Text(500)),
    pan: Type.Optional(Pan),
    gstin: Type.Optional(Gstin),
    bank_account_number: Type.Optional(BankAccount),
    ifsc: Type.Optional(Ifsc),
    account_holder_name: Type.Optional(HolderName),
  },
  { additionalProperties: false },
)
export type CreatePartnerBody = Static<typeof CreatePartnerBody>

/** Every field optional; null clears an optional one. Changing a KYC field of a verified partner sends KYC back to review. */
export const UpdatePartnerBody = Type.Object(
  {
    business_name: Type.Optional(BusinessName),
    description: Type.Optional(Text(5000)),
    logo_url: Type.Optional(Nullable(LogoUrl)),
    contact_email: Type.Optional(Nullable(Email)),
    contact_phone: Type.Optional(Nullable(Phone)),
    city: Type.Optional(Nullable(Text(80))),
    state: Type.Optional(Nullable(Text(80))),
    address: Type.Optional(Nullable(Text(500))),
    pan: Type.Optional(Pan),
    gstin: Type.Optional(Nullable(Gstin)),
    bank_account_number: Type.Optional(BankAccount),
    ifsc: Type.Optional(Ifsc),
    account_holder_name: Type.Optional(HolderName),
  },
  { additionalProperties: false },
)
export type UpdatePartnerBody = Static<typeof UpdatePartnerBody>

const KycStatus = Type.Enum([...KYC_STATUSES])
const PartnerStatus = Type.Enum(['active', 'suspended'])
const KycField = Type.Enum(['pan', 'bank_account_number', 'ifsc', 'account_holder_name'])

const partnerFields = {
  id: Uuid,
  user_id: Uuid,
  business_name: Type.String(),
  description: Type.String(),
  logo_url: Type.Union([Type.String(), Type.Null()]),
  contact_email: Type.Union([Type.String(), Type.Null()]),
  contact_phone: Type.Union([Type.String(), Type.Null()]),
  city: Type.Union([Type.String(), Type.Null()]),
  state: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  status: PartnerStatus,
  kyc_status: KycStatus,
  kyc_rejection_reason: Type.Union([Type.String(), Type.Null()]),
  /** What `POST /partners/my/kyc/submit` still needs. */
  kyc_missing: Type.Array(KycField),
  pan: Type.Union([Type.String(), Type.Null()]),
  gstin: Type.Union([Type.String(), Type.Null()]),
  bank_account_masked: Type.Union([Type.String(), Type.Null()]),
  ifsc: Type.Union([Type.String(), Type.Null()]),
  account_holder_name: Type.Union([Type.String(), Type.Null()]),
  created_at: IsoDateTime,
  updated_at: IsoDateTime,
}

const partnerExample = {
  id: '0b9f8c8e-5d4c-4f0e-9a53-3f1c2b7d9e10',
  user_id: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44',
  business_name: 'Little Picasso Art Studio',
  description: 'Art classes for ages 4 to 12',
  logo_url: null,
  contact_email: 'hello@littlepicasso.in',
  contact_phone: '+919876543210',
  city: 'Mumbai',
  state: 'Maharashtra',
  address: '12 Hill Road, Bandra West',
  status: 'active',
  kyc_status: 'submitted',
  kyc_rejection_reason: null,
  kyc_missing: [],
  pan: 'AAPFU0939F',
  gstin: '27AAPFU0939F1ZV',
  bank_account_masked: 'XXXXXX9012',
  ifsc: 'HDFC0001234',
  account_holder_name: 'Little Picasso LLP',
  created_at: '2026-01-05T04:30:00.000Z',
  updated_at: '2026-01-05T04:30:00.000Z',
}

export const PartnerResponse = Type.Object(partnerFields, { examples: [partnerExample] })
export type PartnerResponse = Static<typeof PartnerResponse>

const PartnerOwner = Type.Object({
  id: Uuid,
  name: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
})

/** The admin KYC view: the partner's answer plus the bank account's last 4 digits and who owns the profile. */
const adminOnlyFields = {
  commission_percent: Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()], { description: 'This partner’s rate; null: the platform default' }),
  effective_commission_percent: Type.Number({ minimum: 0, maximum: 100, description: 'The rate that applies now (this partner’s or the default)' }),
  suspended_reason: Type.Union([Type.String(), Type.Null()]),
  suspended_at: Type.Union([IsoDateTime, Type.Null()]),
  admin_notes: Type.Union([Type.String(), Type.Null()], { description: 'Internal: admins only, never shown to the partner or the public' }),
}

const adminOnlyExample = {
  commission_percent: 12.5,
  effective_commission_percent: 12.5,
  suspended_reason: null,
  suspended_at: null,
  admin_notes: 'Prefers calls after 4 pm',
}

export const AdminPartnerResponse = Type.Object(
  { ...partnerFields, bank_account_last4: Type.Union([Type.String(), Type.Null()]), owner: PartnerOwner, ...adminOnlyFields },
  {
    examples: [
      {
        ...partnerExample,
        ...adminOnlyExample,
        bank_account_last4: '9012',
        owner: { id: partnerExample.user_id, name: 'Asha Rao', email: 'asha@example.com', phone: '+919876543210' },
      },
    ],
  },
)
export type AdminPartnerResponse = Static<typeof AdminPartnerResponse>

const summaryExample = {
  id: partnerExample.id,
  user_id: partnerExample.user_id,
  business_name: partnerExample.business_name,
  city: 'Mumbai',
  state: 'Maharashtra',
  status: 'active',
  kyc_status: 'submitted',
  owner_email: 'asha@example.com',
  commission_percent: 12.5,
  listings_count: 4,
  approved_listings_count: 3,
  bookings_count: 57,
  gmv: 8_543_000,
  created_at: '2026-01-05T04:30:00.000Z',
}

export const AdminPartnerSummary = Type.Object(
  {
    id: Uuid,
    user_id: Uuid,
    business_name: Type.String(),
    city: Type.Union([Type.String(), Type.Null()]),
    state: Type.Union([Type.String(), Type.Null()]),
    status: PartnerStatus,
    kyc_status: KycStatus,
    owner_email: Type.Union([Type.String(), Type.Null()]),
    commission_percent: adminOnlyFields.commission_percent,
    listings_count: Type.Integer({ minimum: 0, description: 'Listings in any status but archived' }),
    approved_listings_count: Type.Integer({ minimum: 0, description: 'Listings approved (public while the partner is active)' }),
    bookings_count: Type.Integer({ minimum: 0, description: 'Bookings ever confirmed, all time (later cancellations included)' }),
    gmv: Type.Integer({ minimum: 0, description: 'Their amounts in paise before refunds, all time' }),
    created_at: IsoDateTime,
  },
  { examples: [summaryExample] },
)
export type AdminPartnerSummary = Static<typeof AdminPartnerSummary>

export const AdminPartnerPage = Type.Object(Page(AdminPartnerSummary).properties, {
  examples: [{ items: [summaryExample], total: 1, page: 1, page_size: 20 }],
})

export const ListPartnersQuery = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(PartnerStatus),
  kyc_status: Type.Optional(KycStatus),
  city: Type.Optional(Text(80)),
  q: Type.Optional(Text(120, { description: 'Part of the business name, contact email or contact phone, case-insensitive' })),
  search: Type.Optional(Text(120, { description: 'Part of the business name, case-insensitive (older name of `q`, names only)' })),
})
export type ListPartnersQuery = Static<typeof ListPartnersQuery>

export const ReviewKycBody = Type.Object(
  {
    decision: Type.Enum(['verify', 'reject']),
    reason: Type.Optional(Text(1000, { description: 'Required to reject: the partner sees it', examples: ['The IFSC does not match the cancelled cheque'] })),
  },
  { additionalProperties: false },
)
export type ReviewKycBody = Static<typeof ReviewKycBody>

export const SuspendPartnerBody = Type.Object(
  {
    reason: Text(1000, { minLength: 1, pattern: '\\S', description: 'Why; kept on the partner and in the audit log', examples: ['KYC documents found forged'] }),
  },
  { additionalProperties: false },
)
export type SuspendPartnerBody = Static<typeof SuspendPartnerBody>

export const SetCommissionBody = Type.Object(
  {
    // one schema with two types: as a union, request coercion would turn null into 0 (or 0 into null)
    commission_percent: Type.Unsafe<number | null>({
      type: ['number', 'null'],
      minimum: 0,
      maximum: 100,
      description: 'Percent of each booking kept by the platform, 0–100 with at most 2 decimals; null: the platform default',
      examples: [12.5],
    }),
  },
  { additionalProperties: false },
)
export type SetCommissionBody = Static<typeof SetCommissionBody>

export const SetNotesBody = Type.Object(
  {
    notes: Type.Union([Type.Null(), Text(10_000, { examples: ['Prefers calls after 4 pm; renewal due March'] })], {
      description: 'Replaces the notes; null or blank clears them',
    }),
  },
  { additionalProperties: false },
)
export type SetNotesBody = Static<typeof SetNotesBody>
