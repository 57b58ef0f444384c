// The payment provider behind an interface: Razorpay over HTTP (test/live) or an offline mock. Amounts are paise.
import { AppError } from '../../shared/errors.js'

export type Notes = Readonly<Record<string, string>>

export interface CreateOrderInput {
  /** Paise, at least 100 (₹1). */
  amount: number
  currency: 'INR'
  /** Our reference, at most 40 characters (Razorpay's limit). */
  receipt: string
  notes?: Notes
}

export interface GatewayOrder {
  id: string
  amount: number
  currency: string
  receipt: string | null
  status: 'created' | 'attempted' | 'paid'
}

export interface GatewayPayment {
  id: string
  order_id: string | null
  amount: number
  currency: string
  /** created, authorized, captured, refunded or failed. */
  status: string
  captured: boolean
  method: string | null
  amount_refunded: number
  error_code: string | null
  error_description: string | null
  created_at: number
}

export interface CreateRefundInput {
  /** Paise; omitted → the whole payment. */
  amount?: number
  notes?: Notes
}

export interface GatewayRefund {
  id: string
  /** pending, processed or failed. */
  status: string
  amount: number
}

export interface PaymentGateway {
  /** 'mock' completes everything at once; 'razorpay' talks to config.payments.apiBase. */
  readonly kind: 'mock' | 'razorpay'
  createOrder(input: CreateOrderInput): Promise<GatewayOrder>
  fetchPayment(paymentId: string): Promise<GatewayPayment>
  fetchOrderPayments(orderId: string): Promise<GatewayPayment[]>
  /** The same idempotency key (10–40 chars of [A-Za-z0-9_-]) with the same body never refunds twice. */
  createRefund(paymentId: string, input: CreateRefundInput, idempotencyKey: string): Promise<GatewayRefund>
}

/** The provider could not be reached or did not answer in time, or answered 5xx: retry later. */
export class PaymentGatewayUnavailableError extends AppError {
  constructor(
    message = 'The payment provider is unavailable; please try again shortly',
    readonly reason: 'timeout' | 'network' | 'server' = 'network',
  ) {
    super('unavailable', 'PAYMENT_GATEWAY_UNAVAILABLE', message, { 'retry-after': '5' })
  }
}

/** The provider refused the request (a Razorpay `{error: {code, description}}` answer): a bad gateway for our client. */
export class PaymentGatewayError extends AppError {
  override readonly status: number = 502
  constructor(
    /** Razorpay's description, e.g. "The amount must be at least INR 1.00". */
    readonly description: string,
    /** Razorpay's code, e.g. BAD_REQUEST_ERROR. */
    readonly providerCode: string,
    readonly httpStatus: number,
    readonly field: string | null = null,
  ) {
    super('unavailable', 'PAYMENT_GATEWAY_ERROR', `Payment provider refused the request: ${description}`)
  }
}
