// Public face of the reviews module: app.ts wires the services and routes from here.
export { createReviewsService, refreshRatings, type ReviewsService } from './reviews.service.js'
export { createReviewPhotosService, type ReviewPhotosService } from './review-photos.service.js'
export { reviewsModule } from './reviews.module.js'
