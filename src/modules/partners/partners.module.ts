// The partners module as app.ts wires it: partner profiles, venues, the admins' KYC review and partner management.
import type { AppModule } from '../../platform/app-module.js'
import type { AuthGuard } from '../../shared/auth.js'
import type { KycReviewService } from './kyc-review.service.js'
import type { PartnerAdminService } from './partner-admin.service.js'
import { adminPartnerRoutes } from './partners-admin.routes.js'
import { partnerRoutes } from './partners.routes.js'
import type { PartnersService } from './partners.service.js'
import { venueRoutes } from './venues.routes.js'
import type { VenuesService } from './venues.service.js'

export function partnersModule({ guard, partners, venues, kycReview, partnerAdmin }: {
  guard: AuthGuard
  partners: PartnersService
  venues: VenuesService
  kycReview: KycReviewService
  partnerAdmin: PartnerAdminService
}): AppModule {
  return {
    name: 'partners',
    routes: async (app) => {
      await app.register(partnerRoutes, { guard, partners })
      await app.register(venueRoutes, { guard, venues })
      await app.register(adminPartnerRoutes, { guard, kycReview, partnerAdmin })
    },
  }
}
