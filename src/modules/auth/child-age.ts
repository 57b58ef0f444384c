// A child's age in whole years on today's date in India, and the rules a date of birth must follow.
export const CHILD_MAX_AGE = 18
const INDIA_OFFSET_MS = 330 * 60_000 // Asia/Kolkata is UTC+05:30 all year (no daylight saving)

/** Today's calendar date in Asia/Kolkata, as 'YYYY-MM-DD'. */
export function indiaDate(now: Date): string {
  return new Date(now.getTime() + INDIA_OFFSET_MS).toISOString().slice(0, 10)
}

function parts(date: string): [number, number, number] | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) return undefined
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const check = new Date(Date.UTC(y, m - 1, d))
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined
  return [y, m, d]
}

/** Whole years between the date of birth and today in India (a 29 February birthday counts from 1 March in other years). */
export function ageOn(dateOfBirth: string, now: Date): number {
  const born = parts(dateOfBirth)
  const today = parts(indiaDate(now))
  if (!born || !today) return 0
  const hadBirthday = today[1] > born[1] || (today[1] === born[1] && today[2] >= born[2])
  return today[0] - born[0] - (hadBirthday ? 0 : 1)
}

/** Why the date of birth is refused, or undefined when it is fine. */
export function dateOfBirthProblem(dateOfBirth: string, now: Date): string | undefined {
  if (!parts(dateOfBirth)) return 'date_of_birth must be a real date written YYYY-MM-DD'
  if (dateOfBirth > indiaDate(now)) return 'date_of_birth cannot be in the future'
  if (ageOn(dateOfBirth, now) > CHILD_MAX_AGE) return `Children must be ${CHILD_MAX_AGE} or younger`
  return undefined
}
