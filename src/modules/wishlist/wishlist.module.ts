// The wishlist module as app.ts wires it.
import type { AppModule } from '../../platform/app-module.js'
import type { AuthGuard } from '../../shared/auth.js'
import { wishlistRoutes } from './wishlist.routes.js'
import type { WishlistService } from './wishlist.service.js'

export function wishlistModule({ guard, wishlist }: { guard: AuthGuard; wishlist: WishlistService }): AppModule {
  return { name: 'wishlist', routes: async (app) => app.register(wishlistRoutes, { guard, wishlist }) }
}
