import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one file at a time per core but one, which on the two-core machines CI and
    // plant PCs have is one: most of the suite's time is spent waiting on child processes, Chromium
    // and Mosquitto, so two files at a time cut `vitest run` from 866–948 s (four runs, one file at a
    // time) to 627 s on such a machine (2,279 tests, all passing either way).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    setupFiles: ['test/support/config-dir-setup.ts'],
  },
});
