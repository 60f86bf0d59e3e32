import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          // createTestCore hashes six PINs with Argon2id in beforeEach: >10 s (the default) on a loaded 2-core box.
          hookTimeout: 60_000,
        },
      },
      {
        // The 100,000-row kill runs (issue 15): minutes on 2 cores, so not in `npm test`; `npm run test:kill`.
        test: {
          name: 'kill',
          include: ['test/kill/**/*.kill.ts'],
          environment: 'node',
          testTimeout: 1_800_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
