// Lint sees a module import another's schema file; this sees the raw SQL lint cannot: a module's non-test code that
// names another module's table (`from t`, `join t`, `update t`, `insert into t`, or a drizzle `${t}` / `${t.column}`
// interpolation) fails unless src/db/table-ownership.json lists the file as a documented exception.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { getTableName, is } from 'drizzle-orm'
import { PgTable } from 'drizzle-orm/pg-core'
import { describe, expect, it } from 'vitest'
import ownership from './table-ownership.json' with { type: 'json' }

const modulesDir = resolve(import.meta.dirname, '../modules')
const schemaFiles = Object.values(ownership.owners).flat()

interface TableOf { schema: string; sqlName: string; jsName: string }

async function tablesOf(schema: string): Promise<TableOf[]> {
  const exports: Record<string, unknown> = await import(/* @vite-ignore */ resolve(import.meta.dirname, 'schema', `${schema}.ts`))
  return Object.entries(exports).flatMap(([jsName, value]) => (is(value, PgTable) ? [{ schema, sqlName: getTableName(value), jsName }] : []))
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1')

/** Schema files whose tables this file's SQL names, found by name (raw SQL) or by an interpolated table object it imports. */
export function schemasNamedIn(text: string, tables: readonly TableOf[]): Set<string> {
  const code = withoutComments(text)
  const named = new Set<string>()
  const bySqlName = new Map(tables.map((t) => [t.sqlName, t]))
  for (const m of code.matchAll(/\b(?:from|join|update|insert\s+into)\s+([a-z_][a-z0-9_]*)\b/g)) {
    const table = bySqlName.get(m[1]!)
    if (table) named.add(table.schema)
  }
  for (const table of tables) {
    const imported = new RegExp(`import\\s*(?:type\\s*)?\\{[^}]*\\b${table.jsName}\\b[^}]*\\}\\s*from\\s*'[./]*db/schema/${table.schema}\\.js'`).test(code)
    if (imported && new RegExp(`\\$\\{\\s*${table.jsName}(?:\\.[a-z_]+)?\\s*\\}`).test(code)) named.add(table.schema)
  }
  return named
}

const globMatches = (glob: string, file: string) => (glob.endsWith('/**') ? file.startsWith(glob.slice(0, -2)) : file === glob)

describe('a module names only its own tables in SQL', async () => {
  const tables = (await Promise.all([...schemaFiles, 'platform'].map(tablesOf))).flat()

  it('finds the tables of a raw query and of a drizzle interpolation', () => {
    const text = `import { sessions } from '../../db/schema/scheduling.js'
      sql\`select 1 from booking_sessions bs join users u on u.id = bs.user_id where \${sessions.id} = bs.session_id\`
      // update listings is only a comment`
    expect([...schemasNamedIn(text, tables)].sort()).toEqual(['bookings', 'scheduling', 'users'])
  })

  it('every exception names a reason and an existing file', () => {
    const files = sourceFiles(modulesDir).map((path) => relative(modulesDir, path))
    for (const [glob, exception] of Object.entries(ownership.exceptions)) {
      expect(exception.why.length, glob).toBeGreaterThan(20)
      expect(files.some((file) => globMatches(glob, file)), glob).toBe(true)
    }
  })

  for (const path of sourceFiles(modulesDir)) {
    const file = relative(modulesDir, path)
    const module = file.split('/')[0]!
    it(file, () => {
      const allowed = new Set<string>([
        'platform',
        ...((ownership.owners as Record<string, string[]>)[module] ?? []),
        ...Object.entries(ownership.exceptions).flatMap(([glob, exception]) => (globMatches(glob, file) ? exception.schemas : [])),
      ])
      const foreign = [...schemasNamedIn(readFileSync(path, 'utf8'), tables)].filter((schema) => !allowed.has(schema))
      expect(foreign, `${file} names tables of ${foreign.join(', ')}: read them through the owner's index.ts, or document an exception`).toEqual([])
    })
  }
})
