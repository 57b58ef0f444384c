// The reviews module as app.ts wires it: parents' reviews, partners' replies, admins' moderation, public reads.
import type { AppModule } from '../../platform/app-module.js'
import type { AuthGuard } from '../../shared/auth.js'
import { reviewRoutes } from './reviews.routes.js'
import type { ReviewsService } from './reviews.service.js'

export function reviewsModule({ guard, reviews }: { guard: AuthGuard; reviews: ReviewsService }): AppModule {
  return {
    name: 'reviews',
    routes: async (app) => {
      await app.register(reviewRoutes, { guard, reviews })
    },
  }
}
