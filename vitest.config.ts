import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Matrix tests share one Synapse started by the global setup; files run in parallel otherwise.
    testTimeout: 30_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
