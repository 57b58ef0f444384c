// SendGrid v3 Mail Send over plain fetch, so tests can point it at a local fake through SENDGRID_API_BASE.
export interface EmailMessage {
  readonly to: string
  readonly subject: string
  readonly text: string
  /** An HTML alternative of the text, sent after it (clients show the last part they can render). */
  readonly html?: string
}

export interface EmailClient {
  /** Resolves with SendGrid's message id once the mail is accepted (202); rejects otherwise. */
  sendEmail(message: EmailMessage): Promise<{ messageId: string | undefined }>
}

export class EmailDeliveryError extends Error {
  constructor(readonly status: number | undefined, detail: string) {
    super(`SendGrid refused the mail${status ? ` (HTTP ${status})` : ''}: ${detail}`)
  }
}

/** Splits `Name <address>` (or a bare address) into SendGrid's {email, name}. */
export function parseSender(from: string): { email: string; name?: string } {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(from)
  if (!match) return { email: from.trim() }
  const name = match[1]?.replace(/^"|"$/g, '').trim()
  return name ? { email: match[2]!.trim(), name } : { email: match[2]!.trim() }
}

export function createSendGridClient(options: { apiKey: string; apiBase: string; from: string; timeoutMs?: number }): EmailClient {
  const endpoint = `${options.apiBase.replace(/\/+$/, '')}/v3/mail/send`
  const from = parseSender(options.from)
  return {
    async sendEmail(message) {
      const body = {
        personalizations: [{ to: [{ email: message.to }] }],
        from,
        subject: message.subject,
        content: [{ type: 'text/plain', value: message.text }, ...(message.html ? [{ type: 'text/html', value: message.html }] : [])],
      }
      let response: Response
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        })
      } catch (err) {
        throw new EmailDeliveryError(undefined, err instanceof Error ? err.message : 'network error')
      }
      if (response.status !== 202) {
        const detail = (await response.text().catch(() => '')).slice(0, 500)
        throw new EmailDeliveryError(response.status, detail || response.statusText)
      }
      await response.body?.cancel()
      return { messageId: response.headers.get('x-message-id') ?? undefined }
    },
  }
}
