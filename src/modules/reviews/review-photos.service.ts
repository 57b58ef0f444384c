// A review's photos: uploaded by its author while the review is editable, through the listings module's image store
// (the same checks, storage and clean-up as listing images), at most REVIEW_PHOTOS_MAX per review.
import type { Db, Executor } from '../../db/database.js'
import type { MediaStorage } from '../../integrations/media-storage/index.js'
import type { Clock } from '../../shared/clock.js'
import type { IdGenerator } from '../../shared/ids.js'
import { createImageStore, type ImageStoreLogger, type UploadedFile } from '../listings/index.js'
import { isEditable, REVIEW_PHOTOS_MAX } from './review-rules.js'
import { ReviewEditWindowClosedError, ReviewNotFoundError, ReviewPhotoNotFoundError, TooManyReviewPhotosError } from './reviews.errors.js'
import { reviewsRepository, type ReviewRow } from './reviews.repository.js'
import type { ReviewPhotosResponse } from './reviews.schemas.js'

export interface ReviewPhotosDeps {
  db: Db
  clock: Clock
  ids: IdGenerator
  storage: MediaStorage
  logger: ImageStoreLogger
}

export function createReviewPhotosService(deps: ReviewPhotosDeps) {
  const { db, clock } = deps
  const images = createImageStore(deps)

  /** The author's review, still editable; locked when `lock` (serialising the photo count against concurrent uploads). */
  async function editableReview(executor: Executor, userId: string, reviewId: string, lock?: 'update'): Promise<ReviewRow> {
    const review = await reviewsRepository(executor).findById(reviewId, lock)
    if (!review || review.user_id !== userId) throw new ReviewNotFoundError()
    if (!isEditable(review.created_at, clock.now())) throw new ReviewEditWindowClosedError()
    return review
  }

  const listPhotos = async (executor: Executor, reviewId: string): Promise<ReviewPhotosResponse> => ({
    items: (await reviewsRepository(executor).photosOf([reviewId])).map((p) => ({ id: p.id, url: p.url })),
  })

  return {
    async addReviewPhotos(userId: string, reviewId: string, files: readonly UploadedFile[]): Promise<ReviewPhotosResponse> {
      const checked = images.checkImages(files)
      await editableReview(db, userId, reviewId)
      const existing = (await reviewsRepository(db).photosOf([reviewId])).length
      if (existing + checked.length > REVIEW_PHOTOS_MAX) throw new TooManyReviewPhotosError(existing)
      return images.storeThenRecord(checked, 'reviews', (stored) =>
        db.transaction(async (tx) => {
          await editableReview(tx, userId, reviewId, 'update')
          const repo = reviewsRepository(tx)
          const count = (await repo.photosOf([reviewId])).length
          if (count + stored.length > REVIEW_PHOTOS_MAX) throw new TooManyReviewPhotosError(count)
          const now = clock.now()
          await repo.insertPhotos(
            stored.map((s, i) => ({
              id: s.id, review_id: reviewId, url: s.url, storage: s.storage, storage_key: s.key, content_type: s.image.contentType,
              bytes: s.image.bytes.length, position: count + i, created_at: now,
            })),
          )
          return listPhotos(tx, reviewId)
        }),
      )
    },

    async deleteReviewPhoto(userId: string, reviewId: string, photoId: string): Promise<void> {
      const removed = await db.transaction(async (tx) => {
        await editableReview(tx, userId, reviewId, 'update')
        const row = await reviewsRepository(tx).deletePhoto(reviewId, photoId)
        if (!row) throw new ReviewPhotoNotFoundError()
        return row
      })
      await images.removeStored([removed.storage_key])
    },
  }
}

export type ReviewPhotosService = ReturnType<typeof createReviewPhotosService>
