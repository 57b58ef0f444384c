// The AI advisor's tables: a parent's conversations, their messages (with the cards recommended) and the daily usage.
import { sql } from 'drizzle-orm'
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from './users.js'

export const AI_MESSAGE_ROLES = ['user', 'assistant'] as const
export const AI_ENGINES = ['offline', 'llm'] as const

export const aiConversations = pgTable(
  'ai_conversations',
  {
    id: uuid().primaryKey().defaultRandom(),
    user_id: uuid().notNull().references(() => users.id),
    title: text().notNull(),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updated_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ai_conversations_user_idx').on(t.user_id, t.updated_at)],
)

/** One turn: the parent's question or the advisor's answer with the recommendations it made (as sent). */
export const aiMessages = pgTable(
  'ai_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    conversation_id: uuid().notNull().references(() => aiConversations.id, { onDelete: 'cascade' }),
    role: text({ enum: AI_MESSAGE_ROLES }).notNull(),
    content: text().notNull(),
    recommendations: jsonb().notNull().default(sql`'[]'::jsonb`),
    /** When nothing fitted: the constraint eased and what fits without it. */
    relaxation: jsonb(),
    /** What the advisor understood of the question (kept for follow-ups that leave things out). */
    understanding: jsonb(),
    engine: text({ enum: AI_ENGINES }),
    prompt_tokens: integer().notNull().default(0),
    completion_tokens: integer().notNull().default(0),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ai_messages_conversation_idx').on(t.conversation_id, t.created_at),
    check('ai_messages_role_check', sql`${t.role} in ('user','assistant')`),
    check('ai_messages_tokens_check', sql`${t.prompt_tokens} >= 0 and ${t.completion_tokens} >= 0`),
  ],
)

/** Questions asked and tokens used per parent per India day: the daily limit is checked against this row. */
export const aiUsage = pgTable(
  'ai_usage',
  {
    user_id: uuid().notNull().references(() => users.id),
    day: date({ mode: 'string' }).notNull(),
    questions: integer().notNull().default(0),
    tokens: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.user_id, t.day] }), check('ai_usage_counts_check', sql`${t.questions} >= 0 and ${t.tokens} >= 0`)],
)
