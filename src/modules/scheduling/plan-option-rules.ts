// What each kind of plan option must look like. Pure: the service applies it to the option as it would be saved.
import type { PLAN_KINDS } from '../../db/schema/scheduling.js'
import { InvalidPlanOptionError } from './scheduling.errors.js'

export type PlanKind = (typeof PLAN_KINDS)[number]

export interface PlanOptionShape {
  kind: PlanKind
  sessions_count?: number | undefined
  validity_days?: number | null | undefined
}

/**
 * The sessions_count and validity_days a plan option is saved with, or 422 INVALID_PLAN_OPTION:
 * a pack needs sessions_count ≥ 2 and validity_days; single, trial and monthly are one session (monthly: per booked
 * session of its batch's month) and take no validity (a month is its own validity).
 */
export function normalisePlanOption(shape: PlanOptionShape): { sessions_count: number; validity_days: number | null } {
  if (shape.kind === 'pack') {
    if (shape.sessions_count === undefined || shape.sessions_count < 2) throw new InvalidPlanOptionError('A pack needs sessions_count of 2 or more')
    if (shape.validity_days === undefined || shape.validity_days === null) throw new InvalidPlanOptionError('A pack needs validity_days: the days its sessions can be used in')
    return { sessions_count: shape.sessions_count, validity_days: shape.validity_days }
  }
  if (shape.sessions_count !== undefined && shape.sessions_count !== 1) {
    throw new InvalidPlanOptionError(`A ${shape.kind} option is one session: sessions_count must be 1 or left out`)
  }
  if (shape.validity_days !== undefined && shape.validity_days !== null) {
    throw new InvalidPlanOptionError(`Only a pack has validity_days; a ${shape.kind} option takes none`)
  }
  return { sessions_count: 1, validity_days: null }
}
