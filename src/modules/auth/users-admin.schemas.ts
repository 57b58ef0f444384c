// Request and answer shapes of /api/admin/users: the admin's view of accounts (never a hash, code or secret).
import Type, { type Static } from 'typebox'
import { IsoDateTime, Page, PageQuery, Paise, Uuid } from '../../shared/schemas.js'
import { ChildResponse, Location } from './auth.schemas.js'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])
const Role = Type.Enum(['customer', 'partner', 'admin'])
const Status = Type.Enum(['active', 'suspended'])

export const USER_SORTS = ['newest', 'oldest', 'name', 'last_login'] as const

export const ListUsersQuery = Type.Object({
  ...PageQuery.properties,
  q: Type.Optional(Type.String({ maxLength: 120, description: 'Part of the name, email or phone, case-insensitive', examples: ['asha'] })),
  role: Type.Optional(Role),
  status: Type.Optional(Status),
  city: Type.Optional(Type.String({ maxLength: 80, description: 'The account’s city, case-insensitive', examples: ['Mumbai'] })),
  signed_up_from: Type.Optional(Type.String({ format: 'date', description: 'Signed up on or after this India day (Asia/Kolkata)', examples: ['2026-01-01'] })),
  signed_up_to: Type.Optional(Type.String({ format: 'date', description: 'Signed up on or before this India day (Asia/Kolkata)', examples: ['2026-01-31'] })),
  sort: Type.Optional(Type.Enum([...USER_SORTS], { default: 'newest', description: 'newest/oldest sign-up, name A–Z, or latest sign-in first' })),
})
export type ListUsersQuery = Static<typeof ListUsersQuery>

const adminUserFields = {
  id: Uuid,
  name: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  role: Role,
  status: Status,
  suspended_reason: Nullable(Type.String()),
  suspended_at: Nullable(IsoDateTime),
  email_verified: Type.Boolean(),
  phone_verified: Type.Boolean(),
  city: Nullable(Type.String()),
  avatar_url: Nullable(Type.String()),
  has_password: Type.Boolean({ description: 'Whether the account can log in with a password (the hash itself never leaves)' }),
  google_linked: Type.Boolean(),
  last_login_at: Nullable(Type.String({ format: 'date-time', description: 'The last sign-in by any method (OTP, password, Google, registration)' })),
  created_at: IsoDateTime,
}

const adminUserExample = {
  id: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44',
  name: 'Asha Verma',
  email: 'asha@example.com',
  phone: '+919876543210',
  role: 'customer',
  status: 'suspended',
  suspended_reason: 'Repeated chargebacks',
  suspended_at: '2026-02-01T06:00:00.000Z',
  email_verified: true,
  phone_verified: true,
  city: 'Mumbai',
  avatar_url: null,
  has_password: false,
  google_linked: false,
  last_login_at: '2026-01-30T12:10:00.000Z',
  created_at: '2026-01-05T04:30:00.000Z',
}

export const AdminUserSummary = Type.Object(adminUserFields, { examples: [adminUserExample] })
export type AdminUserSummary = Static<typeof AdminUserSummary>

export const AdminUserPage = Type.Object(Page(AdminUserSummary).properties, {
  examples: [{ items: [adminUserExample], total: 1, page: 1, page_size: 20 }],
})

const bookingExample = {
  id: '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a',
  listing_id: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  listing_title: 'Junior Chess Club',
  status: 'confirmed',
  payment_method: 'razorpay',
  seats: 1,
  amount: 149900,
  credits_amount: 0,
  refund_amount: 0,
  created_at: '2026-01-20T05:00:00.000Z',
  confirmed_at: '2026-01-20T05:01:00.000Z',
  cancelled_at: null,
}

const UserBooking = Type.Object({
  id: Uuid,
  listing_id: Uuid,
  listing_title: Type.String(),
  status: Type.Enum(['pending_payment', 'confirmed', 'completed', 'cancelled', 'expired']),
  payment_method: Type.Enum(['mock', 'razorpay', 'credits', 'free']),
  seats: Type.Integer({ minimum: 1 }),
  amount: Paise,
  credits_amount: Type.Integer({ minimum: 0 }),
  refund_amount: Paise,
  created_at: IsoDateTime,
  confirmed_at: Nullable(IsoDateTime),
  cancelled_at: Nullable(IsoDateTime),
})

export const AdminUserDetail = Type.Object(
  {
    ...adminUserFields,
    location: Nullable(Location),
    children: Type.Array(ChildResponse),
    bookings: Type.Object(
      {
        items: Type.Array(UserBooking, { description: 'The latest bookings, newest first' }),
        total: Type.Integer({ minimum: 0, description: 'All the user’s bookings' }),
      },
      { description: 'The latest few of the user’s bookings and how many there are' },
    ),
    wallet: Type.Object({ balance: Type.Integer({ minimum: 0, description: 'Credits usable now (unexpired)' }) }),
  },
  {
    examples: [
      {
        ...adminUserExample,
        location: null,
        children: [
          { id: '8f14e45f-ceea-4e7a-9b1c-2f1d3c4b5a69', name: 'Kabir', date_of_birth: '2018-04-21', gender: 'male', interests: ['chess'], age: 7, created_at: '2026-01-05T04:30:00.000Z' },
        ],
        bookings: { items: [bookingExample], total: 1 },
        wallet: { balance: 12 },
      },
    ],
  },
)
export type AdminUserDetail = Static<typeof AdminUserDetail>

export const SuspendBody = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S', description: 'Why; kept on the account and in the audit log', examples: ['Repeated chargebacks'] }),
  },
  { additionalProperties: false },
)
export type SuspendBody = Static<typeof SuspendBody>
