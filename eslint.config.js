// Lint rules that keep the architecture honest: typed code, no console in src, modules talk through index.ts only.
import { readdirSync, readFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import js from '@eslint/js'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import tseslint from 'typescript-eslint'

const src = (path) => resolve(import.meta.dirname, 'src', path)
const modules = readdirSync(src('modules'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)

// A module's files (at any depth) reach another module only through that module's index.ts.
const moduleFences = modules.map((name) => ({
  target: src(`modules/${name}/**`),
  from: src('modules/*/**'),
  except: [src('modules/*/index.ts'), src(`modules/${name}/**`)],
  message: `Import another module only through its index.ts.`,
}))

// Which module owns which schema file, and the documented exceptions with their reasons (src/db/table-ownership.json,
// also read by src/db/table-ownership.test.ts for raw SQL): a module's code imports only its own tables.
const ownership = JSON.parse(readFileSync(src('db/table-ownership.json'), 'utf8'))
const tableOwners = ownership.owners
const crossReads = Object.fromEntries(Object.entries(ownership.exceptions).map(([file, { schemas }]) => [file, schemas]))

const schemaFiles = (names) => src(`db/schema/@(${names.join('|')}).ts`)
const tableFence = (name, target, tables) => ({
  target,
  from: src('db/schema/**'),
  except: [schemaFiles(tables)],
  message: `${name} reads other modules' tables through their index.ts (an exported query), not their schema.`,
})
const tableFences = modules.flatMap((name) => {
  const own = tableOwners[name] ?? []
  const whole = crossReads[`${name}/**`] ?? []
  const files = Object.keys(crossReads).filter((key) => key.startsWith(`${name}/`) && key !== `${name}/**`)
  // extglob works per path segment: the exception files are left out of the rest by their (unique) base names
  const rest = files.length ? `modules/${name}/**/!(${files.map((f) => basename(f, '.ts')).join('|')}).ts` : `modules/${name}/**`
  return [
    tableFence(name, src(rest), [...own, ...whole, '']),
    ...files.map((file) => tableFence(name, src(`modules/${file}`), [...own, ...whole, ...crossReads[file]])),
  ]
})

// Infrastructure sits below the modules: it never depends on one.
const layerFence = {
  target: ['shared', 'db', 'integrations', 'jobs', 'platform'].map((dir) => src(`${dir}/**`)),
  from: src('modules/**'),
  message: 'shared, db, integrations, jobs and platform never import from modules.',
}

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'uploads/', 'coverage/', 'dist/', 'bench/.build/', 'src/db/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    // TypeScript sources import `./x.js`, which is `./x.ts` on disk.
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] } })] },
    rules: {
      // an import the resolver cannot follow would slip past the fences below
      'import-x/no-unresolved': 'error',
      'import-x/no-restricted-paths': ['error', { zones: [...moduleFences, ...tableFences, layerFence] }],
    },
  },
  {
    // tests arrange and inspect rows of any table; they still reach other modules only through index.ts
    files: ['src/**/*.test.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: [...moduleFences, layerFence] }] },
  },
)
