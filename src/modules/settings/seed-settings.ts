// The production seed's part of the settings: the fixed defaults stored where no value is, never over an admin's change.
// Keys whose default is an environment variable (COMMISSION_PERCENT, BOOKING_HOLD_MINUTES) stay unset, so the variable applies.
import type { Executor } from '../../db/database.js'
import { FIXED_SETTING_DEFAULTS } from './setting-keys.js'
import { settingsRepository } from './settings.repository.js'

export function seedSettingDefaults(tx: Executor): Promise<number> {
  return settingsRepository(tx).insertMissing(FIXED_SETTING_DEFAULTS)
}
