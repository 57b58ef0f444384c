// The only reader of process.env: every variable is declared, typed and checked here once, at start-up.
import { availableParallelism } from 'node:os'
import Type, { type Static } from 'typebox'
import { Value } from 'typebox/value'

export const DEFAULT_JWT_SECRET = 'your-super-secret-key-change-in-production'

const Env = Type.Object({
  APP_ENV: Type.Enum(['dev', 'test', 'staging', 'production'], { default: 'dev' }),
  HOST: Type.String({ default: '0.0.0.0' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8001 }),
  BASE_URL: Type.String({ default: 'http://localhost:3000' }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  DATABASE_URL: Type.String({ default: '' }),
  /** Connections of this process's pg pool (PostgreSQL only): a booking holds one for its whole transaction. */
  DATABASE_POOL_MAX: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  DATA_DIR: Type.String({ default: './data' }),
  REDIS_URL: Type.String({ default: '' }),
  /** Streaming replicas of DATABASE_URL (comma-separated URLs) that serve the public catalog's reads; unset: the primary serves. */
  DATABASE_REPLICA_URLS: Type.String({ default: '' }),
  /** A replica further behind the primary than this is skipped (the primary serves) until it catches up. */
  REPLICA_MAX_LAG_SECONDS: Type.Number({ exclusiveMinimum: 0, maximum: 3600, default: 5 }),
  /** API processes on one port (node:cluster): 1 = this process serves; 0 = one per core. More than one needs PostgreSQL. */
  WEB_CONCURRENCY: Type.Integer({ minimum: 0, maximum: 64, default: 1 }),
  SHUTDOWN_DRAIN_SECONDS: Type.Integer({ minimum: 0, maximum: 120, default: 5 }),
  /** Answer 503 with Retry-After instead of queueing once the event loop lags this much on average; 0 turns it off. */
  LOAD_SHED_EVENT_LOOP_DELAY_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 1_000 }),
  /** Bearer token for GET /metrics (Prometheus); unset: no /metrics route. */
  METRICS_TOKEN: Type.String({ default: '' }),
  LOAD_SHED_RETRY_AFTER_SECONDS: Type.Integer({ minimum: 1, maximum: 600, default: 5 }),
  TRUST_PROXY: Type.Boolean({ default: false }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 1_048_576 }),
  SEED_DEMO_DATA: Type.Boolean({ default: true }),
  HOME_FEED_CACHE_SECONDS: Type.Integer({ minimum: 0, maximum: 3600, default: 60 }),

  JWT_SECRET: Type.String({ minLength: 16, default: DEFAULT_JWT_SECRET }),
  JWT_ALGORITHM: Type.Literal('HS256', { default: 'HS256' }),
  JWT_EXPIRY_HOURS: Type.Number({ exclusiveMinimum: 0, maximum: 8760, default: 720 }),
  /** Encrypts KYC secrets at rest (bank account numbers); unset in dev/test → derived from JWT_SECRET. */
  DATA_ENCRYPTION_KEY: Type.String({ default: '' }),
  CORS_ORIGINS: Type.String({ default: '*' }),
  ADMIN_EMAILS: Type.String({ default: 'admin@rrray.com' }),

  OTP_LENGTH: Type.Integer({ minimum: 4, maximum: 8, default: 6 }),
  OTP_TTL_MINUTES: Type.Integer({ minimum: 1, maximum: 10, default: 5 }),
  OTP_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 10, default: 5 }),
  OTP_RESEND_SECONDS: Type.Integer({ minimum: 0, maximum: 600, default: 30 }),
  OTP_SENDS_PER_HOUR: Type.Integer({ minimum: 1, default: 5 }),
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 300 }),
  AUTH_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 20 }),

  PAYMENTS_MODE: Type.Enum(['mock', 'test', 'live'], { default: 'mock' }),
  RAZORPAY_KEY_ID: Type.String({ default: '' }),
  RAZORPAY_KEY_SECRET: Type.String({ default: '' }),
  RAZORPAY_WEBHOOK_SECRET: Type.String({ default: '' }),
  /** The webhook secret before the last rotation: Razorpay retries older events signed with it. */
  RAZORPAY_WEBHOOK_SECRET_PREVIOUS: Type.String({ default: '' }),
  RAZORPAY_API_BASE: Type.String({ default: 'https://api.razorpay.com/v1' }),
  /** How approved partner payouts are paid: `manual` (an admin marks them paid with the bank's UTR) or through RazorpayX. */
  PAYOUTS_MODE: Type.Enum(['manual', 'razorpayx'], { default: 'manual' }),
  RAZORPAYX_KEY_ID: Type.String({ default: '' }),
  RAZORPAYX_KEY_SECRET: Type.String({ default: '' }),
  /** The business's RazorpayX account number payouts are paid from (not the partner's). */
  RAZORPAYX_ACCOUNT_NUMBER: Type.String({ default: '' }),
  RAZORPAYX_WEBHOOK_SECRET: Type.String({ default: '' }),
  RAZORPAYX_BASE_URL: Type.String({ default: 'https://api.razorpay.com/v1' }),
  BOOKING_HOLD_MINUTES: Type.Integer({ minimum: 1, maximum: 120, default: 15 }),
  MAX_PENDING_BOOKINGS: Type.Integer({ minimum: 1, maximum: 50, default: 5 }),
  MAX_RESCHEDULES: Type.Integer({ minimum: 0, maximum: 20, default: 2 }),
  /** Minutes seats freed on a full session stay held for the family first in its waitlist. */
  WAITLIST_OFFER_MINUTES: Type.Integer({ minimum: 1, maximum: 2880, default: 120 }),
  /** The platform's commission on a partner's bookings, in percent, unless the partner has their own rate. */
  COMMISSION_PERCENT: Type.Number({ minimum: 0, maximum: 100, default: 15 }),
  /** Unused credits of a paid plan renewed before they expire roll over up to this percent of the new plan's credits; 0 turns rollover off. */
  CREDIT_ROLLOVER_PERCENT: Type.Integer({ minimum: 0, maximum: 100, default: 100 }),
  /** Credits refunded after their original expiry stay usable for this many days. */
  CREDIT_REFUND_GRACE_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 7 }),
  /** The platform as the supplier on invoices for credit plans (partners supply the activities). */
  PLATFORM_LEGAL_NAME: Type.String({ minLength: 1, default: 'RRRAY Technologies Private Limited' }),
  PLATFORM_GSTIN: Type.String({ default: '' }),
  PLATFORM_STATE: Type.String({ minLength: 1, default: 'Karnataka' }),

  NOTIFY_PROVIDER: Type.Enum(['log', 'email'], { default: 'log' }),
  SENDGRID_API_KEY: Type.String({ default: '' }),
  SENDGRID_API_BASE: Type.String({ default: 'https://api.sendgrid.com' }),
  FROM_EMAIL: Type.String({ default: 'RRRAY <no-reply@rrray.com>' }),
  SMS_PROVIDER: Type.Enum(['log', 'msg91', 'twilio'], { default: 'log' }),
  MSG91_AUTH_KEY: Type.String({ default: '' }),
  MSG91_API_BASE: Type.String({ default: 'https://control.msg91.com' }),
  /** The SendOTP template id (DLT-registered text holding ##OTP##). */
  MSG91_OTP_TEMPLATE_ID: Type.String({ default: '' }),
  /** DLT template ids of the SMS alerts, `kind:id` comma-separated; kinds without one are not sent by SMS. */
  MSG91_TEMPLATE_IDS: Type.String({ default: '' }),
  TWILIO_ACCOUNT_SID: Type.String({ default: '' }),
  TWILIO_AUTH_TOKEN: Type.String({ default: '' }),
  /** A sender number (E.164) or a Messaging Service SID (MG…). */
  TWILIO_FROM: Type.String({ default: '' }),
  TWILIO_API_BASE: Type.String({ default: 'https://api.twilio.com' }),
  PUSH_PROVIDER: Type.Enum(['log', 'expo'], { default: 'log' }),
  EXPO_ACCESS_TOKEN: Type.String({ default: '' }),
  EXPO_API_BASE: Type.String({ default: 'https://exp.host' }),
  /** Users handed to notify per run of an admin broadcast's batch job. */
  BROADCAST_BATCH_SIZE: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),

  GOOGLE_CLIENT_ID: Type.String({ default: '' }),
  GOOGLE_CLIENT_SECRET: Type.String({ default: '' }),
  GOOGLE_JWKS_URL: Type.String({ default: 'https://www.googleapis.com/oauth2/v3/certs' }),
  GOOGLE_MAPS_API_KEY: Type.String({ default: '' }),
  GOOGLE_MAPS_API_BASE: Type.String({ default: 'https://maps.googleapis.com' }),

  CLOUDINARY_CLOUD_NAME: Type.String({ default: '' }),
  CLOUDINARY_API_KEY: Type.String({ default: '' }),
  CLOUDINARY_API_SECRET: Type.String({ default: '' }),
  CLOUDINARY_API_BASE: Type.String({ default: 'https://api.cloudinary.com' }),
  /** Local media storage (when Cloudinary is not configured): files go here and are served at /uploads. */
  UPLOADS_DIR: Type.String({ minLength: 1, default: './uploads' }),
  /** How stored local files are linked: /uploads (this API) or an absolute URL in front of it. */
  UPLOADS_BASE_URL: Type.String({ minLength: 1, default: '/uploads' }),

  EMERGENT_LLM_KEY: Type.String({ default: '' }),
  /** The AI advisor's LLM: any OpenAI-compatible chat-completions API; without a key (LLM_API_KEY or EMERGENT_LLM_KEY) it answers offline. */
  LLM_API_KEY: Type.String({ default: '' }),
  LLM_BASE_URL: Type.String({ minLength: 1, default: 'https://api.openai.com/v1' }),
  LLM_MODEL: Type.String({ minLength: 1, default: 'gpt-4o-mini' }),
  LLM_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 15_000 }),
  /** Questions a parent may ask the advisor per India day. */
  AI_ADVISOR_DAILY_QUESTIONS: Type.Integer({ minimum: 1, maximum: 10_000, default: 30 }),
  /** Earlier messages of a conversation given to the model with a new question. */
  AI_ADVISOR_HISTORY_MESSAGES: Type.Integer({ minimum: 0, maximum: 50, default: 8 }),
})
type Env = Static<typeof Env>

