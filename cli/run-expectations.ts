import type { RunReport } from '../engine/index.js';

/** The `expect` lines of the run summary: how many of the scenario's expectations were met, and each one that was not. */
export function expectationLines(r: RunReport): string[] {
  const all = r.expectations;
  if (all.length === 0) return [];
  const failed = all.filter((e) => e.verdict === 'fail');
  if (failed.length === 0) return [`expect    all ${all.length} met`];
  return [`expect    ${all.length - failed.length} of ${all.length} met; not met:`, ...failed.map((e) => `  ${e.path} ${e.expected} — ${e.why ?? 'not met'}`)];
}
