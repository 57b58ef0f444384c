import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeGst } from './gst.js'

const KA = { supplierState: 'Karnataka', placeOfSupplyState: 'karnataka ' }
const INTER = { supplierState: 'Karnataka', placeOfSupplyState: 'Maharashtra' }

describe('computeGst', () => {
  it('splits 18% inside ₹1,180 into ₹1,000 taxable and ₹90 + ₹90 within a state', () => {
    expect(computeGst({ amount_paise: 118_000, rate_percent: 18, ...KA, exempt: false })).toEqual({
      supply_type: 'intra_state', rate_percent: 18, taxable_value: 100_000, cgst: 9_000, sgst: 9_000, igst: 0, total: 118_000,
    })
  })

  it('charges IGST when the place of supply is in another state', () => {
    expect(computeGst({ amount_paise: 118_000, rate_percent: 18, ...INTER, exempt: false })).toEqual({
      supply_type: 'inter_state', rate_percent: 18, taxable_value: 100_000, cgst: 0, sgst: 0, igst: 18_000, total: 118_000,
    })
  })

  it('rounds the taxable value to the nearest paisa and gives the odd paisa to SGST', () => {
    // 49,900 / 1.18 = 42,288.135… → 42,288; tax 7,612 → 3,806 + 3,806
    expect(computeGst({ amount_paise: 49_900, rate_percent: 18, ...KA, exempt: false })).toMatchObject({ taxable_value: 42_288, cgst: 3_806, sgst: 3_806 })
    // 100 / 1.18 = 84.74… → 85; tax 15 → 7 + 8
    expect(computeGst({ amount_paise: 100, rate_percent: 18, ...KA, exempt: false })).toMatchObject({ taxable_value: 85, cgst: 7, sgst: 8, total: 100 })
    // 5%: 1,050 / 1.05 = 1,000 exactly
    expect(computeGst({ amount_paise: 1_050, rate_percent: 5, ...INTER, exempt: false })).toMatchObject({ taxable_value: 1_000, igst: 50 })
  })

  it('carries no tax on an exempt supply or a zero rate', () => {
    expect(computeGst({ amount_paise: 250_000, rate_percent: 18, ...KA, exempt: true })).toEqual({
      supply_type: 'exempt', rate_percent: 0, taxable_value: 250_000, cgst: 0, sgst: 0, igst: 0, total: 250_000,
    })
    expect(computeGst({ amount_paise: 250_000, rate_percent: 0, ...INTER, exempt: false })).toMatchObject({ supply_type: 'inter_state', taxable_value: 250_000, igst: 0 })
    expect(computeGst({ amount_paise: 0, rate_percent: 18, ...KA, exempt: false })).toMatchObject({ taxable_value: 0, cgst: 0, sgst: 0, total: 0 })
  })

  it('refuses amounts and rates that are not money', () => {
    for (const amount_paise of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER])
      expect(() => computeGst({ amount_paise, rate_percent: 18, ...KA, exempt: false })).toThrow(RangeError)
    for (const rate_percent of [-1, 101, 18.123, Number.NaN])
      expect(() => computeGst({ amount_paise: 100, rate_percent, ...KA, exempt: false })).toThrow(RangeError)
  })

  describe('properties', () => {
    const amount = fc.integer({ min: 0, max: 10_000_000_000 })
    const rate = fc.oneof(fc.constantFrom(0, 0.25, 3, 5, 12, 18, 28), fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 100))
    const states = fc.constantFrom('Karnataka', 'Maharashtra', 'Delhi', '29', '27')

    it('parts are non-negative integers that add up exactly to the total', () => {
      fc.assert(
        fc.property(amount, rate, states, states, fc.boolean(), (amount_paise, rate_percent, supplierState, placeOfSupplyState, exempt) => {
          const g = computeGst({ amount_paise, rate_percent, supplierState, placeOfSupplyState, exempt })
          for (const part of [g.taxable_value, g.cgst, g.sgst, g.igst]) {
            expect(Number.isInteger(part)).toBe(true)
            expect(part).toBeGreaterThanOrEqual(0)
          }
          expect(g.taxable_value + g.cgst + g.sgst + g.igst).toBe(amount_paise)
          expect(g.total).toBe(amount_paise)
        }),
        { numRuns: 2_000 },
      )
    })

    it('intra-state halves differ by at most a paisa; inter-state has only IGST; the tax is the rate of the taxable value within a paisa', () => {
      fc.assert(
        fc.property(amount, rate, states, states, (amount_paise, rate_percent, supplierState, placeOfSupplyState) => {
          const g = computeGst({ amount_paise, rate_percent, supplierState, placeOfSupplyState, exempt: false })
          if (supplierState === placeOfSupplyState) {
            expect(g.igst).toBe(0)
            expect(Math.abs(g.cgst - g.sgst)).toBeLessThanOrEqual(1)
          } else {
            expect(g.cgst + g.sgst).toBe(0)
          }
          const tax = g.cgst + g.sgst + g.igst
          expect(Math.abs(tax - (g.taxable_value * rate_percent) / 100)).toBeLessThanOrEqual(1)
        }),
        { numRuns: 2_000 },
      )
    })
  })
})
