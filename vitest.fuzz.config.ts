// The fuzz suite (npm run test:fuzz): its own include, so `npm test` stays as it is; one file, one app, one run budget.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/fuzz/**/*.fuzz.ts'],
    globalSetup: ['./test/global-setup.ts'],
    pool: 'forks',
    // a request budget bounds the run (FUZZ_RUNS per operation); these only stop a hung operation
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
})
