// The module fences are lint rules: this proves they bite, at any folder depth, so a config change cannot quietly drop them.
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function fenceErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message)
}

describe('module boundaries (eslint.config.js)', () => {
  it('refuses another module’s internals from a file under use-cases/, and allows its index.ts', async () => {
    const file = 'src/modules/bookings/use-cases/fence-probe.ts'
    expect(await fenceErrors(file, "export { openWallet } from '../../credits/credit-ledger.js'\n")).toEqual([
      expect.stringContaining('only through its index.ts'),
    ])
    expect(await fenceErrors(file, "export { openWallet } from '../../credits/index.js'\n")).toEqual([])
  })

  it('refuses another module’s tables, and allows the module’s own', async () => {
    const file = 'src/modules/waitlist/fence-probe.ts'
    expect(await fenceErrors(file, "export { creditLots } from '../../db/schema/credits.js'\n")).toEqual([expect.stringContaining('waitlist reads other modules')])
    expect(await fenceErrors(file, "export { waitlistEntries } from '../../db/schema/waitlist.js'\n")).toEqual([])
  })

  it('keeps shared code and the platform below the modules', async () => {
    for (const file of ['src/shared/fence-probe.ts', 'src/platform/fence-probe.ts']) {
      const errors = await fenceErrors(file, "export { createCheckout } from '../modules/payments/index.js'\n")
      expect(errors, file).toEqual([expect.stringContaining('never import from modules')])
    }
  })
})
