// The admins' settings: every key with its value, default and schema; a change is validated against the key's schema and
// audited (before/after) in the same transaction.
import { isDeepStrictEqual } from 'node:util'
import type { Db } from '../../db/database.js'
import type { Clock } from '../../shared/clock.js'
import { pageOffset, type PageOf } from '../../shared/schemas.js'
import { recordAudit, type AuditActor } from '../audit/index.js'
import {
  FIXED_SETTING_DEFAULTS, isSettingKey, SETTING_KEYS, SETTINGS, settingValueProblem, storedSettingValue,
  type EnvSettingDefaults, type SettingKey, type SettingValues,
} from './setting-keys.js'
import { InvalidSettingValueError, SettingNotFoundError } from './settings.errors.js'
import { settingsRepository, type SettingRow } from './settings.repository.js'
import type { ListSettingsQuery, SettingResponse } from './settings.schemas.js'

export interface SettingsDeps {
  db: Db
  clock: Clock
  /** COMMISSION_PERCENT and BOOKING_HOLD_MINUTES: what applies while the table holds no value for those keys. */
  envDefaults: EnvSettingDefaults
}

export function createSettingsService(deps: SettingsDeps) {
  const { db, clock } = deps
  const defaults: SettingValues = { ...FIXED_SETTING_DEFAULTS, ...deps.envDefaults }

  function toSettingResponse(key: SettingKey, row: SettingRow | undefined): SettingResponse {
    const stored = storedSettingValue(key, row?.value)
    return {
      key,
      description: SETTINGS[key].description,
      value: stored ?? defaults[key],
      default: defaults[key],
      is_set: stored !== undefined,
      schema: SETTINGS[key].schema as unknown as Record<string, unknown>,
      updated_at: row ? row.updated_at.toISOString() : null,
    }
  }

  return {
    async listSettings(query: ListSettingsQuery): Promise<PageOf<SettingResponse>> {
      const { limit, offset } = pageOffset(query)
      const keys = SETTING_KEYS.slice(offset, offset + limit)
      const rows = new Map((await settingsRepository(db).findMany(keys)).map((row) => [row.key, row]))
      return { items: keys.map((key) => toSettingResponse(key, rows.get(key))), total: SETTING_KEYS.length, page: query.page, page_size: query.page_size }
    },

    /** Stores a key's value (404 for a key that is not a setting, 422 for a value its schema refuses: nothing changes). */
    async updateSetting(admin: AuditActor, key: string, value: unknown): Promise<SettingResponse> {
      if (!isSettingKey(key)) throw new SettingNotFoundError()
      const problem = settingValueProblem(key, value)
      if (problem !== undefined) throw new InvalidSettingValueError(key, problem)
      return db.transaction(async (tx) => {
        const repo = settingsRepository(tx)
        const current = await repo.find(key, 'update')
        // the same value again changes nothing, so nothing is audited
        if (current && isDeepStrictEqual(current.value, value)) return toSettingResponse(key, current)
        const before = storedSettingValue(key, current?.value)
        const now = clock.now()
        const updated = await repo.upsert(key, value, now)
        await recordAudit(tx, {
          actor_id: admin.id,
          ip: admin.ip,
          action: 'config.update',
          target_type: 'config',
          target_id: key,
          before: { value: before ?? defaults[key], is_set: before !== undefined },
          after: { value, is_set: true },
          created_at: now,
        })
        return toSettingResponse(key, updated)
      })
    },
  }
}

export type SettingsService = ReturnType<typeof createSettingsService>
