import { zoneAbbreviation, zonedRfc3339 } from '../../model/shifts.js';

/** An instant as a summary shows it: the plant's wall clock and its zone's abbreviation, `2026-03-02 06:20:00 CST`. */
function plantInstant(ms: number, zone: string): string {
  const wall = zonedRfc3339(ms, zone);
  return `${wall.slice(0, 10)} ${wall.slice(11, 19)} ${zoneAbbreviation(ms, zone)}`;
}

// an RFC 3339 instant as the engine writes it into a cause ("… at 2026-03-02T12:20:00.000Z")
const INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})/g;

/**
 * A time span as a summary shows it in `zone`: `2026-03-02 08:00–08:25 CST`; the end's date when it
 * ends on another day, and its zone's abbreviation too when that differs (a DST night: `22:00 CET –
 * 2026-03-29 06:00 CEST`).
 */
export function plantSpanText(startMs: number, endMs: number, zone: string): string {
  const [s, e] = [zonedRfc3339(startMs, zone), zonedRfc3339(endMs, zone)];
  const [sz, ez] = [zoneAbbreviation(startMs, zone), zoneAbbreviation(endMs, zone)];
  const endDay = e.slice(0, 10) === s.slice(0, 10) ? '' : `${e.slice(0, 10)} `;
  return sz === ez ? `${s.slice(0, 10)} ${s.slice(11, 16)}–${endDay}${e.slice(11, 16)} ${ez}` : `${s.slice(0, 10)} ${s.slice(11, 16)} ${sz} – ${endDay}${e.slice(11, 16)} ${ez}`;
}

/** `text` (a gap's cause, a stuck order's time) with each RFC 3339 instant in it shown in `zone` (an IANA zone). */
export function plantTimeText(text: string, zone: string): string {
  return text.replace(INSTANT, (m) => {
    const ms = Date.parse(m);
    return Number.isNaN(ms) ? m : plantInstant(ms, zone);
  });
}
