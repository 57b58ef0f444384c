import { afterAll, describe, expect, it } from 'vitest'
import { createTestDatabase, usingPostgres } from '../../../test/test-database.js'
import { allocateInvoiceNumber, financialYearOf, formatInvoiceNumber } from './invoice-number.js'

const database = await createTestDatabase({ poolMax: 30 })
afterAll(() => database.close())

describe('financialYearOf', () => {
  it('runs April to March in India time', () => {
    expect(financialYearOf(new Date('2026-04-01T00:00:00+05:30'))).toBe('2026-27')
    expect(financialYearOf(new Date('2026-03-31T23:59:59+05:30'))).toBe('2025-26')
    // 31 Mar 19:00 UTC is already 1 Apr in India
    expect(financialYearOf(new Date('2026-03-31T19:00:00Z'))).toBe('2026-27')
    expect(financialYearOf(new Date('2026-03-31T18:29:59Z'))).toBe('2025-26')
    expect(financialYearOf(new Date('2026-12-31T12:00:00Z'))).toBe('2026-27')
    expect(financialYearOf(new Date('2099-06-01T00:00:00Z'))).toBe('2099-00')
  })
})

describe('formatInvoiceNumber', () => {
  it('makes numbers of at most 16 characters from letters, digits, / and -', () => {
    expect(formatInvoiceNumber('RR', '2026-27', 1)).toBe('RR/26-27/000001')
    expect(formatInvoiceNumber('RRY', '2026-27', 999_999)).toBe('RRY/26-27/999999')
    expect(formatInvoiceNumber('RRY', '2026-27', 999_999)).toHaveLength(16)
    expect(formatInvoiceNumber('R', '2026-27', 1_000_000)).toBe('R/26-27/1000000')
  })

  it('refuses what would break Rule 46(b)', () => {
    expect(() => formatInvoiceNumber('RRRR', '2026-27', 1)).toThrow(RangeError)
    expect(() => formatInvoiceNumber('R R', '2026-27', 1)).toThrow(RangeError)
    expect(() => formatInvoiceNumber('RRY', '2026-27', 1_000_000)).toThrow(/Rule 46/)
    expect(() => formatInvoiceNumber('RR', '2026-27', 0)).toThrow(RangeError)
    expect(() => formatInvoiceNumber('RR', '26-27', 1)).toThrow(RangeError)
  })
})

describe('allocateInvoiceNumber', () => {
  it('counts from 1 per series and financial year', async () => {
    const inFy = new Date('2026-11-28T10:00:00Z')
    const nextFy = new Date('2027-04-01T00:00:00+05:30')
    const got: string[] = []
    for (const [series, at] of [['A1', inFy], ['A1', inFy], ['B1', inFy], ['A1', nextFy], ['A1', inFy]] as const)
      got.push((await database.db.transaction((tx) => allocateInvoiceNumber(tx, series, at))).invoice_number)
    expect(got).toEqual(['A1/26-27/000001', 'A1/26-27/000002', 'B1/26-27/000001', 'A1/27-28/000001', 'A1/26-27/000003'])
  })

  it('gives a number back when its transaction rolls back, so the series has no gaps', async () => {
    const at = new Date('2026-11-28T10:00:00Z')
    const first = await database.db.transaction((tx) => allocateInvoiceNumber(tx, 'C1', at))
    await expect(
      database.db.transaction(async (tx) => {
        await allocateInvoiceNumber(tx, 'C1', at)
        throw new Error('invoice insert failed')
      }),
    ).rejects.toThrow('invoice insert failed')
    const next = await database.db.transaction((tx) => allocateInvoiceNumber(tx, 'C1', at))
    expect([first.sequence, next.sequence]).toEqual([1, 2])
  })
})

describe.runIf(usingPostgres())('allocateInvoiceNumber under concurrency (PostgreSQL)', () => {
  it('100 parallel transactions get 100 distinct consecutive numbers', async () => {
    const at = new Date('2026-11-28T10:00:00Z')
    const numbers = await Promise.all(
      Array.from({ length: 100 }, () =>
        database.db.transaction(async (tx) => {
          const allocated = await allocateInvoiceNumber(tx, 'P1', at)
          await new Promise((r) => setTimeout(r, Math.random() * 5))
          return allocated
        }),
      ),
    )
    const sequences = numbers.map((n) => n.sequence).sort((a, b) => a - b)
    expect(sequences).toEqual(Array.from({ length: 100 }, (_, i) => i + 1))
    expect(new Set(numbers.map((n) => n.invoice_number)).size).toBe(100)
    expect(numbers.every((n) => /^P1\/26-27\/0001\d\d$|^P1\/26-27\/0000\d\d$/.test(n.invoice_number))).toBe(true)
  })
})
