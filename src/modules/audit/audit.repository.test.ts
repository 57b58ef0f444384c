import { afterAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../../test/test-database.js'
import { createUser } from '../../../test/factories.js'
import { findAuditLogsForTarget, recordAudit } from './index.js'

const database = await createTestDatabase()
afterAll(() => database.close())
const { db } = database

describe('recordAudit', () => {
  it('writes actor, action, target, before and after, at the given time', async () => {
    const admin = await createUser(db, { role: 'admin' })
    const at = new Date('2026-03-01T10:00:00.000Z')
    const row = await recordAudit(db, {
      actor_id: admin.id,
      action: 'partner.kyc_verify',
      target_type: 'partner',
      target_id: 'p-1',
      before: { kyc_status: 'submitted' },
      after: { kyc_status: 'verified' },
      created_at: at,
    })
    expect(row).toMatchObject({ actor_id: admin.id, action: 'partner.kyc_verify', target_type: 'partner', target_id: 'p-1' })
    expect(row.before).toEqual({ kyc_status: 'submitted' })
    expect(row.after).toEqual({ kyc_status: 'verified' })
    expect(row.created_at.toISOString()).toBe(at.toISOString())
  })

  it('drops secret-looking keys from the snapshots', async () => {
    await recordAudit(db, {
      actor_id: null,
      action: 'user.update',
      target_type: 'user',
      target_id: 'u-secret',
      before: { password_hash: 'h', bank_account_encrypted: 'v1.x', bank_account_number: '123456789', name: 'A' },
      after: { name: 'B', access_token: 't' },
    })
    const [row] = await findAuditLogsForTarget(db, 'user', 'u-secret')
    expect(row!.before).toEqual({ name: 'A' })
    expect(row!.after).toEqual({ name: 'B' })
  })

  it('rolls back with the transaction it was written in', async () => {
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, { actor_id: null, action: 'x.y', target_type: 'thing', target_id: 't-rollback', before: null, after: null })
        throw new Error('change failed')
      }),
    ).rejects.toThrow('change failed')
    expect(await findAuditLogsForTarget(db, 'thing', 't-rollback')).toEqual([])
  })
})
