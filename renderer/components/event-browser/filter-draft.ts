import type { EventFilter } from '../../../engine/contract/index.js';

/** The form as typed: every field text, empty meaning "any". */
export type FilterDraft = {
  readonly line: string;
  readonly type: string;
  readonly order: string;
  readonly lot: string;
  readonly businesskey: string;
  /** `datetime-local` values, read as UTC */
  readonly from: string;
  readonly to: string;
};

export const EMPTY_DRAFT: FilterDraft = { line: '', type: '', order: '', lot: '', businesskey: '', from: '', to: '' };

/**
 * A `datetime-local` value (`2026-03-02T06:00` or with seconds) as an RFC 3339 UTC instant. The
 * simulation runs on UTC, so the field is read as UTC, not as the browser's local time.
 */
export function utcInstant(value: string): string | null {
  const ms = Date.parse(`${value}Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The API filter for a draft (blank fields left out), or the first problem with it. */
export function toFilter(d: FilterDraft): { filter: EventFilter } | { problem: string } {
  const text = (v: string) => (v.trim() === '' ? undefined : v.trim());
  const from = d.from === '' ? undefined : utcInstant(d.from);
  const to = d.to === '' ? undefined : utcInstant(d.to);
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
