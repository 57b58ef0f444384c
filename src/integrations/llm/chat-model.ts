// A chat model that can call tools, as the OpenAI chat-completions API describes it; the advisor talks only to this.

export interface ToolCall {
  readonly id: string
  readonly type: 'function'
  readonly function: { readonly name: string; readonly arguments: string }
}

export type ChatMessage =
  | { readonly role: 'system' | 'user'; readonly content: string }
  | { readonly role: 'assistant'; readonly content: string | null; readonly tool_calls?: readonly ToolCall[] }
  | { readonly role: 'tool'; readonly tool_call_id: string; readonly content: string }

export interface ToolDefinition {
  readonly type: 'function'
  readonly function: { readonly name: string; readonly description: string; readonly parameters: object }
}

export interface ChatRequest {
  readonly messages: readonly ChatMessage[]
  readonly tools?: readonly ToolDefinition[]
  readonly maxTokens?: number
  /** Ask for server-sent events and put the pieces back together (content and tool calls). */
  readonly stream?: boolean
}

export interface ChatCompletion {
  readonly content: string | null
  readonly tool_calls: readonly ToolCall[]
  readonly finish_reason: string
  readonly usage: { readonly prompt_tokens: number; readonly completion_tokens: number }
}

export class LlmError extends Error {
  constructor(message: string, readonly reason: 'timeout' | 'http' | 'network' | 'malformed' | 'disabled') {
    super(message)
  }
}

export interface ChatModel {
  /** False without a key: the advisor then answers with its offline engine only. */
  readonly enabled: boolean
  readonly model: string
  /** One completion; LlmError when the call fails, times out or answers something unreadable. */
  complete(request: ChatRequest): Promise<ChatCompletion>
}

/** The model without a key: the offline engine answers everything. */
export const disabledChatModel: ChatModel = {
  enabled: false,
  model: 'offline',
  async complete() {
    throw new LlmError('No LLM is configured (LLM_API_KEY / EMERGENT_LLM_KEY is unset)', 'disabled')
  },
}
