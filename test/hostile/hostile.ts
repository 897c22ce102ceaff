/**
 * What the hostile-input properties share: run settings (printed seed, numRuns raised by
 * LINESIGHT_HOSTILE_RUNS), a per-input bound, the prototype-pollution check, and arbitraries for
 * bad input of every kind. Deep values are built as strings, not by fast-check recursion.
 */
import fc from 'fast-check';
import { expect } from 'vitest';

/** numRuns for a property: `base` normally (the suite stays fast), LINESIGHT_HOSTILE_RUNS when set. */
export function runs(base: number): number {
  const n = Number(process.env.LINESIGHT_HOSTILE_RUNS);
  return Number.isInteger(n) && n > 0 ? n : base;
}

const fixedSeed = Number(process.env.LINESIGHT_HOSTILE_SEED);
/** One seed per test file, printed so a failure can be replayed with LINESIGHT_HOSTILE_SEED. */
export function seedFor(file: string): number {
  const seed = Number.isInteger(fixedSeed) ? fixedSeed : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  console.info(`hostile ${file}: seed ${seed} (LINESIGHT_HOSTILE_SEED=${seed} replays it)`);
  return seed;
}

/** fast-check parameters for one property. */
export function params<T>(seed: number, base: number, examples: T[] = []): fc.Parameters<T> {
  return { seed, numRuns: runs(base), examples, endOnFailure: false };
}

/**
 * A generous bound on one input, so a hang shows as a failure naming the input rather than a
 * suite timeout. Not a performance figure: every input here takes milliseconds.
 */
export const PER_INPUT_MS = 5_000;

/** Run `fn`, failing when it took longer than PER_INPUT_MS; returns what it returned or threw. */
export function bounded<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  const t0 = performance.now();
  let out: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    out = { ok: true, value: fn() };
  } catch (error) {
    out = { ok: false, error };
  }
  const ms = performance.now() - t0;
  if (ms > PER_INPUT_MS) throw new Error(`one input took ${Math.round(ms)} ms (bound ${PER_INPUT_MS} ms)`);
  return out;
}

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
const ARRAY_PROTO_KEYS = Object.getOwnPropertyNames(Array.prototype).sort();

/** Object.prototype (and Array.prototype) have exactly their own keys, and `({}).polluted` is unset. */
export function expectNoPollution(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
  expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(ARRAY_PROTO_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
}

export const POISON_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** A key as JSON text: plain, or with a letter \u-escaped (the escaped form hides from a text search). */
const keyText = fc
  .tuple(
    fc.oneof(fc.constantFrom(...POISON_KEYS, 'polluted', 'toString', 'hasOwnProperty', 'id', 'type', 'data', 'time', 'order'), fc.string({ maxLength: 6 })),
    fc.boolean(),
  )
  .map(([k, escape]) => {
    const plain = JSON.stringify(k);
    if (!escape || k.length === 0) return plain;
    const c = k.charCodeAt(k.length - 1).toString(16).padStart(4, '0');
    return `${JSON.stringify(k.slice(0, -1)).slice(0, -1)}\\u${c}"`;
  });

const scalarText = fc.oneof(
  fc.constantFrom('null', 'true', 'false', '0', '-0', '1e400', '-1e400', '9007199254740993', '1.5', '-1', '""', '"2026-02-30T25:61:00Z"', '"NaN"', '"Infinity"'),
  fc.double().map((n) => JSON.stringify(n)),
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
  fc.string({ unit: 'binary', maxLength: 8 }).map((s) => JSON.stringify(s)),
);

/** JSON text of arbitrary shape whose keys are often `__proto__`, `constructor` or `prototype`. */
export const poisonedJsonText: fc.Arbitrary<string> = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalarText, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }).map((xs) => `[${xs.join(',')}]`),
  object: fc.array(fc.tuple(keyText, tie('value')), { maxLength: 5 }).map((kvs) => `{${kvs.map(([k, v]) => `${k}:${v}`).join(',')}}`),
})).value;

/** Bytes that are not valid UTF-8: lone continuation bytes, truncated sequences, overlongs, surrogates. */
export const invalidUtf8: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.uint8Array({ maxLength: 20 }),
    fc.constantFrom([0x80], [0xbf], [0xc0, 0xaf], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xff], [0xfe]),
    fc.uint8Array({ maxLength: 20 }),
  )
  .map(([a, bad, b]) => {
    // keep the surroundings ASCII so the bad sequence stays bad
    const ascii = (x: Uint8Array) => x.map((c) => c & 0x7f);
    return new Uint8Array([...ascii(a), ...bad, ...ascii(b)]);
  });

/** 10,000 levels of nesting, built directly. */
export const DEEP = 10_000;
export const deepArrays = (n = DEEP): string => '['.repeat(n) + ']'.repeat(n);
export const deepObjects = (n = DEEP, key = 'a'): string => `{"${key}":`.repeat(n) + '1' + '}'.repeat(n);

/** Large but bounded: the suite must stay fast. */
export const hugeString = (n = 300_000): string => 'x'.repeat(n);
export const hugeArray = (n = 50_000): string => `[${Array.from({ length: n }, (_, i) => i).join(',')}]`;

/** Dates that do not exist, and edges of the ones that do. */
export const IMPOSSIBLE_DATES = [
  '2026-02-30T25:61:00Z',
  '2026-02-30T10:00:00Z',
  '2026-02-29T10:00:00Z',
  '2026-04-31T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-00-10T00:00:00Z',
  '2026-01-01T24:00:00Z',
  '2026-01-01T23:60:00Z',
  '2026-01-01T23:59:61Z',
  '2026-01-01T00:00:00+24:00',
  '2026-01-01T00:00:00',
  '+275760-09-13T00:00:00.001Z',
] as const;

/** Values of the wrong type (and awkward values of the right one) to put where a valid one was. */
export const WRONG_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  -0,
  '',
  ' ',
  'x'.repeat(5000),
  [],
  [1, 2],
  {},
  { __proto__: null, polluted: 1 },
  ...IMPOSSIBLE_DATES,
];

/** Every path to a leaf or branch of a plain value (keys and indexes). */
export function pathsOf(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof v !== 'object' || v === null) return [prefix];
  const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  return [prefix, ...entries.flatMap(([k, x]) => pathsOf(x, [...prefix, k]))];
}

/** A deep copy of `v` with the value at `path` replaced (or removed with `remove`). */
export function replaceAt(v: unknown, path: readonly (string | number)[], next: unknown, remove = false): unknown {
  if (path.length === 0) return next;
  const copy = structuredClone(v) as Record<string | number, unknown>;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete at[last];
  else at[last] = next;
  return copy;
}

/** `valid` with one value swapped for a wrong one, or removed. */
export function typeSwaps<T>(valid: T): fc.Arbitrary<unknown> {
  const paths = pathsOf(valid).filter((p) => p.length > 0);
  return fc.tuple(fc.constantFrom(...paths), fc.constantFrom(...WRONG_VALUES), fc.boolean()).map(([p, v, remove]) => replaceAt(valid, p, v, remove));
}

/** `text` cut at an arbitrary offset (never the whole of it). */
export function truncations(text: string): fc.Arbitrary<string> {
  return fc.nat({ max: text.length - 1 }).map((n) => text.slice(0, n));
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
