/**
 * Hostile YAML/JSON files for the file readers (scenario, connections, mappings): mutations of a
 * valid file, poisoned keys, aliases that expand or contain themselves, and deep nesting.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, expect, vi } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../cli/main.js';
import { poisonedJsonText, truncations, typeSwaps } from './hostile.js';

/** Text of a hostile file in YAML or JSON, made from `valid` (a parsed valid file). */
export function hostileFileText(valid: unknown): fc.Arbitrary<{ text: string; ext: 'yaml' | 'json' }> {
  const yaml = stringify(valid);
  const json = JSON.stringify(valid, null, 2);
  const asYaml = (text: string) => ({ text, ext: 'yaml' as const });
  const asJson = (text: string) => ({ text, ext: 'json' as const });
  return fc.oneof(
    truncations(yaml).map(asYaml),
    truncations(json).map(asJson),
    typeSwaps(valid).map((v) => asYaml(stringify(v))),
    typeSwaps(valid).map((v) => asJson(JSON.stringify(v) ?? 'null')),
    poisonedJsonText.map(asJson),
    poisonedJsonText.map(asYaml),
    fc.string({ maxLength: 200 }).map(asYaml),
    fc.constantFrom(...ALIAS_TRAPS).map(asYaml),
  );
}

/** Aliases that contain themselves, expand exponentially, or stack nesting the text does not show. */
export const ALIAS_TRAPS = [
  'a: &a\n  b: *a\n',
  'a: &a [*a]\n',
  'connections: &c\n  - *c\n',
  'mappings: &m\n  - kind: json\n    fields: *m\n',
  'name: &n { x: *n }\nseed: 1\nstart: 2026-03-02T06:00:00Z\nduration: 2h\n',
  'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n',
  Array.from({ length: 120 }, (_, i) => (i === 0 ? 'a0: &a0 [1]' : `a${i}: &a${i} [*a${i - 1}]`)).join('\n') + '\n',
];

/** Files nested 10,000 levels deep, as flow collections, block indentation and compact sequences. */
export const DEEP_FILES: readonly { name: string; text: string; ext: 'yaml' | 'json' }[] = [
  { name: 'flow sequences', text: '['.repeat(10_000) + ']'.repeat(10_000), ext: 'yaml' },
  { name: 'flow maps', text: '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000), ext: 'yaml' },
  { name: 'JSON objects', text: '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000), ext: 'json' },
  { name: 'JSON arrays', text: '['.repeat(10_000) + ']'.repeat(10_000), ext: 'json' },
  // indentation makes block nesting quadratic in size: 2,000 levels (4 MB) already overflowed the parser
  { name: 'block maps', text: Array.from({ length: 2_000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n'), ext: 'yaml' },
  { name: 'compact sequences', text: '- '.repeat(10_000) + 'x', ext: 'yaml' },
];

/** A temp folder for the files, removed after the test file. */
export function tempDir(): (name: string, text: string) => string {
  const dir = mkdtempSync(join(tmpdir(), 'linesight-hostile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  return (name, text) => {
    const path = join(dir, `${n++}-${name}`);
    writeFileSync(path, text);
    return path;
  };
}

/** Run the CLI in-process; returns its exit code and what it wrote to stderr. */
export async function cli(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    return { code: await main(argv), stderr };
  } finally {
    spy.mockRestore();
  }
}

/** `message` starts with `file:line:column` (both 1-based), or exactly `file:line:column: ` with `at`. */
export function expectNamesPosition(message: string, file: string, at?: readonly [line: number, column: number]): void {
  expect(message.slice(0, file.length)).toBe(file);
  if (at) expect(message.slice(file.length)).toMatch(new RegExp(`^:${at[0]}:${at[1]}: `));
  else expect(message.slice(file.length)).toMatch(/^:[1-9]\d*:[1-9]\d*: /);
}
