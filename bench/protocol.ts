// What bench/run.ts and its server process (bench/server.ts) say to each other over the IPC channel.
import type { SearchListingsQuery } from '../src/modules/catalog/index.js'

export type ServerMessage =
  | { type: 'listening'; port: number; rss: number }
  | { type: 'memory'; peakRss: number; rss: number }
  | { type: 'drained' }
  | { type: 'recording' }
  | { type: 'recorded'; statements: RecordedStatement[] }

/** A statement the server sent while recording, as its driver got it. */
export interface RecordedStatement {
  query: string
  params: unknown[]
}

/** `drain` answers once the database has worked off the queries of requests a finished run left behind. */
/** `record` on: keep every statement the server sends from now; off: answer them (`recorded`) and stop keeping them. */
export type ParentMessage = { type: 'memory'; reset: boolean } | { type: 'drain' } | { type: 'stop' } | { type: 'record'; on: boolean }

/** The filters of GET /bench/search-sql: the same search as the bench's /api/search run, without the HTTP layer. */
export const REFERENCE_SEARCH = { city: 'Gurgaon', age: 8, category: 'swimming', page: 1, page_size: 20 } satisfies SearchListingsQuery
export const REFERENCE_SEARCH_PATH = '/api/search?city=Gurgaon&age=8&category=swimming'

/** The bench server's token key, so the driver can sign customers' tokens for the booking scenarios. */
export const BENCH_JWT_SECRET = 'bench-secret-that-is-long-enough-0123456789'
