// /api/reviews/{id}/photos: the author adds and removes photos while the review is editable (multipart, in its own scope).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses, IdParams } from '../../shared/schemas.js'
import { IMAGE_UPLOAD_RULES, readImageFiles } from '../listings/index.js'
import type { ReviewPhotosService } from './review-photos.service.js'
import { REVIEW_EDIT_DAYS, REVIEW_PHOTOS_MAX } from './review-rules.js'
import { ReviewPhotoParams, ReviewPhotosResponse } from './reviews.schemas.js'

const security = [{ bearer: [] }]
const tags = ['reviews']

export const reviewPhotoRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; photos: ReviewPhotosService }> = async (app, { guard, photos }) => {
  const customerOnly = guard.requireRole('customer')

  app.post(
    '/reviews/:id/photos',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'Add photos to your review',
        description:
          `${IMAGE_UPLOAD_RULES} At most ${REVIEW_PHOTOS_MAX} photos per review (409 TOO_MANY_PHOTOS), while the review is editable ` +
          `(${REVIEW_EDIT_DAYS} days; 409 REVIEW_EDIT_WINDOW_CLOSED). Answers all its photos in order.`,
        consumes: ['multipart/form-data'],
        security,
        params: IdParams,
        response: { 201: ReviewPhotosResponse, ...errorResponses(401, 403, 404, 409, 413, 422, 503) },
      },
    },
    async (request, reply) => reply.code(201).send(await photos.addReviewPhotos(actorOf(request).id, request.params.id, await readImageFiles(request))),
  )

  app.delete(
    '/reviews/:id/photos/:photo_id',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'Remove a photo from your review',
        description: `While the review is editable (409 REVIEW_EDIT_WINDOW_CLOSED).`,
        security,
        params: ReviewPhotoParams,
        response: { 204: Type.Null({ description: 'Removed' }), ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      await photos.deleteReviewPhoto(actorOf(request).id, request.params.id, request.params.photo_id)
      return reply.code(204).send(null)
    },
  )
}
