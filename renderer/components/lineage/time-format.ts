/** Compact formats for instants and latencies on the lineage timeline (virtual time, UTC). */
import { fmtDuration } from '../../format.js';

/** `HH:MM:SS` of a virtual instant, with milliseconds when `precise`. */
export const timeOfDay = (ms: number, precise = false): string =>
  new Date(ms).toISOString().slice(11, precise ? 23 : 19);

/** A hop latency as people read it: `850 ms`, `2.4 s`, `3 min 12 s`; negative when clocks disagree. */
export function fmtLatency(ms: number): string {
  if (ms < 0) return `−${fmtLatency(-ms)}`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return fmtDuration(ms);
}
