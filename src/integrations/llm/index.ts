// The LLM behind the AI advisor: an OpenAI-compatible chat-completions client when a key is configured, none otherwise.
import { disabledChatModel, type ChatModel } from './chat-model.js'
import { createOpenAiChatModel } from './openai-chat-model.js'

export { disabledChatModel, LlmError, type ChatCompletion, type ChatMessage, type ChatModel, type ChatRequest, type ToolCall, type ToolDefinition } from './chat-model.js'
export { assembleStream, createOpenAiChatModel, type OpenAiChatModelOptions } from './openai-chat-model.js'

export interface LlmSettings {
  readonly apiKey: string
  readonly baseUrl: string
  readonly model: string
  readonly timeoutMs: number
}

export function createChatModel(settings: LlmSettings): ChatModel {
  if (!settings.apiKey) return disabledChatModel
  return createOpenAiChatModel(settings)
}
