// The longest run of consecutive weeks with something in each, from the weeks' Mondays ('YYYY-MM-DD').
const WEEK_DAYS = 7
const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000

export function longestWeeklyRun(weekStarts: readonly string[]): number {
  const days = [...new Set(weekStarts.map(dayNumber))].sort((a, b) => a - b)
  let longest = 0
  let run = 0
  for (let i = 0; i < days.length; i++) {
    run = i > 0 && days[i]! - days[i - 1]! === WEEK_DAYS ? run + 1 : 1
    longest = Math.max(longest, run)
  }
  return longest
}
