// Public face of the catalog module: other modules and app.ts import only from here.
export { composeSearchText, type SearchTextParts } from './search-text.js'
