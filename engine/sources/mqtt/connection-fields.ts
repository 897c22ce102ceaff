import { parseDuration } from '../../../model/index.js';

/**
 * Checks of single values in a connections file. Each returns the problem in words (no file, line
 * or connection: the caller adds those), or undefined when the value is fine.
 */

/** A topic filter the broker will accept: `#` only as the whole last level, `+` only as a whole level. */
export function topicFilterProblem(filter: string): string | undefined {
  if (filter === '') return 'a topic filter may not be empty';
  if (filter.includes('\u0000')) return `topic filter "${filter}" contains a NUL character`;
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) return `topic filter "${filter}": "#" must be the whole last level`;
    if (level.includes('+') && level !== '+') return `topic filter "${filter}": "+" must be a whole level`;
  }
  return undefined;
}

/** `#`, `+/#`, `+/+/#` …: every topic on the broker (only `$`-topics are left out). */
export function matchesEverything(filter: string): boolean {
  const levels = filter.split('/');
  return levels[levels.length - 1] === '#' && levels.every((l) => l === '+' || l === '#');
}

/** A publish allowlist entry: a concrete topic prefix, no wildcards. */
export function publishPrefixProblem(prefix: string): string | undefined {
  if (prefix === '') return 'a publish prefix may not be empty (that would allow every topic)';
  if (/[+#]/.test(prefix)) return `publish prefix "${prefix}" must be a concrete topic prefix, without the wildcards "+" or "#"`;
  if (prefix.includes('\u0000')) return `publish prefix "${prefix}" contains a NUL character`;
  return undefined;
}

/** A line as a connection names it: `PLANT/LINE` (e.g. `US01/L2`); each id is a topic level, so no `/`, `+`, `#` or spaces. */
// eslint-disable-next-line no-control-regex -- a NUL is refused on purpose: MQTT forbids it in topic names
const LINE_REF = /^[^/\s+#\u0000]+\/[^/\s+#\u0000]+$/;

/** The problem with a `PLANT/LINE` value, or undefined when it is one. */
export function lineProblem(value: unknown): string | undefined {
  if (typeof value === 'string' && LINE_REF.test(value)) return undefined;
  return `a line must be PLANT/LINE (two ids without spaces, "+" or "#"), e.g. US01/L2, got ${describe(value)}`;
}

/** `US01/L2` → `{ plant: 'US01', line: 'L2' }`, for a value `lineProblem` accepts. */
export function toLineRef(text: string): { readonly plant: string; readonly line: string } {
  const i = text.indexOf('/');
  return { plant: text.slice(0, i), line: text.slice(i + 1) };
}

/**
 * Whole seconds from a plain number of seconds or a duration (`30s`, `5m`, `1d`); a string saying
 * what was expected when it is neither, a fraction of a second or outside `0 … max`.
 */
export function toSeconds(value: unknown, max: number): number | string {
  const expected = `a number of seconds or a duration such as 30s, 5m or 1d (at most ${max} s)`;
  let seconds: number | undefined;
  if (typeof value === 'number') seconds = value;
  else if (typeof value === 'string') {
    const ms = parseDuration(value);
    seconds = ms === undefined ? undefined : ms / 1000;
  }
  if (seconds === undefined || !Number.isInteger(seconds) || seconds < 0 || seconds > max) return expected;
  return seconds;
}

/** What a value is, for a message: `"abc"`, `12`, `a list`, `a mapping`. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'object') return 'a mapping';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
