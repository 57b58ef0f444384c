// The advisor's two engines behind one interface: offline (rules + template, the default) and the LLM (tool calls
// into the same catalog search), which falls back to the offline answer whenever it fails or is not grounded.
import type { ChatModel } from '../../integrations/llm/index.js'
import { offlineReply } from './offline-reply.js'
import { recommend, type CatalogReader } from './recommend.js'
import type { AdvisorEngine } from './engine-types.js'
import { answerWithLlm, type LlmLogger } from './llm-engine.js'

export function createOfflineEngine(catalog: CatalogReader): AdvisorEngine {
  return {
    name: 'offline',
    async answer({ query, now, seats }) {
      const result = await recommend(catalog, query, { now, seats })
      return { reply: offlineReply(query, result), result, engine: 'offline', usage: { prompt_tokens: 0, completion_tokens: 0 } }
    },
  }
}

export function createLlmEngine(deps: { catalog: CatalogReader; model: ChatModel; logger: LlmLogger }): AdvisorEngine {
  const offline = createOfflineEngine(deps.catalog)
  return {
    name: 'llm',
    async answer(input) {
      const attempt = await answerWithLlm(deps, input)
      if (attempt.answer) return attempt.answer
      deps.logger.warn({ reason: attempt.reason }, 'ai advisor: LLM answer not used, answering offline')
      const fallback = await offline.answer(input)
      // the tokens were spent even though the answer was not used
      return { ...fallback, usage: attempt.usage }
    },
  }
}

export function createAdvisorEngine(deps: { catalog: CatalogReader; model: ChatModel; logger: LlmLogger }): AdvisorEngine {
  return deps.model.enabled ? createLlmEngine(deps) : createOfflineEngine(deps.catalog)
}
