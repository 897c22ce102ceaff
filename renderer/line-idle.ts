import { formatInstant, sameDay } from './time/plant-time.js';

/**
 * How a tile says a line is idle: `Idle since 06:00 CST` in the zone shown (the plant's, or UTC),
 * with the date when it went idle on another day (in that zone) than the session's clock shows.
 */
export function idleText(since: number | null, now: number | null, zone = 'UTC', locale?: string): string | null {
  if (since === null) return null;
  const withDate = now !== null && !sameDay(since, now, zone);
  return `Idle since ${formatInstant(since, zone, { date: withDate, seconds: false }, locale)}`;
}
