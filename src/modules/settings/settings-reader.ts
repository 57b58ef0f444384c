// The typed read other modules use (through index.ts): the stored value of a setting, on the caller's executor, so a use
// case reads it at its start, inside its transaction. No process cache: an admin's change applies to the next use case.
import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { storedSettingValue, type SettingKey, type SettingValue } from './setting-keys.js'
import { settingsRepository } from './settings.repository.js'

/** The setting's stored value, or undefined when none is stored (or it is not valid): the caller's default applies. */
export async function readSetting<K extends SettingKey>(executor: Executor, key: K): Promise<SettingValue<K> | undefined> {
  return storedSettingValue(key, (await settingsRepository(executor).find(key))?.value)
}

/** The platform's commission in percent: the admin's stored value, else `fallback` (the env default). */
export async function defaultCommissionPercent(executor: Executor, fallback: number): Promise<number> {
  return (await readSetting(executor, 'default_commission_percent')) ?? fallback
}

/** A setting's stored value as a scalar subquery, for a use case that reads it inside a statement of its own; pass what it
 * returns through `storedSettingValue` as readSetting does. */
export function settingValueSql(key: SettingKey): SQL {
  return sql`(select value from config where key = ${key})`
}
