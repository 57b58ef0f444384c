// Partner profile use cases: become a partner, read and edit the profile, submit KYC for review.
import type { Db } from '../../db/database.js'
import type { Clock } from '../../shared/clock.js'
import type { IdGenerator } from '../../shared/ids.js'
import { lockUser, makeUserPartner } from '../auth/index.js'
import type { SecretCipher } from './bank-account-cipher.js'
import type { PartnerListingsPort } from './partner-ports.js'
import { transition } from './kyc-status.js'
import { getPartnerOfUser } from './partner-lookup.js'
import { missingKycFields, normalisePartnerInput, type NormalisedPartnerInput } from './partner-input.js'
import { toPartnerResponse } from './partner-views.js'
import { AdminCannotBePartnerError, KycIncompleteError, PartnerExistsError, PartnerProfileNotFoundError } from './partners.errors.js'
import { partnersRepository, type PartnerChanges, type PartnerRow } from './partners.repository.js'
import type { CreatePartnerBody, PartnerResponse, UpdatePartnerBody } from './partners.schemas.js'

export interface PartnersServiceDeps {
  db: Db
  clock: Clock
  ids: IdGenerator
  cipher: SecretCipher
  listings: PartnerListingsPort
}

const KYC_FIELDS = ['pan', 'gstin', 'ifsc', 'account_holder_name'] as const

export function createPartnersService(deps: PartnersServiceDeps) {
  const { db, clock, cipher } = deps

  /** The stored form of the profile fields that were sent; the bank number becomes ciphertext + last 4. */
  function toChanges(input: NormalisedPartnerInput): PartnerChanges {
    const { bank_account_number: bank, ...rest } = input
    const changes: PartnerChanges = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined))
    if (bank !== undefined) Object.assign(changes, { bank_account_encrypted: cipher.encrypt(bank), bank_account_last4: bank.slice(-4) })
    return changes
  }

  function kycChanged(current: PartnerRow, input: NormalisedPartnerInput): boolean {
    if (KYC_FIELDS.some((f) => input[f] !== undefined && input[f] !== current[f])) return true
    if (input.bank_account_number === undefined) return false
    return !current.bank_account_encrypted || cipher.decrypt(current.bank_account_encrypted) !== input.bank_account_number
  }

  return {
    /** A signed-in customer (or a partner without a profile) creates their business; the account becomes a partner. */
    async createPartnerProfile(userId: string, body: CreatePartnerBody): Promise<PartnerResponse> {
      const input = normalisePartnerInput(body, { pan: null, gstin: null })
      const row = await db.transaction(async (tx) => {
        const repo = partnersRepository(tx)
        const user = await lockUser(tx, userId)
        if (!user) throw new PartnerProfileNotFoundError()
        if (user.role === 'admin') throw new AdminCannotBePartnerError()
        if (await repo.findByUserId(userId)) throw new PartnerExistsError()
        const now = clock.now()
        const created = await repo.insert({
          ...toChanges(input),
          id: deps.ids.next(),
          user_id: userId,
          business_name: input.business_name ?? body.business_name,
          created_at: now,
          updated_at: now,
        })
        if (user.role !== 'partner') await makeUserPartner(tx, userId, now)
        return created
      })
      return toPartnerResponse(row)
    },

    async getMyPartner(userId: string): Promise<PartnerResponse> {
      return toPartnerResponse(await getPartnerOfUser(db, userId))
    },

    /** Changing a KYC field moves KYC through the state machine: a verified partner goes back to review. */
    async updateMyPartner(userId: string, body: UpdatePartnerBody): Promise<PartnerResponse> {
      const row = await db.transaction(async (tx) => {
        const repo = partnersRepository(tx)
        const current = await getPartnerOfUser(tx, userId, 'update')
        const input = normalisePartnerInput(body, { pan: current.pan, gstin: current.gstin })
        const changes = toChanges(input)
        if (kycChanged(current, input)) {
          const next = transition(current.kyc_status, 'edit_kyc')
          if (next !== current.kyc_status) Object.assign(changes, { kyc_status: next, kyc_rejection_reason: null })
        }
        const updated = await repo.update(current.id, { ...changes, updated_at: clock.now() })
        // the business name is part of every listing's search text; kept in step in the same transaction
        if (input.business_name !== undefined && input.business_name !== current.business_name)
          await deps.listings.renamePartner(tx, current.id, updated.business_name)
        return updated
      })
      return toPartnerResponse(row)
    },

    /** Sends the KYC on file for review; everything required must be there (each field was validated when it was saved). */
    async submitKyc(userId: string): Promise<PartnerResponse> {
      const row = await db.transaction(async (tx) => {
        const repo = partnersRepository(tx)
        const current = await getPartnerOfUser(tx, userId, 'update')
        const next = transition(current.kyc_status, 'submit')
        const missing = missingKycFields(current)
        if (missing.length > 0) throw new KycIncompleteError(missing)
        return repo.update(current.id, { kyc_status: next, kyc_rejection_reason: null, updated_at: clock.now() })
      })
      return toPartnerResponse(row)
    },
  }
}

export type PartnersService = ReturnType<typeof createPartnersService>
