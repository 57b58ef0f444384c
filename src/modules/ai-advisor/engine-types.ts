// What an advisor engine is given and answers, shared by the offline and the LLM engine.
import type { RecommendationResult } from './recommend.js'
import type { AdvisorQuery } from './understanding.js'

export const ENGINES = ['offline', 'llm'] as const
export type EngineName = (typeof ENGINES)[number]

export interface HistoryTurn {
  role: 'user' | 'assistant'
  content: string
}

export interface EngineInput {
  message: string
  query: AdvisorQuery
  history: readonly HistoryTurn[]
  now: Date
  seats: number
}

export interface TokenUsage {
  prompt_tokens: number
  completion_tokens: number
}

export interface EngineAnswer {
  reply: string
  result: RecommendationResult
  engine: EngineName
  usage: TokenUsage
}

export interface AdvisorEngine {
  readonly name: EngineName
  answer(input: EngineInput): Promise<EngineAnswer>
}
