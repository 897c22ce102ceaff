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
    // `expect.poll` waits for what the console or a child process does in its own time (a session
    // started, a gap shown): Vitest's default of 1 s failed lineage.int's first step whenever another
    // browser test ran beside it (starting the session took longer), and every step after it. A
    // condition met returns at once, so only a failure waits the longer time.
    expect: { poll: { timeout: 15_000 } },
    setupFiles: ['test/support/config-dir-setup.ts'],
  },
});
