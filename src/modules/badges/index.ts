// Public face of the badges module: app.ts wires the service, routes and job; bookings and reviews are handed the
// trigger (createBadgeTrigger) and call it inside the transaction of the event that may earn a badge.
export { badgeEvaluationJob, createBadgeTrigger, EVALUATE_BADGES_JOB, type BadgeEvent, type BadgeTrigger } from './badge-trigger.js'
export { awardDueBadges, createBadgesService, seedBadgeDefinitions, type BadgesService } from './badges.service.js'
export { STARTING_BADGES } from './badge-definitions.js'
export { badgesModule } from './badges.module.js'
