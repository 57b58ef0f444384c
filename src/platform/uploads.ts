// Locally stored images under /uploads/: files only (no index, no listing, no dotfiles), from the uploads directory alone.
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'
import type { Config } from '../config.js'

export async function registerUploads(app: FastifyInstance, config: Config): Promise<void> {
  // made if missing, so a fresh checkout serves 404s rather than warning that the root does not exist
  mkdirSync(resolve(config.uploads.dir), { recursive: true })
  await app.register(fastifyStatic, { root: resolve(config.uploads.dir), prefix: '/uploads/', index: false, list: false, dotfiles: 'deny', decorateReply: false })
}
