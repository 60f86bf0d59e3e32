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
          // A beforeEach that builds a core hashes six PINs with Argon2; on a loaded 2-core machine that passed 10 s.
          hookTimeout: 60_000,
          // vitest's default on 2 cores is cores − 1 = ONE worker: the 124 files ran one after another while the second
          // core idled (CI: 1036 s of tests in 1128 s). Files are independent (own temp folders, own vault, own clock),
          // so two workers; it halves CI's longest step and the date matrix's six runs of it.
          maxWorkers: 2,
        },
      },
      {
        // The built main and preload (out/ and the packaged app) under the strict stand-in Electron: needs
        // `electron-vite build` and `npm run package:check` first, which `npm test` runs before it.
        test: {
          name: 'standin',
          include: ['test/standin/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
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
