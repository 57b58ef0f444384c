// Indian identity and banking numbers a partner gives for KYC: format rules, the GSTIN check character, and normalisation.
// Pure functions: each answers the normalised value or a sentence the partner can act on.

export type Checked = { ok: true; value: string } | { ok: false; message: string }

const ok = (value: string): Checked => ({ ok: true, value })
const fail = (message: string): Checked => ({ ok: false, message })

/** The 4th character of a PAN says who holds it; sources differ on LLPs (F or E), so both are accepted. */
export const PAN_HOLDER_TYPES: Readonly<Record<string, string>> = {
  P: 'individual',
  C: 'company',
  H: 'Hindu undivided family',
  F: 'firm',
  E: 'limited liability partnership',
  A: 'association of persons',
  B: 'body of individuals',
  G: 'government',
  J: 'artificial juridical person',
  L: 'local authority',
  T: 'trust',
}

const PAN_FORMAT = /^[A-Z]{5}[0-9]{4}[A-Z]$/

export function checkPan(raw: string): Checked {
  const pan = raw.trim().toUpperCase()
  if (!PAN_FORMAT.test(pan)) return fail('PAN must be 10 characters: 5 letters, 4 digits, 1 letter (e.g. AAPFU0939F)')
  if (!PAN_HOLDER_TYPES[pan[3]!])
    return fail(`PAN's 4th character must be a holder type (${Object.keys(PAN_HOLDER_TYPES).join(', ')}); got ${pan[3]}`)
  return ok(pan)
}

const GSTIN_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const GSTIN_FORMAT = /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/

/** State codes of the GST registry: 01–38 for states and union territories, 97 other territory, 99 centre jurisdiction. */
export function isGstStateCode(code: string): boolean {
  if (!/^[0-9]{2}$/.test(code)) return false
  const n = Number(code)
  return (n >= 1 && n <= 38) || n === 97 || n === 99
}

/** The 15th character of a GSTIN: a Luhn-style mod-36 sum over the first 14, weights 1,2,1,2… from the left. */
export function gstinCheckCharacter(first14: string): string {
  if (first14.length !== 14) throw new RangeError('gstinCheckCharacter needs the first 14 characters of a GSTIN')
  let sum = 0
  for (let i = 0; i < 14; i++) {
    const value = GSTIN_ALPHABET.indexOf(first14[i]!)
    if (value < 0) throw new RangeError(`not a GSTIN character: ${first14[i]}`)
    const product = value * (i % 2 === 0 ? 1 : 2)
    sum += Math.floor(product / 36) + (product % 36)
  }
  return GSTIN_ALPHABET[(36 - (sum % 36)) % 36]!
}

/** Checks a GSTIN; with `pan`, also that the GSTIN was issued to that PAN (its characters 3–12). */
export function checkGstin(raw: string, pan?: string): Checked {
  const gstin = raw.trim().toUpperCase()
  if (!GSTIN_FORMAT.test(gstin))
    return fail('GSTIN must be 15 characters: 2-digit state code, 10-character PAN, entity number, Z, check character (e.g. 27AAPFU0939F1ZV)')
  const state = gstin.slice(0, 2)
  if (!isGstStateCode(state)) return fail(`GSTIN state code ${state} does not exist (01–38, 97 or 99)`)
  const embeddedPan = checkPan(gstin.slice(2, 12))
  if (!embeddedPan.ok) return fail(`GSTIN does not contain a valid PAN: ${embeddedPan.message}`)
  if (gstinCheckCharacter(gstin.slice(0, 14)) !== gstin[14]) return fail('GSTIN check character does not match: re-check the number for a typo')
  if (pan !== undefined && embeddedPan.value !== pan.trim().toUpperCase())
    return fail(`GSTIN belongs to PAN ${embeddedPan.value}, not to the PAN given (${pan.trim().toUpperCase()})`)
  return ok(gstin)
}

const IFSC_FORMAT = /^[A-Z]{4}0[A-Z0-9]{6}$/

export function checkIfsc(raw: string): Checked {
  const ifsc = raw.trim().toUpperCase()
  if (!IFSC_FORMAT.test(ifsc)) return fail('IFSC must be 11 characters: 4-letter bank code, 0, 6-character branch code (e.g. HDFC0001234)')
  return ok(ifsc)
}

/** Accepts 10 digits starting 6–9 with an optional +91, 91 or 0 in front (spaces and dashes ignored); answers +91XXXXXXXXXX. */
export function checkIndianMobile(raw: string): Checked {
  const digits = raw.trim().replace(/[\s\-().]/g, '')
  const national = /^\+91\d{10}$/.test(digits) || /^91\d{10}$/.test(digits) ? digits.slice(-10) : /^0\d{10}$/.test(digits) ? digits.slice(1) : digits
  if (!/^[6-9]\d{9}$/.test(national)) return fail('Mobile number must be an Indian mobile: 10 digits starting with 6, 7, 8 or 9, optionally with +91')
  return ok(`+91${national}`)
}

/** Indian bank account numbers are 9 to 18 digits; spaces and dashes people type are dropped. */
export function checkBankAccountNumber(raw: string): Checked {
  const digits = raw.trim().replace(/[\s-]/g, '')
  if (!/^\d{9,18}$/.test(digits)) return fail('Bank account number must be 9 to 18 digits')
  return ok(digits)
}
