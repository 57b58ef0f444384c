// The reviews module as app.ts wires it: parents' reviews and their photos, partners' replies, admins' moderation, public reads.
import multipart from '@fastify/multipart'
import type { AppModule } from '../../platform/app-module.js'
import type { AuthGuard } from '../../shared/auth.js'
import { IMAGE_UPLOAD_LIMITS } from '../listings/index.js'
import { reviewPhotoRoutes } from './review-photos.routes.js'
import type { ReviewPhotosService } from './review-photos.service.js'
import { reviewRoutes } from './reviews.routes.js'
import type { ReviewsService } from './reviews.service.js'

export function reviewsModule({ guard, reviews, photos }: { guard: AuthGuard; reviews: ReviewsService; photos: ReviewPhotosService }): AppModule {
  return {
    name: 'reviews',
    routes: async (app) => {
      await app.register(reviewRoutes, { guard, reviews })
      // multipart only in the photo routes' own scope, as for listing images
      await app.register(async (uploads) => {
        await uploads.register(multipart, IMAGE_UPLOAD_LIMITS)
        await uploads.register(reviewPhotoRoutes, { guard, photos })
      })
    },
  }
}
