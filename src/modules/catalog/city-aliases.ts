// Indian cities go by more than one name (renamed cities, colonial spellings); a search for either finds both.
// The first name of a group is its key (cityKey); SQL's city_key_of (migration 0032) maps the same names to the same keys.
export const ALIAS_GROUPS: readonly (readonly string[])[] = [
  ['gurgaon', 'gurugram'],
  ['bengaluru', 'bangalore'],
  ['mumbai', 'bombay'],
  ['chennai', 'madras'],
  ['kolkata', 'calcutta'],
  ['pune', 'poona'],
  ['mysuru', 'mysore'],
  ['mangaluru', 'mangalore'],
  ['kochi', 'cochin'],
  ['thiruvananthapuram', 'trivandrum'],
  ['kozhikode', 'calicut'],
  ['vadodara', 'baroda'],
  ['puducherry', 'pondicherry'],
  ['prayagraj', 'allahabad'],
  ['varanasi', 'banaras', 'benares'],
  ['belagavi', 'belgaum'],
  ['hubballi', 'hubli'],
  ['delhi', 'new delhi'],
]

const GROUP_OF = new Map<string, readonly string[]>(ALIAS_GROUPS.flatMap((group) => group.map((name) => [name, group] as const)))

/** Lower-cased, trimmed, single-spaced: the form city names are compared in. */
export function normalizeCityName(city: string): string {
  return city.trim().toLowerCase().replace(/\s+/g, ' ')
}

/** Every name the city goes by, normalised, the given name first; an unknown city is only itself. */
export function cityNameVariants(city: string): string[] {
  const name = normalizeCityName(city)
  const group = GROUP_OF.get(name)
  return group ? [name, ...group.filter((alias) => alias !== name)] : [name]
}

/**
 * The one key a city is searched by: the first name of its alias group, or the normalised name itself. A card's
 * city_key is city_key_of(city) in SQL (the same map on lower(city)), so a city with aliases is one index key.
 */
export function cityKey(city: string): string {
  const name = normalizeCityName(city)
  return GROUP_OF.get(name)?.[0] ?? name
}
