/**
 * ERP posting periods: calendar months in the plant's time zone, named `YYYY-MM`. A posting is
 * dated by its message's `postingDate` (absent: the message's time, as in older journals); ERP
 * refuses a posting dated in a period it has closed.
 */

/** Message types whose posting carries a posting date (`data.postingDate`) ERP checks against its periods. */
export const DATED_MESSAGE_TYPES: readonly string[] = ['mes.operation.confirmed', 'mes.material.consumed', 'mes.order.completed', 'mes.output.declared'];

const formatters = new Map<string, Intl.DateTimeFormat>();

function fmt(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

/** Wall-clock fields of instant `ms` in `zone`. */
function local(ms: number, zone: string): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const p: Record<string, number> = {};
  for (const part of fmt(zone).formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year!, m: p.month!, d: p.day!, h: p.hour! % 24, min: p.minute!, s: p.second! };
}

/** Offset of `zone` from UTC at instant `ms`, in ms (Berlin in winter: +3 600 000). */
function offsetAt(ms: number, zone: string): number {
  const l = local(ms, zone);
  return Date.UTC(l.y, l.m - 1, l.d, l.h, l.min, l.s) - Math.floor(ms / 1000) * 1000;
}

/** Offset of `zone` from UTC at instant `ms`, in ms (Berlin in winter: +3 600 000). For shift calendars and zone labels. */
export function zoneOffsetMs(ms: number, zone: string): number {
  return offsetAt(ms, zone);
}

/**
 * Epoch ms of wall-clock time `h:min` on day `d` of month `m` (1–12; day and month may overflow) of `y`
 * in `zone`. A wall time skipped by a daylight-saving change resolves past the change (02:30 on a
 * spring-forward night is 03:30), a repeated one (autumn) to one of its two occurrences.
 */
export function wallClockMs(y: number, m: number, d: number, h: number, min: number, zone: string): number {
  const wall = Date.UTC(y, m - 1, d, h, min);
  let guess = wall - offsetAt(wall, zone);
  guess = wall - offsetAt(guess, zone);
  return guess;
}

/** The plant-time calendar day of instant `ms` in `zone`: year, month (1–12), day. */
export function plantDay(ms: number, zone: string): { readonly y: number; readonly m: number; readonly d: number } {
  const l = local(ms, zone);
  return { y: l.y, m: l.m, d: l.d };
}

/** Epoch ms of local midnight starting the 1st of month `m` (1–12, may overflow into the next year) of `y` in `zone`. */
export function monthStartMs(y: number, m: number, zone: string): number {
  const wall = Date.UTC(y, m - 1, 1);
  let guess = wall - offsetAt(wall, zone);
  guess = wall - offsetAt(guess, zone);
  return guess;
}

/** The period (`YYYY-MM`, plant time) instant `ms` falls in. */
export function periodOf(ms: number, zone: string): string {
  const l = local(ms, zone);
  return `${l.y}-${String(l.m).padStart(2, '0')}`;
}

/** The instants period `period` spans: [from, to) in epoch ms. */
export function periodBounds(period: string, zone: string): { fromMs: number; toMs: number } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return { fromMs: monthStartMs(y, m, zone), toMs: monthStartMs(y, m + 1, zone) };
}

/** The end of the month `ms` falls in (plant time): the default instant ERP closes that period. */
export function monthEndMs(ms: number, zone: string): number {
  const l = local(ms, zone);
  return monthStartMs(l.y, l.m + 1, zone);
}

/**
 * The period a close at `closeMs` closes: the latest month that has ended by then (closing at
 * month end, or some days into the next month, closes the month before).
 */
export function periodClosedBy(closeMs: number, zone: string): string {
  const l = local(closeMs, zone);
  const m = l.m === 1 ? 12 : l.m - 1;
  return `${l.m === 1 ? l.y - 1 : l.y}-${String(m).padStart(2, '0')}`;
}

/** The posting date of a message's data, as text: its `postingDate`, else the message's own time. */
export function postingDateOf(data: unknown, time: string): string {
  const d = (data as { postingDate?: unknown } | null)?.postingDate;
  return typeof d === 'string' ? d : time;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch ms of an RFC 3339 instant, or NaN when it is not one. */
export function parseInstant(text: string): number {
  return RFC3339.test(text) ? Date.parse(text) : Number.NaN;
}

/** Instant `ms` as the plant's wall clock, `YYYY-MM-DD HH:MM` (for reasons a planner reads in plant time). */
export function plantClock(ms: number, zone: string): string {
  const l = local(ms, zone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${l.y}-${p(l.m)}-${p(l.d)} ${p(l.h)}:${p(l.min)}`;
}
