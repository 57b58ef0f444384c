import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DAY_MS, MINUTE_MS } from '../../shared/clock.js'
import { generateSessions, isoWeekday, localDateOf, localToUtc, type BatchSlot } from './session-generator.js'

// an oracle of our own, separate from the generator's: the local date and HH:MM of an instant in a zone
function local(instant: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(instant)
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, p.value]),
  )
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` }
}

const offsetName = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' }).formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value

/** Whether the zone's offset changes around this local date (a DST day, where wall times can be missing or doubled). */
function isTransitionDay(date: string, timeZone: string): boolean {
  const noon = new Date(`${date}T12:00:00Z`).getTime()
  return offsetName(new Date(noon - 1.5 * DAY_MS), timeZone) !== offsetName(new Date(noon + 1.5 * DAY_MS), timeZone)
}

function addDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10)
}

const batch = (overrides: Partial<BatchSlot> = {}): BatchSlot => ({
  weekdays: [6, 7],
  start_time: '10:00',
  duration_minutes: 60,
  start_date: '2026-01-01',
  end_date: null,
  ...overrides,
})

describe('localToUtc: a local wall time in a zone, as a UTC instant', () => {
  it.each([
    ['2026-12-05', '10:00', 'Asia/Kolkata', '2026-12-05T04:30:00.000Z'],
    ['2026-12-05', '00:15', 'Asia/Kolkata', '2026-12-04T18:45:00.000Z'],
    ['2026-12-05', '10:00', 'Europe/London', '2026-12-05T10:00:00.000Z'],
    ['2026-07-04', '10:00', 'Europe/London', '2026-07-04T09:00:00.000Z'],
    ['2026-07-04', '10:00', 'Asia/Kathmandu', '2026-07-04T04:15:00.000Z'],
    ['2026-07-04', '10:00', 'America/New_York', '2026-07-04T14:00:00.000Z'],
    // clocks go forward at 01:00 GMT on 29 March 2026: 01:30 never happens and lands an hour on, at 02:30 BST
    ['2026-03-29', '01:30', 'Europe/London', '2026-03-29T01:30:00.000Z'],
    // clocks go back at 02:00 BST on 25 October 2026: 01:30 happens twice, the first (BST) one is taken
    ['2026-10-25', '01:30', 'Europe/London', '2026-10-25T00:30:00.000Z'],
    ['2026-10-25', '10:00', 'Europe/London', '2026-10-25T10:00:00.000Z'],
  ])('%s %s in %s is %s', (date, time, zone, utc) => {
    expect(localToUtc(date, time, zone).toISOString()).toBe(utc)
  })

  it('refuses a zone Intl does not know', () => {
    expect(() => localToUtc('2026-12-05', '10:00', 'Mars/Olympus')).toThrow(RangeError)
  })
})

describe('generateSessions', () => {
  it('makes a weekend batch’s sessions at 10:00 India time inside the horizon', () => {
    const out = generateSessions(batch(), 'Asia/Kolkata', new Date('2026-12-01T00:00:00Z'), new Date('2026-12-15T00:00:00Z'))
    expect(out.map((s) => s.starts_at.toISOString())).toEqual([
      '2026-12-05T04:30:00.000Z',
      '2026-12-06T04:30:00.000Z',
      '2026-12-12T04:30:00.000Z',
      '2026-12-13T04:30:00.000Z',
    ])
    expect(out.every((s) => s.ends_at.getTime() - s.starts_at.getTime() === 60 * MINUTE_MS)).toBe(true)
  })

  it('keeps the local time across a DST change (London, Saturdays at 10:00)', () => {
    const out = generateSessions(batch({ weekdays: [6] }), 'Europe/London', new Date('2026-10-10T00:00:00Z'), new Date('2026-11-01T00:00:00Z'))
    expect(out.map((s) => s.starts_at.toISOString())).toEqual(['2026-10-10T09:00:00.000Z', '2026-10-17T09:00:00.000Z', '2026-10-24T09:00:00.000Z', '2026-10-31T10:00:00.000Z'])
  })

  it('respects start_date, end_date and the horizon’s ends: [from, until)', () => {
    const b = batch({ weekdays: [1, 2, 3, 4, 5, 6, 7], start_date: '2026-12-03', end_date: '2026-12-06' })
    const out = generateSessions(b, 'Asia/Kolkata', new Date('2026-12-01T00:00:00Z'), new Date('2026-12-31T00:00:00Z'))
    expect(out.map((s) => localDateOf(s.starts_at, 'Asia/Kolkata'))).toEqual(['2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'])
    // a session starting exactly at `from` is in; one starting exactly at `until` is out
    const edge = generateSessions(b, 'Asia/Kolkata', new Date('2026-12-04T04:30:00Z'), new Date('2026-12-06T04:30:00Z'))
    expect(edge.map((s) => s.starts_at.toISOString())).toEqual(['2026-12-04T04:30:00.000Z', '2026-12-05T04:30:00.000Z'])
    expect(generateSessions(b, 'Asia/Kolkata', new Date('2026-12-05T00:00:00Z'), new Date('2026-12-05T00:00:00Z'))).toEqual([])
  })

  const zones = ['Asia/Kolkata', 'Europe/London', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC']
  const dayOf2026 = fc.integer({ min: 0, max: 700 }).map((n) => addDays('2026-01-01', n))
  const arbitraryCase = fc.record({
    weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.constantFrom(0, 15, 30, 45),
    duration_minutes: fc.integer({ min: 5, max: 600 }),
    start_date: dayOf2026,
    end_offset: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
    zone: fc.constantFrom(...zones),
    // whole minutes, as the clock's horizon in practice; up to 10 weeks long
    from: fc.integer({ min: 0, max: 700 * 24 * 60 }).map((m) => new Date(Date.parse('2026-01-01T00:00:00Z') + m * MINUTE_MS)),
    length_minutes: fc.integer({ min: 0, max: 70 * 24 * 60 }),
  })

  it('property: every session is on a batch weekday, at the local start time, inside the dates and the horizon; no duplicates; none missing', () => {
    fc.assert(
      fc.property(arbitraryCase, (c) => {
        const start_time = `${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`
        const end_date = c.end_offset === null ? null : addDays(c.start_date, c.end_offset)
        const slot = batch({ weekdays: c.weekdays, start_time, duration_minutes: c.duration_minutes, start_date: c.start_date, end_date })
        const until = new Date(c.from.getTime() + c.length_minutes * MINUTE_MS)
        const out = generateSessions(slot, c.zone, c.from, until)

        const dates = out.map((s) => local(s.starts_at, c.zone).date)
        expect(new Set(dates).size).toBe(dates.length)
        expect(new Set(out.map((s) => s.starts_at.getTime())).size).toBe(out.length)
        for (const s of out) {
          const { date, time } = local(s.starts_at, c.zone)
          expect(c.weekdays).toContain(isoWeekday(date))
          if (!isTransitionDay(date, c.zone)) expect(time).toBe(start_time)
          expect(date >= c.start_date).toBe(true)
          if (end_date) expect(date <= end_date).toBe(true)
          expect(s.starts_at.getTime()).toBeGreaterThanOrEqual(c.from.getTime())
          expect(s.starts_at.getTime()).toBeLessThan(until.getTime())
          expect(s.ends_at.getTime() - s.starts_at.getTime()).toBe(c.duration_minutes * MINUTE_MS)
        }

        // count: every matching date in range has its session, except a horizon-edge date whose start is outside it
        const fromLocal = local(c.from, c.zone)
        const untilLocal = local(until, c.zone)
        const generated = new Set(dates)
        let expected = 0
        for (let d = fromLocal.date; d <= untilLocal.date; d = addDays(d, 1)) {
          if (d < c.start_date || (end_date && d > end_date) || !c.weekdays.includes(isoWeekday(d))) continue
          const edge = d === fromLocal.date || d === untilLocal.date
          if (edge && isTransitionDay(d, c.zone)) {
            if (generated.has(d)) expected++
            continue
          }
          const afterFrom = d !== fromLocal.date || fromLocal.time <= start_time
          const beforeUntil = d !== untilLocal.date || start_time < untilLocal.time
          if (afterFrom && beforeUntil && until.getTime() > c.from.getTime()) {
            expected++
            expect(generated.has(d)).toBe(true)
          }
        }
        expect(out.length).toBe(expected)
      }),
      { numRuns: 300 },
    )
  })
})
