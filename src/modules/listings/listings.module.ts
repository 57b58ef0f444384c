// The listings module as app.ts wires it: partners' listings, the admins' moderation and categories, and image uploads.
import multipart from '@fastify/multipart'
import type { AppModule } from '../../platform/app-module.js'
import type { AuthGuard } from '../../shared/auth.js'
import { adminCategoryRoutes } from './categories-admin.routes.js'
import type { CategoriesService } from './categories.service.js'
import type { ListingModerationService } from './listing-moderation.service.js'
import { adminListingRoutes } from './listings-admin.routes.js'
import { listingRoutes } from './listings.routes.js'
import type { ListingsService } from './listings.service.js'
import { IMAGE_UPLOAD_LIMITS, mediaRoutes } from './media.routes.js'
import type { MediaService } from './media.service.js'

export function listingsModule({ guard, listings, moderation, media, categories }: {
  guard: AuthGuard
  listings: ListingsService
  moderation: ListingModerationService
  media: MediaService
  categories: CategoriesService
}): AppModule {
  return {
    name: 'listings',
    routes: async (app) => {
      await app.register(listingRoutes, { guard, listings })
      await app.register(adminListingRoutes, { guard, moderation })
      await app.register(adminCategoryRoutes, { guard, categories })
      // multipart only in the upload routes' own scope: every other route keeps the JSON body limit and refuses multipart
      await app.register(async (uploads) => {
        await uploads.register(multipart, IMAGE_UPLOAD_LIMITS)
        await uploads.register(mediaRoutes, { guard, media })
      })
    },
  }
}
