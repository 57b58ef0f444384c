// Ids are made by the app (UUID v4) and injected, so tests can name them.
import { randomUUID } from 'node:crypto'

export interface IdGenerator {
  next(): string
}

export const uuidGenerator: IdGenerator = { next: () => randomUUID() }
