import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    // each file gets its own database; PGlite start-up dominates, so files run in parallel workers
    pool: 'forks',
    // a worker keeps the app's modules loaded from file to file: importing them anew for each of ~110 files cost more
    // CPU than the tests. Files still get their own database and app; no module keeps state between them.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
})
