// The waitlist module as app.ts wires it: joining and offers, and the jobs that offer freed seats and lapse old offers.
import type { AppModule } from '../../platform/app-module.js'
import type { AuthGuard } from '../../shared/auth.js'
import { waitlistRoutes } from './waitlist.routes.js'
import { EXPIRE_OFFER_JOB, OFFER_JOB, SWEEP_WAITLISTS_JOB, type WaitlistService } from './waitlist.service.js'

export function waitlistModule({ guard, waitlist }: { guard: AuthGuard; waitlist: WaitlistService }): AppModule {
  return {
    name: 'waitlist',
    routes: async (app) => app.register(waitlistRoutes, { guard, waitlist }),
    jobs: [
      { name: OFFER_JOB, handler: async ({ session_id }: { session_id?: string }) => void (session_id && (await waitlist.offerSession(session_id))) },
      { name: EXPIRE_OFFER_JOB, handler: async ({ offer_id }: { offer_id?: string }) => void (offer_id && (await waitlist.expireOffer(offer_id))) },
      // a safety net behind the jobs: offers seats freed without an offer job, and lapses offers whose expiry did not run
      { name: SWEEP_WAITLISTS_JOB, handler: async () => void (await waitlist.sweepWaitlists()), cron: '* * * * *' },
    ],
  }
}
