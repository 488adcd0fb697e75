import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/fuzz/**/*.test.ts',
      'tests/crash/**/*.test.ts',
      'tests/server/**/*.test.ts',
      'tests/sync/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
