/** Compact formats for instants and latencies on the lineage timeline (virtual time, in the zone shown). */
import { fmtDuration } from '../../format.js';
import { zoneNow } from '../../time/display-state.js';
import { formatInstant } from '../../time/plant-time.js';

/**
 * `HH:MM:SS` of a virtual instant in `zone` (default: the zone the console shows now, the plant's or
 * UTC), with milliseconds when `precise`; no zone name (the view says it once).
 */
export const timeOfDay = (ms: number, precise = false, zone: string = zoneNow().zone): string =>
  formatInstant(ms, zone, { date: false, millis: precise, label: false });

/** A hop latency as people read it: `850 ms`, `2.4 s`, `3 min 12 s`; negative when clocks disagree. */
export function fmtLatency(ms: number): string {
  if (ms < 0) return `−${fmtLatency(-ms)}`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return fmtDuration(ms);
}
