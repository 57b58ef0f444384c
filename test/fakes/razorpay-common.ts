// What the two Razorpay fakes (payments and RazorpayX payouts) share: ids in Razorpay's shape and its error body.
import { randomBytes } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { sendJson } from './fake-http.js'

export const razorpayId = (prefix: string): string => `${prefix}_${randomBytes(7).toString('base64url').replace(/[-_]/g, 'x').slice(0, 14)}`

/** Razorpay's error answer; `step` is where in a payment it failed ('NA' outside payments). */
export function razorpayError(res: ServerResponse, statusCode: number, code: string, description: string, options: { step: string; field?: string | undefined }): void {
  sendJson(res, statusCode, {
    error: { code, description, source: 'business', step: options.step, reason: 'input_validation_failed', metadata: {}, ...(options.field ? { field: options.field } : {}) },
  })
}
