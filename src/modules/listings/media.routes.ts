// Image uploads (multipart) and their management: listing galleries, venue photos, the partner logo.
// Registered in a scope of its own with @fastify/multipart, so no other route accepts multipart bodies.
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyMultipartBaseOptions } from '@fastify/multipart'
import Type from 'typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses, IdParams } from '../../shared/schemas.js'
import { FileRequiredError } from './listings.errors.js'
import { LogoResponse, MediaListResponse, MediaParams, ReorderMediaBody } from './listings.schemas.js'
import { MAX_IMAGE_BYTES, MAX_IMAGES, type MediaService } from './media.service.js'
import type { UploadedFile } from './image-store.js'

const security = [{ bearer: [] }]

/** The multipart limits of the upload scope: one place, read by listings.module.ts when it registers the plugin. */
export const IMAGE_UPLOAD_LIMITS: FastifyMultipartBaseOptions = {
  limits: { fileSize: MAX_IMAGE_BYTES, files: MAX_IMAGES, fields: 10, parts: MAX_IMAGES + 10, fieldSize: 1024 },
  // an oversize file is an error (413), never a silently truncated image
  throwFileSizeLimit: true,
}

export const UPLOAD_RULES =
  `multipart/form-data with one or more file parts (any field name). JPEG, PNG or WebP, judged by the bytes, not the name or ` +
  `Content-Type (422 UNSUPPORTED_IMAGE_TYPE); each at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB (413 FILE_TOO_LARGE). ` +
  'Files are stored under a server-made name; the client’s file name is never used. 503 MEDIA_STORAGE_UNAVAILABLE if the storage fails.'

class FileTooLargeError extends Error {
  readonly statusCode = 413
  readonly code = 'FILE_TOO_LARGE'
  constructor() {
    super(`Each image may be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB`)
  }
}

/** Reads every file part into memory (each bounded by the size limit); fields are ignored. */
export async function readFiles(request: FastifyRequest): Promise<UploadedFile[]> {
  if (!request.isMultipart()) throw new FileRequiredError()
  const files: UploadedFile[] = []
  try {
    for await (const part of request.parts()) if (part.type === 'file') files.push({ bytes: await part.toBuffer() })
  } catch (err) {
    if ((err as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') throw new FileTooLargeError()
    throw err
  }
  return files
}

export interface MediaRoutesOptions {
  guard: AuthGuard
  media: MediaService
}

export const mediaRoutes: FastifyPluginAsyncTypebox<MediaRoutesOptions> = async (app, { guard, media }) => {
  const partnerOnly = guard.requireRole('partner')
  const uploadErrors = errorResponses(401, 403, 404, 409, 413, 422, 503)

  app.post(
    '/partners/listings/:id/media',
    {
      onRequest: partnerOnly,
      schema: {
        tags: ['partner listings'],
        summary: 'Add images to a listing',
        description: `${UPLOAD_RULES} At most ${MAX_IMAGES} images per listing (409 TOO_MANY_IMAGES). Answers the whole gallery in order.`,
        consumes: ['multipart/form-data'],
        security,
        params: IdParams,
        response: { 201: MediaListResponse, ...uploadErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await media.uploadListingImages(actorOf(request).id, request.params.id, await readFiles(request))),
  )

  app.delete(
    '/partners/listings/:id/media/:media_id',
    {
      onRequest: partnerOnly,
      schema: {
        tags: ['partner listings'],
        summary: 'Remove an image from a listing',
        security,
        params: MediaParams,
        response: { 204: Type.Null({ description: 'Removed' }), ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      await media.deleteListingImage(actorOf(request).id, request.params.id, request.params.media_id)
      return reply.code(204).send(null)
    },
  )

  app.put(
    '/partners/listings/:id/media/order',
    {
      onRequest: partnerOnly,
      schema: {
        tags: ['partner listings'],
        summary: 'Reorder a listing’s images',
        description: 'media_ids lists every image of the listing once, in the new order; the first is the cover (422 INVALID_MEDIA_ORDER otherwise).',
        security,
        params: IdParams,
        body: ReorderMediaBody,
        response: { 200: MediaListResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => media.reorderListingImages(actorOf(request).id, request.params.id, request.body.media_ids),
  )

  app.post(
    '/partners/my/logo',
    {
      onRequest: partnerOnly,
      schema: {
        tags: ['partners'],
        summary: 'Upload or replace my business logo',
        description: `${UPLOAD_RULES} One file; it becomes logo_url of the partner profile.`,
        consumes: ['multipart/form-data'],
        security,
        response: { 200: LogoResponse, ...errorResponses(401, 403, 404, 413, 422, 503) },
      },
    },
    async (request) => {
      const files = await readFiles(request)
      if (files.length > 1) throw new FileRequiredError()
      return media.uploadPartnerLogo(actorOf(request).id, files[0])
    },
  )

  app.post(
    '/partners/venues/:id/photos',
    {
      onRequest: partnerOnly,
      schema: {
        tags: ['venues'],
        summary: 'Add photos to one of my venues',
        description: `${UPLOAD_RULES} At most ${MAX_IMAGES} photos per venue (409 TOO_MANY_IMAGES).`,
        consumes: ['multipart/form-data'],
        security,
        params: IdParams,
        response: { 201: MediaListResponse, ...uploadErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await media.uploadVenuePhotos(actorOf(request).id, request.params.id, await readFiles(request))),
  )

  app.get(
    '/partners/venues/:id/photos',
    {
      onRequest: partnerOnly,
      schema: { tags: ['venues'], summary: 'Photos of one of my venues', security, params: IdParams, response: { 200: MediaListResponse, ...errorResponses(401, 403, 404, 422) } },
    },
    async (request) => media.listVenuePhotos(actorOf(request).id, request.params.id),
  )

  app.delete(
    '/partners/venues/:id/photos/:media_id',
    {
      onRequest: partnerOnly,
      schema: {
        tags: ['venues'],
        summary: 'Remove a photo from one of my venues',
        security,
        params: MediaParams,
        response: { 204: Type.Null({ description: 'Removed' }), ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      await media.deleteVenuePhoto(actorOf(request).id, request.params.id, request.params.media_id)
      return reply.code(204).send(null)
    },
  )
}
