// SQL of the advisor's own tables: conversations, messages and the daily usage. Built on a db or a transaction.
import { and, count, desc, eq, sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { aiConversations, aiMessages, aiUsage } from '../../db/schema/ai-advisor.js'
import { pageOffset, type PageQuery } from '../../shared/schemas.js'

export type ConversationRow = typeof aiConversations.$inferSelect
export type MessageRow = typeof aiMessages.$inferSelect
export type NewMessage = typeof aiMessages.$inferInsert

export function createAdvisorRepository(db: Executor) {
  return {
    async findConversation(userId: string, id: string): Promise<ConversationRow | undefined> {
      const [row] = await db.select().from(aiConversations).where(and(eq(aiConversations.id, id), eq(aiConversations.user_id, userId))).limit(1)
      return row
    },

    async listConversations(userId: string, page: PageQuery): Promise<{ items: Array<ConversationRow & { message_count: number }>; total: number }> {
      const { limit, offset } = pageOffset(page)
      // qualified by hand: inside the subquery drizzle would render the column as a bare, ambiguous "id"
      const messageCount = sql<number>`(select count(*) from ai_messages m where m.conversation_id = ai_conversations.id)::int`
      const [items, [totalRow]] = await Promise.all([
        db
          .select({ id: aiConversations.id, user_id: aiConversations.user_id, title: aiConversations.title, created_at: aiConversations.created_at, updated_at: aiConversations.updated_at, message_count: messageCount })
          .from(aiConversations)
          .where(eq(aiConversations.user_id, userId))
          .orderBy(desc(aiConversations.updated_at), desc(aiConversations.id))
          .limit(limit)
          .offset(offset),
        db.select({ total: count() }).from(aiConversations).where(eq(aiConversations.user_id, userId)),
      ])
      return { items, total: totalRow?.total ?? 0 }
    },

    async listMessages(conversationId: string): Promise<MessageRow[]> {
      return db.select().from(aiMessages).where(eq(aiMessages.conversation_id, conversationId)).orderBy(aiMessages.created_at, aiMessages.id)
    },

    /** The last `limit` messages, oldest first. */
    async listRecentMessages(conversationId: string, limit: number): Promise<MessageRow[]> {
      if (limit === 0) return []
      const rows = await db.select().from(aiMessages).where(eq(aiMessages.conversation_id, conversationId)).orderBy(desc(aiMessages.created_at), desc(aiMessages.id)).limit(limit)
      return rows.reverse()
    },

    async createConversation(row: typeof aiConversations.$inferInsert): Promise<ConversationRow> {
      const [created] = await db.insert(aiConversations).values(row).returning()
      return created!
    },

    async touchConversation(id: string, at: Date): Promise<void> {
      await db.update(aiConversations).set({ updated_at: at }).where(eq(aiConversations.id, id))
    },

    async insertMessages(rows: NewMessage[]): Promise<MessageRow[]> {
      return db.insert(aiMessages).values(rows).returning()
    },

    /** Deletes the user's conversation (its messages go with it); false when there is none of theirs. */
    async deleteConversation(userId: string, id: string): Promise<boolean> {
      const rows = await db.delete(aiConversations).where(and(eq(aiConversations.id, id), eq(aiConversations.user_id, userId))).returning({ id: aiConversations.id })
      return rows.length > 0
    },

    /**
     * Counts one more question for the user's day, only while under the limit: one statement, so two questions at
     * once cannot both take the last one. Answers false when the limit is reached.
     */
    async claimQuestion(userId: string, day: string, limit: number): Promise<boolean> {
      const rows = await db
        .insert(aiUsage)
        .values({ user_id: userId, day, questions: 1 })
        .onConflictDoUpdate({
          target: [aiUsage.user_id, aiUsage.day],
          set: { questions: sql`${aiUsage.questions} + 1` },
          setWhere: sql`${aiUsage.questions} < ${limit}`,
        })
        .returning({ questions: aiUsage.questions })
      return rows.length > 0
    },

    async addTokens(userId: string, day: string, tokens: number): Promise<void> {
      await db.update(aiUsage).set({ tokens: sql`${aiUsage.tokens} + ${tokens}` }).where(and(eq(aiUsage.user_id, userId), eq(aiUsage.day, day)))
    },
  }
}

export type AdvisorRepository = ReturnType<typeof createAdvisorRepository>
