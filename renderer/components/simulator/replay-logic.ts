/** Pure helpers of the replay controls: the seek slider's step and the exact-time field. */
import { isoWall, parseWallTime, wallTimeAt, wallTimeToInstant, zoneLabel } from '../../time/plant-time.js';

/** A slider step that gives about a thousand positions over the range, in whole seconds (at least one). */
export function seekStep(startMs: number, endMs: number): number {
  const range = Math.max(0, endMs - startMs);
  return Math.max(1000, Math.ceil(range / 1000 / 1000) * 1000);
}

export type TimeParse = { readonly ok: true; readonly time: number } | { readonly ok: false; readonly message: string };

// a trailing zone: Z, an offset, or a name (`UTC`, `CST`: the field's own zone is meant, as shown)
const DATE_TIME = /^(\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z][A-Za-z0-9+-]*)?$/;
const TIME_ONLY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([A-Za-z][A-Za-z0-9+-]*)?$/;

const isUtc = (z: string | undefined) => z !== undefined && /^(z|utc)$/i.test(z);

/**
 * The exact-time field: `YYYY-MM-DD HH:MM[:SS]` as simulated time is shown — wall time in `zone` (the
 * plant's, or UTC), unless `UTC`/`Z` or an offset is given (`2026-03-02T07:30:00+01:00`) — or
 * `HH:MM[:SS]` on the replay's first day in that zone. A wall time a DST change skips is moved forward,
 * one it repeats is the earlier (see `wallTimeToInstant`). The instant must lie within the session,
 * `startMs … endMs`.
 */
export function parseSimTime(text: string, startMs: number, endMs: number, zone = 'UTC'): TimeParse {
  const t = text.trim();
  if (t === '') return { ok: false, message: `give a time, e.g. ${isoWall(startMs, zone)} ${zoneLabel(startMs, zone)}` };
  let ms: number;
  const full = DATE_TIME.exec(t);
  const short = full ? null : TIME_ONLY.exec(t);
  if (full) {
    const [, wallText, z] = full;
    const wall = parseWallTime(wallText!);
    // the calendar's days only (Date.parse would roll 2026-02-30 over to March)
    if (!wall) return { ok: false, message: `“${t}” is not a valid date and time` };
    if (z !== undefined && /^[+-]/.test(z)) {
      const sign = z.startsWith('-') ? -1 : 1;
      const digits = z.slice(1).replace(':', '');
      ms = wallTimeToInstant(wall, 'UTC').ms - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    } else {
      ms = wallTimeToInstant(wall, isUtc(z) ? 'UTC' : zone).ms;
    }
  } else if (short) {
    const [, h, m, s, z] = short;
    const readIn = isUtc(z) ? 'UTC' : zone;
    const day = wallTimeAt(startMs, readIn);
    if (Number(h) > 23 || Number(m) > 59 || Number(s ?? 0) > 59) return { ok: false, message: `“${t}” is not a valid time` };
    ms = wallTimeToInstant({ ...day, hour: Number(h), minute: Number(m), second: Number(s ?? 0), ms: 0 }, readIn).ms;
  } else {
    return { ok: false, message: `“${t}” is not a time: use YYYY-MM-DD HH:MM:SS (${zoneLabel(startMs, zone)}) or HH:MM` };
  }
  if (Number.isNaN(ms)) return { ok: false, message: `“${t}” is not a valid date and time` };
  if (ms < startMs || ms > endMs) {
    const f = (x: number) => `${isoWall(x, zone)} ${zoneLabel(x, zone)}`;
    return { ok: false, message: `outside the session: it runs from ${f(startMs)} to ${f(endMs)}` };
  }
  return { ok: true, time: ms };
}

/** How far into the session an instant is, 0–100 (for the slider's readout). */
export const percentOf = (time: number, startMs: number, endMs: number): number =>
  endMs <= startMs ? 100 : Math.round(((Math.min(Math.max(time, startMs), endMs) - startMs) / (endMs - startMs)) * 100);
