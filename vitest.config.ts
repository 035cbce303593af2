import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Integration and e2e tests start real processes and servers; two cores here.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
