import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cityNameVariants, normalizeCityName } from './city-aliases.js'
import { findSearchFilterProblem } from './search-filters.js'

describe('cityNameVariants', () => {
  it.each([
    ['Gurgaon', ['gurgaon', 'gurugram']],
    ['  GURUGRAM ', ['gurugram', 'gurgaon']],
    ['Bangalore', ['bangalore', 'bengaluru']],
    ['bombay', ['bombay', 'mumbai']],
    ['New  Delhi', ['new delhi', 'delhi']],
    ['Benares', ['benares', 'varanasi', 'banaras']],
    ['Jaipur', ['jaipur']],
  ])('%s is also %j', (city, names) => {
    expect(cityNameVariants(city)).toEqual(names)
  })

  it('is symmetric: every variant of a city has the same variants', () => {
    fc.assert(
      fc.property(fc.constantFrom('Gurgaon', 'Bengaluru', 'Mumbai', 'Chennai', 'Kolkata', 'Pune', 'Mysuru', 'Kochi', 'Vadodara', 'Prayagraj'), (city) => {
        const variants = cityNameVariants(city)
        for (const v of variants) expect(new Set(cityNameVariants(v))).toEqual(new Set(variants))
      }),
    )
  })

  it('always starts with the normalised input', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 20 }), (city) => {
        expect(cityNameVariants(city)[0]).toBe(normalizeCityName(city))
      }),
    )
  })
})

describe('findSearchFilterProblem', () => {
  const page = { page: 1, page_size: 20 }
  it.each([
    [{ lat: 1, lng: 2 }, 'lat, lng and radius_km must be given together'],
    [{ sort: 'distance' as const }, 'sort=distance needs lat, lng and radius_km'],
    [{ min_price: 2, max_price: 1 }, 'min_price must not exceed max_price'],
    [{ date_from: '2026-01-02', date_to: '2026-01-01' }, 'date_from must not be after date_to'],
    [{ q: '   ' }, 'q must contain a non-blank character'],
  ])('rejects %j', (filters, problem) => {
    expect(findSearchFilterProblem({ ...page, ...filters })).toBe(problem)
  })

  it('accepts consistent filters', () => {
    expect(findSearchFilterProblem({ ...page, lat: 1, lng: 2, radius_km: 3, sort: 'distance', min_price: 1, max_price: 1, date_from: '2026-01-01', date_to: '2026-01-01' })).toBeUndefined()
  })
})
