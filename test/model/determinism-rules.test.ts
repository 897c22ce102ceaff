import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * simulator/ and monitor/ must be deterministic: time comes from the virtual clock or from events,
 * randomness from the seeded source. This scans their sources for the wall clock, unseeded
 * randomness and timers.
 */
const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/\bDate\.now\s*\(/, 'Date.now()'],
  [/\bnew Date\s*\(\s*\)/, 'new Date() without an argument'],
  [/\bMath\.random\s*\(/, 'Math.random()'],
  [/\brandomUUID\s*\(/, 'crypto.randomUUID()'],
  [/\b(setTimeout|setInterval|setImmediate)\s*\(/, 'timers'],
  [/\bperformance\.now\s*\(/, 'performance.now()'],
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe.each(['simulator', 'monitor'])('%s/ is deterministic', (folder) => {
  it('uses no wall clock, unseeded randomness or timers', () => {
    const files = sources(join(import.meta.dirname, '..', '..', folder));
    expect(files.length).toBeGreaterThan(0);
    const hits = files.flatMap((f) => {
      const text = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      return FORBIDDEN.filter(([re]) => re.test(text)).map(([, what]) => `${f}: ${what}`);
    });
    expect(hits).toEqual([]);
  });
});
