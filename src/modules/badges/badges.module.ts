// The badges module as app.ts wires it: the parent's badge routes and the evaluation job events enqueue.
import type { AppModule } from '../../platform/app-module.js'
import type { AuthGuard } from '../../shared/auth.js'
import { EVALUATE_BADGES_JOB, type EvaluateBadgesPayload } from './badge-trigger.js'
import { badgeRoutes } from './badges.routes.js'
import type { BadgesService } from './badges.service.js'

export function badgesModule({ guard, badges }: { guard: AuthGuard; badges: BadgesService }): AppModule {
  return {
    name: 'badges',
    routes: async (app) => app.register(badgeRoutes, { guard, badges }),
    jobs: [{ name: EVALUATE_BADGES_JOB, handler: async ({ user_id }: EvaluateBadgesPayload) => void (user_id && (await badges.evaluateBadges(user_id))) }],
  }
}
