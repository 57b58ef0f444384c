import { describe, expect, it } from 'vitest'
import { ConflictError } from '../../shared/errors.js'
import { canTransition, KYC_STATUSES, transition, type KycEvent, type KycStatus } from './kyc-status.js'

const EVENTS: KycEvent[] = ['submit', 'verify', 'reject', 'edit_kyc']

describe('KYC state machine', () => {
  it.each<[KycStatus, KycEvent, KycStatus]>([
    ['not_submitted', 'submit', 'submitted'],
    ['submitted', 'verify', 'verified'],
    ['submitted', 'reject', 'rejected'],
    ['rejected', 'submit', 'submitted'],
    ['verified', 'edit_kyc', 'submitted'],
    ['submitted', 'edit_kyc', 'submitted'],
    ['rejected', 'edit_kyc', 'rejected'],
    ['not_submitted', 'edit_kyc', 'not_submitted'],
  ])('%s --%s--> %s', (from, event, to) => {
    expect(transition(from, event)).toBe(to)
    expect(canTransition(from, event)).toBe(true)
  })

  it.each<[KycStatus, KycEvent, string]>([
    ['not_submitted', 'verify', 'KYC_NOT_SUBMITTED'],
    ['not_submitted', 'reject', 'KYC_NOT_SUBMITTED'],
    ['verified', 'verify', 'KYC_NOT_SUBMITTED'],
    ['rejected', 'reject', 'KYC_NOT_SUBMITTED'],
    ['rejected', 'verify', 'KYC_NOT_SUBMITTED'],
    ['submitted', 'submit', 'KYC_ALREADY_SUBMITTED'],
    ['verified', 'submit', 'KYC_ALREADY_VERIFIED'],
  ])('%s refuses %s with %s', (from, event, code) => {
    expect(canTransition(from, event)).toBe(false)
    expect(() => transition(from, event)).toThrow(ConflictError)
    try {
      transition(from, event)
    } catch (err) {
      expect((err as ConflictError).code).toBe(code)
      expect((err as ConflictError).status).toBe(409)
    }
  })

  it('only an admin review leads to verified, and only from submitted', () => {
    for (const status of KYC_STATUSES)
      for (const event of EVENTS)
        if (canTransition(status, event) && transition(status, event) === 'verified') expect([status, event]).toEqual(['submitted', 'verify'])
  })
})
