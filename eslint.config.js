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

// Infrastructure sits below the modules: it never depends on one.
const layerFence = {
  target: ['shared', 'db', 'integrations', 'jobs'].map((dir) => src(`${dir}/**`)),
  from: src('modules/**'),
  message: 'shared, db, integrations and jobs never import from modules.',
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
      'import-x/no-restricted-paths': ['error', { zones: [...moduleFences, layerFence] }],
    },
  },
)
