// Accounts, their children and the one-time codes that sign them in.
import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull().default(''),
    email: text(),
    phone: text(),
    password_hash: text(),
    google_sub: text(),
    role: text({ enum: ['customer', 'partner', 'admin'] }).notNull().default('customer'),
    status: text({ enum: ['active', 'suspended'] }).notNull().default('active'),
    email_verified: boolean().notNull().default(false),
    phone_verified: boolean().notNull().default(false),
    city: text(),
    location: jsonb().$type<{ lat: number; lng: number; area?: string | undefined } | null>(),
    avatar_url: text(),
    preferences: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    last_login_at: timestamp({ withTimezone: true }),
    /** Why and when an admin suspended the account (null while active). */
    suspended_reason: text(),
    suspended_at: timestamp({ withTimezone: true }),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updated_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // emails compare case-insensitively; the unique index is on the lowered value
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    uniqueIndex('users_phone_key').on(t.phone),
    uniqueIndex('users_google_sub_key').on(t.google_sub),
    // admin dashboard and analytics: customer sign-ups by day
    index('users_customer_created_idx').on(t.created_at).where(sql`${t.role} = 'customer'`),
    check('users_role_check', sql`${t.role} in ('customer','partner','admin')`),
    check('users_status_check', sql`${t.status} in ('active','suspended')`),
    // the admin user list: newest first
    index('users_created_idx').on(t.created_at.desc(), t.id.desc()),
    // the admin user search matches any part of a name, email or phone (ILIKE '%…%'): trigram indexes serve it
    index('users_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    index('users_email_trgm_idx').using('gin', sql`${t.email} gin_trgm_ops`),
    index('users_phone_trgm_idx').using('gin', sql`${t.phone} gin_trgm_ops`),
  ],
)

export const children = pgTable(
  'children',
  {
    id: uuid().primaryKey().defaultRandom(),
    user_id: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    date_of_birth: date({ mode: 'string' }).notNull(),
    gender: text(),
    interests: text().array().notNull().default(sql`'{}'::text[]`),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('children_user_idx').on(t.user_id, t.created_at)],
)

export const otps = pgTable(
  'otps',
  {
    id: uuid().primaryKey().defaultRandom(),
    identifier: text().notNull(),
    code_hash: text().notNull(),
    attempts: integer().notNull().default(0),
    expires_at: timestamp({ withTimezone: true }).notNull(),
    consumed_at: timestamp({ withTimezone: true }),
    requested_ip: text(),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('otps_identifier_idx').on(t.identifier, t.created_at)],
)

/** Sessions of third-party sign-in (the seed's `oauth_sessions`): which provider subject signed in when. */
export const oauthSessions = pgTable(
  'oauth_sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    user_id: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    provider: text().notNull(),
    subject: text().notNull(),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('oauth_sessions_user_idx').on(t.user_id)],
)
