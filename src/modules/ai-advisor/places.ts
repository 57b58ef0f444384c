// Where parents say they are: Indian cities (aliases through the catalog's city-aliases) and well-known neighbourhoods
// with their coordinates, so "near Indiranagar" becomes Bengaluru and a distance from a point.

/** Canonical spellings; each is searched through the catalog, which matches its other names (Gurgaon/Gurugram…). */
export const CITIES: readonly string[] = [
  'Gurgaon', 'Delhi', 'Bengaluru', 'Mumbai', 'Chennai', 'Kolkata', 'Pune', 'Hyderabad', 'Ahmedabad', 'Jaipur', 'Noida', 'Lucknow',
  'Chandigarh', 'Kochi', 'Mysuru', 'Mangaluru', 'Thiruvananthapuram', 'Kozhikode', 'Vadodara', 'Puducherry', 'Prayagraj', 'Varanasi',
  'Belagavi', 'Hubballi', 'Indore', 'Bhopal', 'Surat', 'Nagpur', 'Coimbatore', 'Goa', 'Faridabad', 'Ghaziabad',
]

export interface Area {
  readonly name: string
  readonly city: string
  readonly lat: number
  readonly lng: number
  /** Other ways parents write it. */
  readonly aliases?: readonly string[]
}

export const AREAS: readonly Area[] = [
  // Bengaluru
  { name: 'Indiranagar', city: 'Bengaluru', lat: 12.9784, lng: 77.6408, aliases: ['indira nagar', 'indra nagar', 'indranagar'] },
  { name: 'Koramangala', city: 'Bengaluru', lat: 12.9352, lng: 77.6245, aliases: ['kormangala'] },
  { name: 'HSR Layout', city: 'Bengaluru', lat: 12.9121, lng: 77.6446, aliases: ['hsr'] },
  { name: 'Jayanagar', city: 'Bengaluru', lat: 12.9299, lng: 77.5826, aliases: ['jaya nagar'] },
  { name: 'Whitefield', city: 'Bengaluru', lat: 12.9698, lng: 77.75 },
  { name: 'JP Nagar', city: 'Bengaluru', lat: 12.9063, lng: 77.5857 },
  { name: 'Malleshwaram', city: 'Bengaluru', lat: 13.0031, lng: 77.5643 },
  { name: 'Hebbal', city: 'Bengaluru', lat: 13.0358, lng: 77.597 },
  { name: 'Electronic City', city: 'Bengaluru', lat: 12.8452, lng: 77.6602 },
  { name: 'BTM Layout', city: 'Bengaluru', lat: 12.9166, lng: 77.6101, aliases: ['btm'] },
  { name: 'Marathahalli', city: 'Bengaluru', lat: 12.9591, lng: 77.6974 },
  // Gurgaon
  { name: 'DLF Phase 1', city: 'Gurgaon', lat: 28.4722, lng: 77.0936, aliases: ['dlf 1', 'dlf phase one'] },
  { name: 'Sector 56', city: 'Gurgaon', lat: 28.4236, lng: 77.1006 },
  { name: 'Sushant Lok', city: 'Gurgaon', lat: 28.4636, lng: 77.0759, aliases: ['sushant lok 1'] },
  { name: 'South City', city: 'Gurgaon', lat: 28.4303, lng: 77.0564, aliases: ['south city 2'] },
  { name: 'Sector 49', city: 'Gurgaon', lat: 28.4108, lng: 77.0531 },
  { name: 'Golf Course Road', city: 'Gurgaon', lat: 28.4506, lng: 77.0972 },
  { name: 'Sohna Road', city: 'Gurgaon', lat: 28.4173, lng: 77.0469 },
  { name: 'DLF Phase 4', city: 'Gurgaon', lat: 28.4646, lng: 77.0856, aliases: ['dlf 4'] },
  { name: 'Cyber City', city: 'Gurgaon', lat: 28.495, lng: 77.0895 },
  // Delhi
  { name: 'Greater Kailash', city: 'Delhi', lat: 28.5484, lng: 77.2373, aliases: ['gk', 'gk-i', 'gk 1', 'greater kailash i', 'gk-1'] },
  { name: 'Vasant Kunj', city: 'Delhi', lat: 28.5206, lng: 77.1572 },
  { name: 'Dwarka', city: 'Delhi', lat: 28.5815, lng: 77.0575 },
  { name: 'Punjabi Bagh', city: 'Delhi', lat: 28.6683, lng: 77.1307 },
  { name: 'Hauz Khas', city: 'Delhi', lat: 28.5535, lng: 77.1942 },
  { name: 'Saket', city: 'Delhi', lat: 28.5245, lng: 77.2066 },
  { name: 'Lajpat Nagar', city: 'Delhi', lat: 28.5677, lng: 77.2433 },
  { name: 'Rohini', city: 'Delhi', lat: 28.7495, lng: 77.0565 },
  { name: 'Janakpuri', city: 'Delhi', lat: 28.6219, lng: 77.0878 },
  { name: 'Defence Colony', city: 'Delhi', lat: 28.5741, lng: 77.2311 },
  // Mumbai
  { name: 'Bandra', city: 'Mumbai', lat: 19.0544, lng: 72.8311, aliases: ['bandra west'] },
  { name: 'Powai', city: 'Mumbai', lat: 19.1176, lng: 72.906 },
  { name: 'Juhu', city: 'Mumbai', lat: 19.1075, lng: 72.8263 },
  { name: 'Andheri', city: 'Mumbai', lat: 19.1364, lng: 72.8296, aliases: ['andheri west', 'lokhandwala'] },
  { name: 'Chembur', city: 'Mumbai', lat: 19.0522, lng: 72.8995 },
  { name: 'Goregaon', city: 'Mumbai', lat: 19.1663, lng: 72.8526 },
  { name: 'Malad', city: 'Mumbai', lat: 19.1874, lng: 72.8484 },
  { name: 'Dadar', city: 'Mumbai', lat: 19.0178, lng: 72.8478 },
  { name: 'Thane', city: 'Mumbai', lat: 19.2183, lng: 72.9781 },
  { name: 'Colaba', city: 'Mumbai', lat: 18.9067, lng: 72.8147 },
]

/** Great-circle distance in km. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * 6371 * Math.asin(Math.sqrt(h))
}
