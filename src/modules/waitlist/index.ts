// Public face of the waitlist module: app.ts wires the service, routes and jobs, and hands createOfferTrigger to bookings.
export { createOfferTrigger, createWaitlistService, EXPIRE_OFFER_JOB, OFFER_JOB, offerFreedSeats, SWEEP_WAITLISTS_JOB, type WaitlistService } from './waitlist.service.js'
export { waitlistModule } from './waitlist.module.js'
