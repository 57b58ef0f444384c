// RazorpayX Payouts: the HTTP client for PAYOUTS_MODE=razorpayx; the manual mode (no calls) otherwise.
import type { Config } from '../../config.js'
import { createManualPayoutProvider, type PayoutProvider } from './payout-provider.js'
import { createRazorpayXClient } from './razorpayx-client.js'

export {
  createManualPayoutProvider, PayoutProviderRefusedError, PayoutProviderUnavailableError,
  type BankAccountInput, type CreatePayoutInput, type PayoutContactInput, type PayoutProvider, type ProviderPayout,
} from './payout-provider.js'
export { createRazorpayXClient, type RazorpayXClientOptions } from './razorpayx-client.js'

export function createPayoutProvider(payouts: Config['payouts'], timeoutMs = 10_000): PayoutProvider {
  if (payouts.mode === 'manual') return createManualPayoutProvider()
  return createRazorpayXClient({ keyId: payouts.keyId, keySecret: payouts.keySecret, accountNumber: payouts.accountNumber, baseUrl: payouts.baseUrl, timeoutMs })
}
