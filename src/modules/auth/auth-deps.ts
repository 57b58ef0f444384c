// What the auth use cases are built from; app.ts provides it once.
import type { Config } from '../../config.js'
import type { Db } from '../../db/database.js'
import type { GoogleIdTokenVerifier } from '../../integrations/google/index.js'
import type { OtpSender } from '../../integrations/notify/index.js'
import type { TokenService } from '../../shared/auth.js'
import type { Clock } from '../../shared/clock.js'
import type { IdGenerator } from '../../shared/ids.js'

export interface AuthDeps {
  readonly db: Db
  readonly config: Config
  readonly clock: Clock
  readonly ids: IdGenerator
  readonly tokens: TokenService
  readonly otpSender: OtpSender
  readonly google: GoogleIdTokenVerifier
}