/** Every variable the app reads; .env.example documents each one (checked by a test). */
export const ENV_VARIABLES: readonly string[] = Object.keys(Env.properties)

export type Config = Readonly<{
  appEnv: Env['APP_ENV']
  host: string
  port: number
  baseUrl: string
  logLevel: Env['LOG_LEVEL']
  databaseUrl: string | undefined
  databasePoolMax: number
  dataDir: string
  redisUrl: string | undefined
  /** Read replicas for the public catalog, and how far behind one may be before it is skipped. */
  replicas: Readonly<{ urls: readonly string[]; maxLagSeconds: number }>
  /** After SIGTERM, readiness answers 503 this long before the server stops taking requests (a balancer's probe interval). */
  shutdownDrainSeconds: number
  /** How many API processes serve the port (WEB_CONCURRENCY, 0 resolved to the core count). */
  webConcurrency: number
  metricsToken: string
  loadShedding: Readonly<{ eventLoopDelayMs: number; retryAfterSeconds: number }>
  trustProxy: boolean
  bodyLimitBytes: number
  seedDemoData: boolean
  /** How long home feeds and category counts may be served from a process's cache; 0 turns it off. */
  homeFeedCacheSeconds: number
  jwt: Readonly<{ secret: string; algorithm: 'HS256'; expiryHours: number }>
  /** Key material for AES-256-GCM of data at rest; the cipher stretches it with HKDF. */
  dataEncryptionKey: string
  corsOrigins: readonly string[] | '*'
  adminEmails: readonly string[]
  otp: Readonly<{ length: number; ttlMinutes: number; maxAttempts: number; resendSeconds: number; sendsPerHour: number }>
  rateLimit: Readonly<{ perMinute: number; authPerMinute: number }>
  payments: Readonly<{ mode: Env['PAYMENTS_MODE']; keyId: string; keySecret: string; webhookSecret: string; previousWebhookSecret: string; apiBase: string }>
  /** Partner payouts: manual (mark paid with a UTR) or RazorpayX Payouts with these keys. */
  payouts: Readonly<{ mode: Env['PAYOUTS_MODE']; keyId: string; keySecret: string; accountNumber: string; webhookSecret: string; baseUrl: string }>
  /** Seat holds while a payment is pending, the per-user cap on them, and how often a booking may move. */
  bookings: Readonly<{ holdMinutes: number; maxPendingHolds: number; maxReschedules: number }>
  /** How long an offer of freed seats is held for a family on a session's waitlist. */
  waitlist: Readonly<{ offerMinutes: number }>
  /** Default platform commission in percent (a partner's commission_percent wins). */
  commissionPercent: number
  /** Rollover cap (percent of the new plan's credits) and the grace period for credits refunded after their expiry. */
  credits: Readonly<{ rolloverPercent: number; refundGraceDays: number }>
  /** The platform's own details as a supplier (credit plan invoices); no GSTIN → invoices carry no tax. */
  platform: Readonly<{ legalName: string; gstin: string | null; state: string }>
  notify: Readonly<{ provider: Env['NOTIFY_PROVIDER']; sendgridApiKey: string; sendgridApiBase: string; fromEmail: string }>
  sms: Readonly<{
    provider: Env['SMS_PROVIDER']
    msg91: Readonly<{ authKey: string; apiBase: string; otpTemplateId: string; templateIds: Readonly<Record<string, string>> }>
    twilio: Readonly<{ accountSid: string; authToken: string; from: string; apiBase: string }>
  }>
  push: Readonly<{ provider: Env['PUSH_PROVIDER']; accessToken: string; apiBase: string }>
  broadcastBatchSize: number
  google: Readonly<{ clientId: string; clientSecret: string; jwksUrl: string; mapsApiKey: string; mapsApiBase: string }>
  cloudinary: Readonly<{ cloudName: string; apiKey: string; apiSecret: string; apiBase: string }>
  uploads: Readonly<{ dir: string; baseUrl: string }>
  llmKey: string
  /** The advisor's chat model; apiKey is LLM_API_KEY, else EMERGENT_LLM_KEY, else empty (offline). */
  llm: Readonly<{ apiKey: string; baseUrl: string; model: string; timeoutMs: number }>
  aiAdvisor: Readonly<{ dailyQuestions: number; historyMessages: number }>
  version: string
}>

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`)
  }
}

const list = (raw: string): string[] => raw.split(',').map((s) => s.trim()).filter(Boolean)
/** `a:1,b:2` → {a: '1', b: '2'}. */
const pairs = (raw: string): Record<string, string> =>
  Object.fromEntries(list(raw).map((item) => item.split(':').map((s) => s.trim())).filter((kv): kv is [string, string] => kv.length === 2 && Boolean(kv[0]) && Boolean(kv[1])))

/** Parses the environment into a frozen Config, or throws a ConfigError naming every bad variable. */
export function loadConfig(source: Record<string, string | undefined>, version = '0.0.0'): Config {
  const known = Object.fromEntries(
    Object.keys(Env.properties)
      .filter((k) => source[k] !== undefined && source[k] !== '')
      .map((k) => [k, source[k]]),
  )
  const env = Value.Convert(Env, Value.Default(Env, known)) as Env
  // one line per variable: the first thing wrong with it
  const byName = new Map<string, string>()
  for (const e of Value.Errors(Env, env)) {
    const name = e.instancePath.replace(/^\//, '')
    if (!byName.has(name)) byName.set(name, `${name}: ${e.message} (got ${JSON.stringify((env as Record<string, unknown>)[name])})`)
  }
  const problems = [...byName.values()]
  if (problems.length === 0) problems.push(...crossProblems(env), ...providerProblems(env), ...productionProblems(env))
  if (problems.length > 0) throw new ConfigError(problems)

  return Object.freeze({
    appEnv: env.APP_ENV,
    host: env.HOST,
    port: env.PORT,
    baseUrl: env.BASE_URL,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL || undefined,
    databasePoolMax: env.DATABASE_POOL_MAX,
    dataDir: env.DATA_DIR,
    redisUrl: env.REDIS_URL || undefined,
    replicas: { urls: list(env.DATABASE_REPLICA_URLS), maxLagSeconds: env.REPLICA_MAX_LAG_SECONDS },
    shutdownDrainSeconds: env.SHUTDOWN_DRAIN_SECONDS,
    webConcurrency: env.WEB_CONCURRENCY === 0 ? availableParallelism() : env.WEB_CONCURRENCY,
    metricsToken: env.METRICS_TOKEN,
    loadShedding: { eventLoopDelayMs: env.LOAD_SHED_EVENT_LOOP_DELAY_MS, retryAfterSeconds: env.LOAD_SHED_RETRY_AFTER_SECONDS },
    trustProxy: env.TRUST_PROXY,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    seedDemoData: env.SEED_DEMO_DATA,
    homeFeedCacheSeconds: env.HOME_FEED_CACHE_SECONDS,
    jwt: { secret: env.JWT_SECRET, algorithm: env.JWT_ALGORITHM, expiryHours: env.JWT_EXPIRY_HOURS },
    dataEncryptionKey: env.DATA_ENCRYPTION_KEY || `derived-from-jwt-secret:${env.JWT_SECRET}`,
    corsOrigins: env.CORS_ORIGINS.trim() === '*' ? '*' : list(env.CORS_ORIGINS),
    adminEmails: list(env.ADMIN_EMAILS).map((e) => e.toLowerCase()),
    otp: {
      length: env.OTP_LENGTH,
      ttlMinutes: env.OTP_TTL_MINUTES,
      maxAttempts: env.OTP_MAX_ATTEMPTS,
      resendSeconds: env.OTP_RESEND_SECONDS,
      sendsPerHour: env.OTP_SENDS_PER_HOUR,
    },
    rateLimit: { perMinute: env.RATE_LIMIT_PER_MINUTE, authPerMinute: env.AUTH_RATE_LIMIT_PER_MINUTE },
    payments: {
      mode: env.PAYMENTS_MODE,
      keyId: env.RAZORPAY_KEY_ID,
      keySecret: env.RAZORPAY_KEY_SECRET,
      webhookSecret: env.RAZORPAY_WEBHOOK_SECRET,
      previousWebhookSecret: env.RAZORPAY_WEBHOOK_SECRET_PREVIOUS,
      apiBase: env.RAZORPAY_API_BASE,
    },
    payouts: {
      mode: env.PAYOUTS_MODE,
      keyId: env.RAZORPAYX_KEY_ID,
      keySecret: env.RAZORPAYX_KEY_SECRET,
      accountNumber: env.RAZORPAYX_ACCOUNT_NUMBER,
      webhookSecret: env.RAZORPAYX_WEBHOOK_SECRET,
      baseUrl: env.RAZORPAYX_BASE_URL,
    },
    bookings: { holdMinutes: env.BOOKING_HOLD_MINUTES, maxPendingHolds: env.MAX_PENDING_BOOKINGS, maxReschedules: env.MAX_RESCHEDULES },
    waitlist: { offerMinutes: env.WAITLIST_OFFER_MINUTES },
    commissionPercent: env.COMMISSION_PERCENT,
    credits: { rolloverPercent: env.CREDIT_ROLLOVER_PERCENT, refundGraceDays: env.CREDIT_REFUND_GRACE_DAYS },
    platform: { legalName: env.PLATFORM_LEGAL_NAME, gstin: env.PLATFORM_GSTIN.trim().toUpperCase() || null, state: env.PLATFORM_STATE },
    notify: {
      provider: env.NOTIFY_PROVIDER,
      sendgridApiKey: env.SENDGRID_API_KEY,
      sendgridApiBase: env.SENDGRID_API_BASE,
      fromEmail: env.FROM_EMAIL,
    },
    sms: {
      provider: env.SMS_PROVIDER,
      msg91: { authKey: env.MSG91_AUTH_KEY, apiBase: env.MSG91_API_BASE, otpTemplateId: env.MSG91_OTP_TEMPLATE_ID, templateIds: pairs(env.MSG91_TEMPLATE_IDS) },
      twilio: { accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, from: env.TWILIO_FROM, apiBase: env.TWILIO_API_BASE },
    },
    push: { provider: env.PUSH_PROVIDER, accessToken: env.EXPO_ACCESS_TOKEN, apiBase: env.EXPO_API_BASE },
    broadcastBatchSize: env.BROADCAST_BATCH_SIZE,
    google: {
      clientId: env.GOOGLE_CLIENT_ID,
      clientSecret: env.GOOGLE_CLIENT_SECRET,
      jwksUrl: env.GOOGLE_JWKS_URL,
      mapsApiKey: env.GOOGLE_MAPS_API_KEY,
      mapsApiBase: env.GOOGLE_MAPS_API_BASE,
    },
    cloudinary: {
      cloudName: env.CLOUDINARY_CLOUD_NAME,
      apiKey: env.CLOUDINARY_API_KEY,
      apiSecret: env.CLOUDINARY_API_SECRET,
      apiBase: env.CLOUDINARY_API_BASE,
    },
    uploads: { dir: env.UPLOADS_DIR, baseUrl: env.UPLOADS_BASE_URL.replace(/\/+$/, '') },
    llmKey: env.EMERGENT_LLM_KEY,
    llm: { apiKey: env.LLM_API_KEY || env.EMERGENT_LLM_KEY, baseUrl: env.LLM_BASE_URL, model: env.LLM_MODEL, timeoutMs: env.LLM_TIMEOUT_MS },
    aiAdvisor: { dailyQuestions: env.AI_ADVISOR_DAILY_QUESTIONS, historyMessages: env.AI_ADVISOR_HISTORY_MESSAGES },
    version,
  })
}

// Settings that only make sense together.
function crossProblems(env: Env): string[] {
  const problems: string[] = []
  const processes = env.WEB_CONCURRENCY === 0 ? availableParallelism() : env.WEB_CONCURRENCY
  if (processes > 1 && !env.DATABASE_URL)
    problems.push(`WEB_CONCURRENCY: ${processes} processes need PostgreSQL (set DATABASE_URL); the embedded PGlite serves one process`)
  if (env.DATABASE_REPLICA_URLS.trim() && !env.DATABASE_URL)
    problems.push('DATABASE_REPLICA_URLS: replicas need their primary in DATABASE_URL (PGlite has no replicas)')
  for (const url of list(env.DATABASE_REPLICA_URLS))
    if (!/^postgres(ql)?:\/\//.test(url)) problems.push(`DATABASE_REPLICA_URLS: not a postgres:// URL (got ${JSON.stringify(url.replace(/\/\/[^@/]*@/, '//…@'))})`)
  return problems
}

