/**
 * How a tile says a line is idle: `Idle since 06:00 UTC`, with the date when it went idle on another
 * day than the session's clock shows. Simulated and watched time are shown in UTC, like the other
 * views: plant time (the plant's zone) is not shown yet.
 */
export function idleText(since: number | null, now: number | null): string | null {
  if (since === null) return null;
  const at = new Date(since).toISOString();
  const sameDay = now !== null && new Date(now).toISOString().slice(0, 10) === at.slice(0, 10);
  return `Idle since ${sameDay || now === null ? '' : `${at.slice(0, 10)} `}${at.slice(11, 16)} UTC`;
}
