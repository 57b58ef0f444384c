// The fault suite (npm run test:faults): API processes, a balancer and their own PostgreSQL and Redis, killed and
// restarted on purpose; one file, run alone (it owns the machine's attention for its ~3 minutes), needs no template.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/faults/**/*.fault.ts'],
    pool: 'forks',
    fileParallelism: false,
    // the suite bounds itself (a minute of load, 30 s per recovery); these only stop a hung run
    testTimeout: 300_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
})
