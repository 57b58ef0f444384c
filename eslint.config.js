// Lint rules that keep the architecture honest: typed code, no console in src, modules talk through index.ts only.
import { readdirSync } from 'node:fs'
import { resolve } from 'node:path'
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

// Which module owns which schema file (README.md, Architecture): a module's code imports only its own tables.
const tableOwners = {
  auth: ['users'],
  partners: ['partners'],
  listings: ['listings'],
  scheduling: ['scheduling'],
  bookings: ['bookings'],
  waitlist: ['waitlist'],
  credits: ['credits'],
  invoices: ['invoices'],
  payments: ['payments'],
  audit: ['audit'],
}

// The documented exceptions: files (relative to src/modules) that may also import these schema files, and why.
const crossReads = {
  // the catalog is a read model: public search, detail and home feeds join listings, partners and scheduling in one query
  'catalog/**': ['listings', 'partners', 'scheduling'],
  // a seat is a row of a session: every booking view and seat move reads booking_sessions ⋈ sessions in one query
  'bookings/booked-sessions.ts': ['scheduling'],
  // TEMPORARY until these reads move behind auth/listings/scheduling/bookings queries (README.md, Architecture)
  'partners/partners.repository.ts': ['users', 'listings'],
  'partners/venues.repository.ts': ['listings', 'scheduling'],
  'scheduling/scheduling.repository.ts': ['bookings', 'listings', 'partners'],
}

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
  const rest = files.length ? `modules/${name}/**/!(${files.map((f) => f.slice(name.length + 1, -3)).join('|')}).ts` : `modules/${name}/**`
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
  { ignores: ['node_modules/', 'data/', 'uploads/', 'coverage/', 'src/db/migrations/'] },
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
