// The catalog module as app.ts wires it: categories, search, listing details and the home feeds.
import type { AppModule } from '../../platform/app-module.js'
import { catalogRoutes, type CatalogRoutesOptions } from './catalog.routes.js'

export function catalogModule(deps: CatalogRoutesOptions): AppModule {
  return { name: 'catalog', routes: async (app) => app.register(catalogRoutes, deps) }
}
