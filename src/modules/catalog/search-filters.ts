// Rules between search parameters that a JSON schema cannot state one field at a time.
import type { SearchListingsQuery } from './catalog.schemas.js'

/** The first rule the filters break, as a sentence for the client, or undefined when they are consistent. */
export function findSearchFilterProblem(f: SearchListingsQuery): string | undefined {
  const geo = [f.lat, f.lng, f.radius_km].filter((v) => v !== undefined).length
  if (geo !== 0 && geo !== 3) return 'lat, lng and radius_km must be given together'
  if (f.sort === 'distance' && geo !== 3) return 'sort=distance needs lat, lng and radius_km'
  if (f.min_price !== undefined && f.max_price !== undefined && f.min_price > f.max_price) return 'min_price must not exceed max_price'
  if (f.date_from !== undefined && f.date_to !== undefined && f.date_from > f.date_to) return 'date_from must not be after date_to'
  if (f.q !== undefined && f.q.trim() === '') return 'q must contain a non-blank character'
  return undefined
}
