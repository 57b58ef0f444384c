// The one way to read a system setting (the `config` table, owned by no module).
import { eq } from 'drizzle-orm'
import type { Executor } from './database.js'
import { settings } from './schema/platform.js'

/** A setting's stored JSON value (`gst`, `cancellation_policy`), or undefined; runs on the caller's transaction. */
export async function readSetting(executor: Executor, key: string): Promise<unknown> {
  const [row] = await executor.select({ value: settings.value }).from(settings).where(eq(settings.key, key))
  return row?.value
}
