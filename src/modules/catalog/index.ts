// Public face of the catalog module: other modules and app.ts import only from here.
export { composeSearchText, type SearchTextParts } from './search-text.js'
export { createCatalogService, type CatalogService } from './catalog.service.js'
export { createCatalogRepository, type CatalogRepository, type SearchResult } from './catalog.repository.js'
export { cityNameVariants, normalizeCityName } from './city-aliases.js'
export { ListingNotFoundError } from './catalog.errors.js'
export { findListingCards, type KeptListingCard } from './listing-cards.js'
// listing response schemas, for the partners' CRUD to answer in the same shape
export {
  CategorySummary, ListingCard, ListingDetailResponse, PartnerSummary, PlanOptionResponse, Rating, SearchListingsQuery,
  SearchListingsResponse, SessionResponse,
} from './catalog.schemas.js'
export { catalogModule } from './catalog.module.js'
