// TypeBox schemas of /api/auth: they validate requests and whitelist answers (no hash, code or secret can leave).
import Type, { type Static } from 'typebox'
import { IsoDate, IsoDateTime, Uuid } from '../../shared/schemas.js'
import { PASSWORD_MAX, PASSWORD_MIN } from './password-policy.js'

const SignupRole = Type.Enum(['customer', 'partner'], { description: 'Only customer or partner; admins come from ADMIN_EMAILS or the CLI' })
const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', examples: ['Asha Verma'] })
const Email = Type.String({ format: 'email', maxLength: 254, examples: ['asha@example.com'] })
const Phone = Type.String({ minLength: 10, maxLength: 20, description: 'Indian mobile: 10 digits starting 6-9, optional +91/91/0', examples: ['+91 98765 43210'] })
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

export const Location = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    area: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
)

const Preferences = Type.Object({}, { additionalProperties: true, maxProperties: 50, description: 'Free-form app preferences', examples: [{ categories: ['music'] }] })

export const ChildResponse = Type.Object({
  id: Uuid,
  name: Type.String(),
  date_of_birth: IsoDate,
  gender: Nullable(Type.String()),
  interests: Type.Array(Type.String()),
  age: Type.Integer({ minimum: 0, description: 'Whole years today in India (Asia/Kolkata)' }),
  created_at: IsoDateTime,
})

const childExample = {
  id: '8f14e45f-ceea-4e7a-9b1c-2f1d3c4b5a69',
  name: 'Kabir',
  date_of_birth: '2018-04-21',
  gender: 'male',
  interests: ['chess', 'swimming'],
  age: 7,
  created_at: '2026-01-05T04:30:00.000Z',
}

export const ChildrenResponse = Type.Array(ChildResponse, { description: 'The account’s children, oldest entry first (the order the index paths use)', examples: [[childExample]] })

const userExample = {
  id: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44',
  name: 'Asha Verma',
  email: 'asha@example.com',
  phone: '+919876543210',
  role: 'customer',
  status: 'active',
  email_verified: false,
  phone_verified: true,
  city: 'Gurgaon',
  location: { lat: 28.4595, lng: 77.0266, area: 'Sector 29' },
  avatar_url: null,
  preferences: {},
  children: [childExample],
  created_at: '2026-01-05T04:30:00.000Z',
}

export const UserResponse = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    role: Type.Enum(['customer', 'partner', 'admin']),
    status: Type.Enum(['active', 'suspended']),
    email_verified: Type.Boolean(),
    phone_verified: Type.Boolean(),
    city: Nullable(Type.String()),
    location: Nullable(Location),
    avatar_url: Nullable(Type.String()),
    preferences: Preferences,
    children: Type.Array(ChildResponse),
    created_at: IsoDateTime,
  },
  { examples: [userExample] },
)

export const SignInResponse = Type.Object(
  { access_token: Type.String(), token_type: Type.Literal('bearer'), user: UserResponse },
  { examples: [{ access_token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6ImFjY2Vzcytqd3QifQ…', token_type: 'bearer', user: userExample }] },
)

export const SendOtpBody = Type.Object(
  { identifier: Type.String({ minLength: 3, maxLength: 254, description: 'Indian mobile number or email address', examples: ['9876543210'] }) },
  { additionalProperties: false },
)

export const SendOtpResponse = Type.Object(
  { message: Type.String(), expires_in_seconds: Type.Integer(), resend_after_seconds: Type.Integer() },
  { examples: [{ message: 'If the identifier is valid, a code has been sent', expires_in_seconds: 300, resend_after_seconds: 30 }] },
)

export const VerifyOtpBody = Type.Object(
  {
    identifier: SendOtpBody.properties.identifier,
    otp: Type.String({ pattern: '^[0-9]{4,8}$', examples: ['482913'] }),
    name: Type.Optional(Type.String({ maxLength: 100, description: 'Used when this sign-in creates the account' })),
    role: Type.Optional(SignupRole),
  },
  { additionalProperties: false },
)
export type VerifyOtpBody = Static<typeof VerifyOtpBody>

export const RegisterBody = Type.Object(
  {
    name: Name,
    email: Email,
    password: Type.String({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, description: '8-128 characters with a letter and a digit; not the email' }),
    phone: Type.Optional(Phone),
    role: Type.Optional(SignupRole),
  },
  { additionalProperties: false },
)

export const LoginBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254, examples: ['asha@example.com'] }), password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }) },
  { additionalProperties: false },
)

export const GoogleSignInBody = Type.Object(
  { id_token: Type.String({ minLength: 20, maxLength: 8192, description: 'The ID token (JWT) Google Sign-In gave the app' }) },
  { additionalProperties: false },
)

// additionalProperties false + Ajv's removeAdditional: role, status and other fields are dropped before the handler
export const UpdateProfileBody = Type.Object(
  {
    name: Type.Optional(Name),
    email: Type.Optional(Email),
    phone: Type.Optional(Phone),
    city: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
    location: Type.Optional(Nullable(Location)),
    avatar_url: Type.Optional(Nullable(Type.String({ format: 'uri', pattern: '^https://', maxLength: 2048, description: 'https URLs only' }))),
    preferences: Type.Optional(Preferences),
  },
  { additionalProperties: false, examples: [{ name: 'Asha V.', city: 'Gurgaon', location: { lat: 28.4595, lng: 77.0266 } }] },
)

const ChildFields = {
  name: Name,
  date_of_birth: IsoDate,
  gender: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  interests: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 })),
}

export const CreateChildBody = Type.Object(ChildFields, { additionalProperties: false, examples: [{ name: 'Kabir', date_of_birth: '2018-04-21', interests: ['chess'] }] })

export const EditChildBody = Type.Object(
  { name: Type.Optional(ChildFields.name), date_of_birth: Type.Optional(ChildFields.date_of_birth), gender: ChildFields.gender, interests: ChildFields.interests },
  { additionalProperties: false, minProperties: 1 },
)

export const ChildIndexParams = Type.Object({
  index: Type.Integer({ minimum: 0, maximum: 1000, description: '0-based position in GET /api/auth/children' }),
})
