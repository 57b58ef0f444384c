// Public face of the settings module (owner of the config table): the typed reader other modules call inside their use
// case, each key's schema and default, the seed's defaults, and the admins' service and routes.
export { defaultCommissionPercent, readSetting, settingValueSql } from './settings-reader.js'
export { storedSettingValue } from './setting-keys.js'
export {
  DEFAULT_CANCELLATION_POLICY, DEFAULT_GST_RATE_PERCENT, FIXED_SETTING_DEFAULTS, SETTING_KEYS,
  type CancellationPolicy, type EnvSettingDefaults, type SettingKey, type SettingValue,
} from './setting-keys.js'
export { createSettingsService, type SettingsService } from './settings.service.js'
export { settingsModule } from './settings.module.js'
export { seedSettingDefaults } from './seed-settings.js'
