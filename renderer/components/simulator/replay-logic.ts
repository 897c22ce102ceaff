/** Pure helpers of the replay controls: the seek slider's step and the exact-time field. */

/** A slider step that gives about a thousand positions over the range, in whole seconds (at least one). */
export function seekStep(startMs: number, endMs: number): number {
  const range = Math.max(0, endMs - startMs);
  return Math.max(1000, Math.ceil(range / 1000 / 1000) * 1000);
}

export type TimeParse = { readonly ok: true; readonly time: number } | { readonly ok: false; readonly message: string };

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;
const TIME_ONLY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|UTC)?$/i;

const pad = (n: string | undefined, w = 2) => (n ?? '0').padStart(w, '0');

/**
 * The exact-time field: `YYYY-MM-DD HH:MM[:SS]` as simulated time is shown (UTC unless an offset is
 * given, e.g. `2026-03-02T07:30:00+01:00`), or `HH:MM[:SS]` UTC on the replay's first day. The instant
 * must lie within the session, `startMs … endMs`.
 */
export function parseSimTime(text: string, startMs: number, endMs: number): TimeParse {
  const t = text.trim();
  if (t === '') return { ok: false, message: 'give a time, e.g. 2026-03-02 07:30:00 UTC' };
  let ms: number;
  const full = DATE_TIME.exec(t);
  const short = full ? null : TIME_ONLY.exec(t);
  if (full) {
    const [, date, h, m, s, frac, zone] = full;
    // Date.parse rolls 2026-02-30 over to March: refuse a day the calendar does not have
    const day = new Date(`${date}T00:00:00Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date) return { ok: false, message: `“${t}” is not a valid date and time` };
    const offset = !zone || /^(z|utc)$/i.test(zone) ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
    ms = Date.parse(`${date}T${pad(h)}:${pad(m)}:${pad(s)}.${pad(frac, 3)}${offset}`);
  } else if (short) {
    const [, h, m, s] = short;
    const day = new Date(startMs).toISOString().slice(0, 10);
    ms = Date.parse(`${day}T${pad(h)}:${pad(m)}:${pad(s)}.000Z`);
  } else {
    return { ok: false, message: `“${t}” is not a time: use YYYY-MM-DD HH:MM:SS (UTC) or HH:MM` };
  }
  if (Number.isNaN(ms)) return { ok: false, message: `“${t}” is not a valid date and time` };
  if (ms < startMs || ms > endMs) {
    const f = (x: number) => `${new Date(x).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
    return { ok: false, message: `outside the session: it runs from ${f(startMs)} to ${f(endMs)}` };
  }
  return { ok: true, time: ms };
}

/** How far into the session an instant is, 0–100 (for the slider's readout). */
export const percentOf = (time: number, startMs: number, endMs: number): number =>
  endMs <= startMs ? 100 : Math.round(((Math.min(Math.max(time, startMs), endMs) - startMs) / (endMs - startMs)) * 100);