// A provider chosen without its credentials would fail on every message; say so at start-up instead.
function providerProblems(env: Env): string[] {
  const problems: string[] = []
  if (env.SMS_PROVIDER === 'msg91' && (!env.MSG91_AUTH_KEY || !env.MSG91_OTP_TEMPLATE_ID))
    problems.push('MSG91_AUTH_KEY/MSG91_OTP_TEMPLATE_ID: required when SMS_PROVIDER is msg91')
  if (env.SMS_PROVIDER === 'twilio' && (!env.TWILIO_ACCOUNT_SID || !env.TWILIO_AUTH_TOKEN || !env.TWILIO_FROM))
    problems.push('TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN/TWILIO_FROM: required when SMS_PROVIDER is twilio')
  return problems
}

// Production must not run on the development defaults that make the demo easy.
function productionProblems(env: Env): string[] {
  if (env.APP_ENV !== 'production') return []
  const problems: string[] = []
  if (env.JWT_SECRET === DEFAULT_JWT_SECRET || env.JWT_SECRET.length < 32)
    problems.push('JWT_SECRET: production needs a random secret of at least 32 characters')
  if (env.DATA_ENCRYPTION_KEY.length < 32)
    problems.push('DATA_ENCRYPTION_KEY: production needs its own random key of at least 32 characters (bank details are encrypted with it)')
  if (env.CORS_ORIGINS.trim() === '*') problems.push('CORS_ORIGINS: production needs an explicit list of origins, not *')
  if (env.PAYMENTS_MODE === 'mock') problems.push('PAYMENTS_MODE: production cannot use mock payments')
  if (env.PAYMENTS_MODE !== 'mock' && (!env.RAZORPAY_KEY_ID || !env.RAZORPAY_KEY_SECRET || !env.RAZORPAY_WEBHOOK_SECRET))
    problems.push('RAZORPAY_KEY_ID/RAZORPAY_KEY_SECRET/RAZORPAY_WEBHOOK_SECRET: required when PAYMENTS_MODE is test or live')
  if (env.PAYOUTS_MODE === 'razorpayx' && (!env.RAZORPAYX_KEY_ID || !env.RAZORPAYX_KEY_SECRET || !env.RAZORPAYX_ACCOUNT_NUMBER || !env.RAZORPAYX_WEBHOOK_SECRET))
    problems.push('RAZORPAYX_KEY_ID/RAZORPAYX_KEY_SECRET/RAZORPAYX_ACCOUNT_NUMBER/RAZORPAYX_WEBHOOK_SECRET: required when PAYOUTS_MODE is razorpayx')
  return problems
}
