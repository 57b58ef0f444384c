// Where a venue is: its time zone checked against the IANA database, and the postal address sent to the geocoder.

/** The canonical spelling of an IANA zone (`asia/kolkata` → `Asia/Kolkata`), or undefined for anything else. */
export function canonicalTimeZone(raw: string): string | undefined {
  const zone = raw.trim()
  // names only: offsets like +05:30 carry no daylight-saving rules and are not what a venue lives in
  if (zone !== 'UTC' && !/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/.test(zone)) return undefined
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone
  } catch {
    return undefined
  }
}

export interface PostalAddress {
  address: string
  area?: string | null | undefined
  city: string
  state?: string | null | undefined
  pincode?: string | null | undefined
}

export function geocodingQuery(place: PostalAddress): string {
  return [place.address, place.area, place.city, place.state, place.pincode, 'India']
    .map((part) => part?.trim())
    .filter((part): part is string => Boolean(part))
    .join(', ')
}

/** How a time reads at the venue, for messages: "10 Jan 2026, 10:00 am Asia/Kolkata". */
export function localTimeLabel(at: Date, timeZone: string): string {
  return `${new Intl.DateTimeFormat('en-IN', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(at)} ${timeZone}`
}
