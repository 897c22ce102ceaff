import { parseDuration } from '../../model/index.js';
import type { Path, Source } from './source.js';

/** What a duration looks like, for error messages. */
export const DURATION_GRAMMAR = 'a duration such as 90s, 15m or 8h (a number followed by ms, s, m, h or d)';
export const POSITIVE_DURATION = 'a positive duration such as 90s, 15m or 8h (a number followed by ms, s, m, h or d)';

/** A duration from the file in milliseconds; `fallback` when absent. */
export function durationAt(src: Source, path: Path, text: string | undefined, fallback: number, opts: { positive?: boolean } = {}): number {
  if (text === undefined) return fallback;
  const ms = parseDuration(text);
  if (ms === undefined) src.fail(path, DURATION_GRAMMAR, JSON.stringify(text));
  if (opts.positive && ms <= 0) src.fail(path, POSITIVE_DURATION, JSON.stringify(text));
  return ms;
}
