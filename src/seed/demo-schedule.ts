// When demo activities happen: weekly batches for classes, dated one-off sessions for camps, workshops and events,
// all laid out on the venue's wall clock for the eight weeks after "now".
import type { ListingType } from './demo-catalog.js'
import { addDays, isoWeekday, localDate, localToUtc } from './local-time.js'
import { stableFraction, stableId, stableInt } from './stable-id.js'

export const HORIZON_DAYS = 56

export interface PlannedBatch {
  id: string
  name: string
  weekdays: number[]
  startTime: string
  capacity: number
  startDate: string
}

export interface PlannedSession {
  id: string
  batchId: string | null
  startsAt: Date
  endsAt: Date
  capacity: number
}

export interface Schedule {
  batches: PlannedBatch[]
  sessions: PlannedSession[]
}

interface ScheduleInput {
  listingKey: string
  type: ListingType
  durationMinutes: number
  now: Date
  timeZone: string
}

const WEEKDAY_PATTERNS = [[1, 3], [2, 4], [3, 5], [2, 5], [1, 3, 5]]
const WEEKDAY_TIMES = ['16:00', '16:30', '17:00', '17:30', '18:00']
const WEEKEND_PATTERNS = [[6, 7], [6], [7]]
const WEEKEND_TIMES = ['09:00', '10:00', '10:30', '11:00']
const DAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

const pick = <T>(items: readonly T[], name: string): T => items[stableInt(name, 0, items.length - 1)]!

export function planSchedule(input: ScheduleInput): Schedule {
  return input.type === 'class' ? planClass(input) : planOneOffs(input)
}

function planClass({ listingKey, durationMinutes, now, timeZone }: ScheduleInput): Schedule {
  const today = localDate(now, timeZone)
  const variants = [{ weekdays: pick(WEEKDAY_PATTERNS, `${listingKey}:wd`), time: pick(WEEKDAY_TIMES, `${listingKey}:wt`) }]
  if (stableFraction(`${listingKey}:weekend`) < 0.5)
    variants.push({ weekdays: pick(WEEKEND_PATTERNS, `${listingKey}:we`), time: pick(WEEKEND_TIMES, `${listingKey}:wet`) })

  const batches = variants.map((v, i) => ({
    id: stableId(`batch:${listingKey}:${i}`),
    name: `${v.weekdays.map((d) => DAY_NAMES[d]).join('/')} ${v.time}`,
    weekdays: v.weekdays,
    startTime: v.time,
    capacity: stableInt(`${listingKey}:cap:${i}`, 8, 20),
    startDate: today,
  }))
  const sessions: PlannedSession[] = []
  for (const batch of batches) {
    for (let day = 0; day < HORIZON_DAYS; day++) {
      const date = addDays(today, day)
      if (!batch.weekdays.includes(isoWeekday(date))) continue
      const session = slot(`${batch.id}:${date}`, batch.id, date, batch.startTime, durationMinutes, batch.capacity, timeZone)
      if (within(session, now)) sessions.push(session)
    }
  }
  return { batches, sessions }
}

function planOneOffs({ listingKey, type, durationMinutes, now, timeZone }: ScheduleInput): Schedule {
  const today = localDate(now, timeZone)
  const capacity = type === 'camp' ? stableInt(`${listingKey}:cap`, 20, 30) : type === 'workshop' ? stableInt(`${listingKey}:cap`, 12, 20) : stableInt(`${listingKey}:cap`, 40, 100)
  const nextWeekday = (from: string, weekday: number) => addDays(from, (weekday - isoWeekday(from) + 7) % 7)
  const dates: Array<[string, string]> = []
  if (type === 'camp') {
    const firstMonday = nextWeekday(addDays(today, 7), 1)
    dates.push([firstMonday, '09:30'], [addDays(firstMonday, 28), '09:30'])
  } else if (type === 'workshop') {
    dates.push([nextWeekday(addDays(today, 3), 6), '11:00'], [nextWeekday(addDays(today, 17), 3), '17:00'])
  } else {
    const weekend = stableFraction(`${listingKey}:day`) < 0.5 ? 6 : 7
    for (const week of [0, 2, 4]) dates.push([nextWeekday(addDays(today, week * 7 + 1), weekend), week === 2 ? '16:00' : '10:00'])
  }
  // a third of one-off listings also run within the next 72 hours, so "starting soon" has something to show
  if (stableFraction(`${listingKey}:soon`) < 0.35) dates.push([addDays(today, stableInt(`${listingKey}:soonday`, 1, 2)), '17:00'])

  const sessions = dates
    .map(([date, time]) => slot(`${listingKey}:${date}:${time}`, null, date, time, durationMinutes, capacity, timeZone))
    .filter((s) => within(s, now))
  return { batches: [], sessions }
}

function slot(name: string, batchId: string | null, date: string, time: string, minutes: number, capacity: number, timeZone: string): PlannedSession {
  const startsAt = localToUtc(date, time, timeZone)
  return { id: stableId(`session:${name}`), batchId, startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000), capacity }
}

function within(session: PlannedSession, now: Date): boolean {
  const ms = session.startsAt.getTime() - now.getTime()
  return ms > 0 && ms < HORIZON_DAYS * 86_400_000
}
