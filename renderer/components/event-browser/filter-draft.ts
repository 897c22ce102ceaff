import type { EventFilter } from '../../../engine/contract/index.js';
import { parseWallTime, wallTimeToInstant } from '../../time/plant-time.js';

/** The form as typed: every field text, empty meaning "any". */
export type FilterDraft = {
  readonly line: string;
  readonly type: string;
  readonly order: string;
  readonly lot: string;
  readonly businesskey: string;
  /** `datetime-local` values, read as wall time in the zone shown (the plant's, or UTC) */
  readonly from: string;
  readonly to: string;
};

export const EMPTY_DRAFT: FilterDraft = { line: '', type: '', order: '', lot: '', businesskey: '', from: '', to: '' };

/**
 * A `datetime-local` value (`2026-03-02T06:00` or with seconds) as an RFC 3339 UTC instant, read as
 * wall time in `zone` — the zone the console shows times in (the plant's, or UTC), never the
 * browser's own. A time a DST change skips is moved forward; one it repeats is the earlier.
 */
export function zonedInstant(value: string, zone = 'UTC'): string | null {
  const wall = parseWallTime(value);
  return wall === null ? null : new Date(wallTimeToInstant(wall, zone).ms).toISOString();
}

/** {@link zonedInstant} in UTC. */
export const utcInstant = (value: string): string | null => zonedInstant(value, 'UTC');

/** The API filter for a draft (blank fields left out), or the first problem with it. */
export function toFilter(d: FilterDraft, zone = 'UTC'): { filter: EventFilter } | { problem: string } {
  const text = (v: string) => (v.trim() === '' ? undefined : v.trim());
  const from = d.from === '' ? undefined : zonedInstant(d.from, zone);
  const to = d.to === '' ? undefined : zonedInstant(d.to, zone);
  if (from === null) return { problem: 'From is not a valid date and time.' };
  if (to === null) return { problem: 'To is not a valid date and time.' };
  if (from !== undefined && to !== undefined && to <= from) return { problem: 'To must be later than From.' };
  const filter: EventFilter = {
    line: text(d.line),
    type: text(d.type),
    order: text(d.order),
    lot: text(d.lot),
    businesskey: text(d.businesskey),
    from,
    to,
  };
  // Leave out what is blank, so the request says only what the user asked for.
  return { filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) };
}
