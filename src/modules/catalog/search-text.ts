// What fuzzy text search matches a listing against; stored on the listing so one trigram index serves every query.
export interface SearchTextParts {
  title: string
  description?: string | null | undefined
  partnerName?: string | null | undefined
  categoryName?: string | null | undefined
  tags?: readonly string[] | null | undefined
}

/** Lower-cased, whitespace-folded text; callers recompute it whenever a part changes (listing, partner or category). */
export function composeSearchText(parts: SearchTextParts): string {
  return [parts.title, parts.partnerName, parts.categoryName, ...(parts.tags ?? []), parts.description]
    .filter((p): p is string => Boolean(p))
    .join(' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}
