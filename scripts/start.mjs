// `npm start`: compile src/ to dist/ when the build is missing or older than the sources, then run dist/main.js in
// this process (compiled JavaScript: no TypeScript loader in memory at run time). `--build-only` stops after building.
import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = join(root, 'dist')
const stampFile = join(dist, '.build-stamp')

/** A hash of every input of the build: the sources (not tests), the build's tsconfig files and the lock file. */
function sourceHash() {
  const hash = createHash('sha256')
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (!entry.name.endsWith('.test.ts')) hash.update(relative(root, path)).update(readFileSync(path))
    }
  }
  walk(join(root, 'src'))
  for (const file of ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json']) hash.update(readFileSync(join(root, file)))
  return hash.digest('hex')
}

function build(hash) {
  rmSync(dist, { recursive: true, force: true })
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
  // the SQL migrations are read from disk next to migrate.js
  cpSync(join(root, 'src', 'db', 'migrations'), join(dist, 'db', 'migrations'), { recursive: true })
  writeFileSync(stampFile, hash)
}

const hash = sourceHash()
const current = existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash
if (!current) {
  process.stderr.write('building dist/ from src/ …\n')
  build(hash)
}
if (!process.argv.includes('--build-only')) await import(pathToFileURL(join(dist, 'main.js')).href)
