import { plantDay, wallClockMs, zoneOffsetMs } from './periods.js';

/**
 * Working shifts in plant time. A scenario's `shifts:` lists them in each plant's wall clock (the
 * plant model's IANA `timeZone`); boundaries are computed per calendar day in the zone with Intl,
 * so a night shift 22:00–06:00 across the spring change lasts 7 h and across the autumn change 9 h.
 */

/** One shift as written: start and end `HH:MM` in plant time; end ≤ start means the next day. */
export type ShiftSpec = { readonly name: string; readonly start: string; readonly end: string };

/** One occurrence of a shift: [startMs, endMs) in epoch ms. */
export type ShiftWindow = { readonly name: string; readonly startMs: number; readonly endMs: number };

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Hours and minutes of `HH:MM` (00:00 … 23:59), undefined when it is not one. */
export function parseHhMm(text: string): { readonly h: number; readonly min: number } | undefined {
  const m = HHMM.exec(text);
  return m ? { h: Number(m[1]), min: Number(m[2]) } : undefined;
}

const DAY_MS = 86_400_000;

/**
 * Every occurrence of `shifts` in `zone` that overlaps [fromMs, toMs), in start order. Each shift
 * starts on every plant-time calendar day; one whose end is not after its start ends the next day.
 */
export function shiftWindows(shifts: readonly ShiftSpec[], zone: string, fromMs: number, toMs: number): ShiftWindow[] {
  const out: ShiftWindow[] = [];
  // from the plant day before `fromMs` (a night shift begun the evening before) to the day of `toMs`
  const first = plantDay(fromMs - DAY_MS, zone);
  const last = plantDay(toMs, zone);
  const lastKey = last.y * 10_000 + last.m * 100 + last.d;
  for (let i = 0; ; i++) {
    // Date.UTC normalises day overflow into the next month or year
    const day = new Date(Date.UTC(first.y, first.m - 1, first.d + i));
    const y = day.getUTCFullYear();
    const m = day.getUTCMonth() + 1;
    const d = day.getUTCDate();
    if (y * 10_000 + m * 100 + d > lastKey) break;
    for (const s of shifts) {
      const a = parseHhMm(s.start)!;
      const b = parseHhMm(s.end)!;
      const overnight = b.h * 60 + b.min <= a.h * 60 + a.min;
      const startMs = wallClockMs(y, m, d, a.h, a.min, zone);
      const endMs = wallClockMs(y, m, d + (overnight ? 1 : 0), b.h, b.min, zone);
      if (endMs > fromMs && startMs < toMs) out.push({ name: s.name, startMs, endMs });
    }
  }
  return out.sort((p, q) => p.startMs - q.startMs || p.endMs - q.endMs);
}

/** The shift window containing `ms` (start ≤ ms < end), if any. */
export function shiftAt(windows: readonly ShiftWindow[], ms: number): ShiftWindow | undefined {
  for (const w of windows) if (w.startMs <= ms && ms < w.endMs) return w;
  return undefined;
}

/** RFC 3339 of `ms` with the plant's UTC offset in `zone` (e.g. `2026-03-29T06:00:00+02:00`), to the second. */
export function zonedRfc3339(ms: number, zone: string): string {
  const off = zoneOffsetMs(ms, zone);
  const wall = new Date(Math.floor(ms / 1000) * 1000 + off).toISOString().slice(0, 19);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off) / 60_000;
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${wall}${sign}${hh}:${mm}`;
}

/** The zone's short name at `ms` (`CET`, `CEST`, `CDT`; `GMT+1` where Intl knows no abbreviation). */
export function zoneAbbreviation(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(ms);
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
  if (!name.startsWith('GMT')) return name;
  // en-US knows US abbreviations only; en-GB knows the European ones
  const gb = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' }).formatToParts(ms);
  return gb.find((p) => p.type === 'timeZoneName')?.value ?? name;
}

/** Plant wall clock `HH:MM` of `ms` in `zone`. */
export function plantHhMm(ms: number, zone: string): string {
  return zonedRfc3339(ms, zone).slice(11, 16);
}
