// Rows to answers: a page of listings with their categories and images in three queries, whatever the page size.
import type { Executor } from '../../db/database.js'
import { readAll } from '../../db/query.js'
import { listingsRepository, type ListingRow, type MediaRow } from './listings.repository.js'
import type { AdminListingResponse, ListingResponse, MediaResponse } from './listings.schemas.js'

export function toMediaResponse(row: MediaRow): MediaResponse {
  return { id: row.id, url: row.url, content_type: row.content_type, bytes: row.bytes, position: row.position, created_at: row.created_at.toISOString() }
}

function toListingResponse(row: ListingRow, category: ListingResponse['category'], images: MediaRow[]): ListingResponse {
  const { search_text: _search, rating_avg: _avg, rating_count: _count, category_id: _category, published_at, created_at, updated_at, ...rest } = row
  return {
    ...rest,
    category,
    media: images.map(toMediaResponse),
    published_at: published_at ? published_at.toISOString() : null,
    created_at: created_at.toISOString(),
    updated_at: updated_at.toISOString(),
  }
}

export async function listingResponses(executor: Executor, rows: readonly ListingRow[]): Promise<ListingResponse[]> {
  const repo = listingsRepository(executor)
  const [categoryRows, mediaRows] = await readAll(
    executor,
    () => repo.categoriesByIds([...new Set(rows.map((r) => r.category_id))]),
    () => repo.imagesOfListings(rows.map((r) => r.id)),
  )
  const categoryById = new Map(categoryRows.map((c) => [c.id, { id: c.id, slug: c.slug, name: c.name }]))
  return rows.map((row) =>
    toListingResponse(
      row,
      categoryById.get(row.category_id) ?? { id: row.category_id, slug: '', name: '' },
      mediaRows.filter((m) => m.listing_id === row.id),
    ),
  )
}

export async function listingResponse(executor: Executor, row: ListingRow): Promise<ListingResponse> {
  const [response] = await listingResponses(executor, [row])
  return response!
}

export async function adminListingResponses(executor: Executor, rows: readonly ListingRow[]): Promise<AdminListingResponse[]> {
  const [responses, partnerRows] = await readAll(
    executor,
    () => listingResponses(executor, rows),
    () => listingsRepository(executor).partnerNamesByIds([...new Set(rows.map((r) => r.partner_id))]),
  )
  const partnerById = new Map(partnerRows.map((p) => [p.id, p]))
  return responses.map((r) => ({ ...r, partner: partnerById.get(r.partner_id) ?? { id: r.partner_id, business_name: '' } }))
}
