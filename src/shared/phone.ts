// Indian mobile numbers: ten digits starting 6-9, written with or without +91 / 91 / 0 and separators; stored as E.164.
const SEPARATORS = /[\s\-().]/g
const NATIONAL = /^[6-9]\d{9}$/

/** The number as `+91XXXXXXXXXX`, or undefined when it is not an Indian mobile number. */
export function normalizeIndianMobile(input: string): string | undefined {
  const compact = input.trim().replace(SEPARATORS, '')
  let national: string
  if (compact.startsWith('+91')) national = compact.slice(3)
  else if (compact.length === 12 && compact.startsWith('91')) national = compact.slice(2)
  else if (compact.length === 11 && compact.startsWith('0')) national = compact.slice(1)
  else national = compact
  return NATIONAL.test(national) ? `+91${national}` : undefined
}

export function isIndianMobile(input: string): boolean {
  return normalizeIndianMobile(input) !== undefined
}
