// The AI advisor module as app.ts wires it: the chat and the parent's conversations.
import type { AppModule } from '../../platform/app-module.js'
import type { AuthGuard } from '../../shared/auth.js'
import { aiAdvisorRoutes } from './ai-advisor.routes.js'
import type { AdvisorService } from './ai-advisor.service.js'

export function aiAdvisorModule({ guard, advisor }: { guard: AuthGuard; advisor: AdvisorService }): AppModule {
  return { name: 'ai-advisor', routes: async (app) => app.register(aiAdvisorRoutes, { guard, advisor }) }
}
