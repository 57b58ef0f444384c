// The settings module as app.ts wires it: the admins' config routes (others read settings through readSetting).
import type { AppModule } from '../../platform/app-module.js'
import type { AuthGuard } from '../../shared/auth.js'
import { settingsRoutes } from './settings.routes.js'
import type { SettingsService } from './settings.service.js'

export function settingsModule({ guard, settings }: { guard: AuthGuard; settings: SettingsService }): AppModule {
  return {
    name: 'settings',
    routes: async (app) => {
      await app.register(settingsRoutes, { guard, settings })
    },
  }
}
