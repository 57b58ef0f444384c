// Public face of the reviews module: app.ts wires the service and routes from here.
export { createReviewsService, type ReviewsService } from './reviews.service.js'
export { reviewsModule } from './reviews.module.js'
