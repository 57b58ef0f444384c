// Badges: definitions with each parent's (and each child's) progress counted from the facts, the awards earned, and the
// evaluation job that awards what is due, once per (badge, parent, child) however often or concurrently it runs.
import type { Db, Executor } from '../../db/database.js'
import { readAll } from '../../db/query.js'
import type { Clock } from '../../shared/clock.js'
import type { IdGenerator } from '../../shared/ids.js'
import { pageOffset, type PageOf, type PageQuery } from '../../shared/schemas.js'
import { findChildrenOfUser, findNotificationRecipient } from '../auth/index.js'
import { languageOf, type Notify } from '../notifications/index.js'
import { STARTING_BADGES } from './badge-definitions.js'
import { figureOf, readBadgeFacts } from './badge-facts.js'
import { badgesRepository, type BadgeAwardRow, type BadgeRow } from './badges.repository.js'
import type { BadgeProgressResponse, EarnedBadgeResponse } from './badges.schemas.js'

export interface BadgesServiceDeps {
  db: Db
  clock: Clock
  ids: IdGenerator
  /** Each new award tells its parent (badge_awarded), in the award's transaction. */
  notify?: Notify
}

const awardKey = (badgeId: string, childId: string | null) => `${badgeId}:${childId ?? ''}`

/** The definition as the API shows it (without its bookkeeping columns). */
function badgeView(b: BadgeRow): EarnedBadgeResponse['badge'] {
  return {
    id: b.id, code: b.code, name_en: b.name_en, name_hi: b.name_hi, description_en: b.description_en, description_hi: b.description_hi,
    icon: b.icon, scope: b.scope, rule: b.rule, threshold: b.threshold,
  }
}

/** Puts back the starting badges that are missing (seed:production and the demo seed); answers how many it inserted. */
export function seedBadgeDefinitions(tx: Executor): Promise<number> {
  return badgesRepository(tx).insertMissing(STARTING_BADGES)
}

/** Everything a user's badges are judged on, read on one executor. */
function readState(executor: Executor, userId: string) {
  const repo = badgesRepository(executor)
  return readAll(
    executor,
    () => repo.activeBadges(),
    () => readBadgeFacts(executor, userId),
    () => findChildrenOfUser(executor, userId),
    () => repo.awardsOf(userId),
  )
}

/**
 * Awards every badge the user or one of their children has reached and not yet received, and tells the parent of each
 * in the caller's transaction. The award's key makes a replayed or concurrent run insert (and tell) nothing twice.
 */
export async function awardDueBadges(tx: Executor, userId: string, options: { now: Date; ids: IdGenerator; notify?: Notify | undefined }): Promise<number> {
  const repo = badgesRepository(tx)
  const [definitions, facts, kids, awards] = await readState(tx, userId)
  const earned = new Set(awards.map((a) => awardKey(a.badge_id, a.child_id)))
  let language: 'en' | 'hi' | undefined
  let awarded = 0
  for (const badge of definitions) {
    // one order of inserts in every run: two runs racing wait on each other's key, never deadlock
    const holders = badge.scope === 'parent' ? [null] : kids.map((k) => k.id).sort()
    for (const childId of holders) {
      if (earned.has(awardKey(badge.id, childId))) continue
      const figure = figureOf(facts, badge.rule, childId)
      if (figure < badge.threshold) continue
      const award = await repo.insertAward({ id: options.ids.next(), badge_id: badge.id, user_id: userId, child_id: childId, progress: figure, earned_at: options.now })
      if (!award) continue
      awarded++
      language ??= languageOf({ language: (await findNotificationRecipient(tx, userId))?.language })
      await options.notify?.(tx, {
        user_id: userId,
        kind: 'badge_awarded',
        event_key: `badge-awarded:${badge.id}:${childId ?? 'parent'}`,
        data: { badge_id: badge.id, badge_name: language === 'hi' ? badge.name_hi : badge.name_en, child_name: kids.find((k) => k.id === childId)?.name ?? null },
      })
    }
  }
  return awarded
}

export function createBadgesService(deps: BadgesServiceDeps) {
  const { db, clock, ids } = deps

  return {
    /** GET /api/badges: every active badge with the parent's progress, or each child's for a child badge. */
    async listBadges(userId: string): Promise<BadgeProgressResponse[]> {
      const [definitions, facts, kids, awards] = await readState(db, userId)
      const earnedAt = new Map(awards.map((a) => [awardKey(a.badge_id, a.child_id), a.earned_at.toISOString()]))
      return definitions.map((b) => ({
        ...badgeView(b),
        progress: b.scope === 'parent' ? { current: figureOf(facts, b.rule, null), earned_at: earnedAt.get(awardKey(b.id, null)) ?? null } : null,
        children:
          b.scope === 'child'
            ? kids.map((k) => ({ child_id: k.id, child_name: k.name, current: figureOf(facts, b.rule, k.id), earned_at: earnedAt.get(awardKey(b.id, k.id)) ?? null }))
            : [],
      }))
    },

    /** GET /api/badges/my: the badges earned, newest first. */
    async listMyBadges(userId: string, query: PageQuery): Promise<PageOf<EarnedBadgeResponse>> {
      const { limit, offset } = pageOffset(query)
      const [{ items, total }, kids] = await readAll(
        db,
        () => badgesRepository(db).pageAwards(userId, limit, offset),
        () => findChildrenOfUser(db, userId),
      )
      const childName = new Map(kids.map((k) => [k.id, k.name]))
      const shown = items.map(({ award, badge }: { award: BadgeAwardRow; badge: BadgeRow }) => ({
        id: award.id,
        badge: badgeView(badge),
        child_id: award.child_id,
        child_name: award.child_id ? (childName.get(award.child_id) ?? null) : null,
        progress: award.progress,
        earned_at: award.earned_at.toISOString(),
      }))
      return { items: shown, total, page: query.page, page_size: query.page_size }
    },

    /** The evaluation job, in its own transaction (awardDueBadges). */
    evaluateBadges: (userId: string): Promise<number> => db.transaction((tx) => awardDueBadges(tx, userId, { now: clock.now(), ids, notify: deps.notify })),
  }
}

export type BadgesService = ReturnType<typeof createBadgesService>
