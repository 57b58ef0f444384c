// Paying for a held booking (PAYMENTS_MODE test/live): the order the parent's checkout pays, created by a gateway the app
// wires in (structurally the PaymentGateway of src/integrations/razorpay), and where payment anomalies are logged.

export interface PaymentOrderInput {
  /** Paise. */
  amount: number
  currency: 'INR'
  /** Our booking id (Razorpay allows 40 characters; a UUID is 36). */
  receipt: string
  notes?: Readonly<Record<string, string>>
}

export interface OrderPort {
  createOrder(input: PaymentOrderInput): Promise<{ id: string; amount: number; currency: string }>
}

export interface PaymentLogger {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
}

export interface BookingPayments {
  orders: OrderPort
  /** Sent to the app for its checkout. */
  keyId: string
  /** Checkout's payment signature is an HMAC with it. */
  keySecret: string
}

export const silentPaymentLogger: PaymentLogger = { info: () => undefined, warn: () => undefined }
