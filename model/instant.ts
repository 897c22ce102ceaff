/**
 * Instants read from outside: RFC 3339 text checked strictly, and epoch milliseconds a `Date` can
 * hold. `Date.parse` alone is too lenient for input: it rolls `2026-02-30` over to March 2 and
 * reads hour 24 as the next midnight, so a date that does not exist would be journaled as another.
 */

/** The furthest instant from the epoch a JavaScript `Date` can hold, in ms (ECMAScript §21.4.1.1). */
export const MAX_DATE_MS = 8.64e15;

// month 01–12, day 01–31 (checked against the month below), hour 00–23, minute 00–59, second 00–60,
// offset ±00:00–±23:59; `60` is a leap second, which Date.parse refuses
const RFC3339 = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// not Date.UTC: it reads years 0–99 as 1900–1999 (and 1900 was no leap year, 0000 was)
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS[month - 1]!;
}

/** Epoch ms of an RFC 3339 date-time with its zone, or undefined when it is not one or names a day that does not exist. */
export function parseRfc3339(text: string): number | undefined {
  if (!RFC3339.test(text)) return undefined;
  // days 29–31 exist in some months only; the cheap test above let them all through
  const day = (text.charCodeAt(8) - 48) * 10 + (text.charCodeAt(9) - 48);
  if (day > 28 && day > daysInMonth(Number(text.slice(0, 4)), Number(text.slice(5, 7)))) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Whether `ms` is an instant a `Date` can hold (`new Date(ms).toISOString()` does not throw). */
export function isDateMs(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS;
}
