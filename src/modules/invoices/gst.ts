// GST inside a tax-inclusive price, in integer paise: the taxable value and its CGST+SGST (intra-state) or IGST (inter-state).
// The parts always add up to the price exactly; an exempt supply carries no tax (a bill of supply).

export interface GstInput {
  /** The price the customer pays, tax included, in paise. */
  amount_paise: number
  /** e.g. 18; at most two decimals (0.25, 1.5 …). */
  rate_percent: number
  /** The supplier's registered state (name or GST state code). */
  supplierState: string
  /** The place of supply's state: for an in-person class, the venue's state. */
  placeOfSupplyState: string
  exempt: boolean
}

export type SupplyType = 'intra_state' | 'inter_state' | 'exempt'

export interface GstBreakdown {
  supply_type: SupplyType
  rate_percent: number
  taxable_value: number
  cgst: number
  sgst: number
  igst: number
  total: number
}

const sameState = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase()

export function isIntraState(supplierState: string, placeOfSupplyState: string): boolean {
  return sameState(supplierState, placeOfSupplyState)
}

export function computeGst(input: GstInput): GstBreakdown {
  const total = input.amount_paise
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError('amount_paise must be a non-negative integer')
  const basisPoints = Math.round(input.rate_percent * 100)
  if (!Number.isFinite(input.rate_percent) || input.rate_percent < 0 || input.rate_percent > 100 || Math.abs(basisPoints - input.rate_percent * 100) > 1e-6)
    throw new RangeError('rate_percent must be between 0 and 100 with at most two decimals')
  if (!Number.isSafeInteger(total * 20_000)) throw new RangeError('amount_paise is too large')

  if (input.exempt || basisPoints === 0) {
    return { supply_type: input.exempt ? 'exempt' : supplyTypeOf(input), rate_percent: input.exempt ? 0 : input.rate_percent, taxable_value: total, cgst: 0, sgst: 0, igst: 0, total }
  }
  // taxable = total / (1 + rate), rounded half up in integers: floor((2·total·10000 + d) / 2d) with d = 10000 + bp
  const divisor = 10_000 + basisPoints
  const taxable = Math.floor((2 * total * 10_000 + divisor) / (2 * divisor))
  const tax = total - taxable
  if (supplyTypeOf(input) === 'intra_state') {
    const cgst = Math.floor(tax / 2)
    return { supply_type: 'intra_state', rate_percent: input.rate_percent, taxable_value: taxable, cgst, sgst: tax - cgst, igst: 0, total }
  }
  return { supply_type: 'inter_state', rate_percent: input.rate_percent, taxable_value: taxable, cgst: 0, sgst: 0, igst: tax, total }
}

function supplyTypeOf(input: GstInput): Exclude<SupplyType, 'exempt'> {
  return isIntraState(input.supplierState, input.placeOfSupplyState) ? 'intra_state' : 'inter_state'
}
