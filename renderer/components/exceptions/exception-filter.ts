/** Filtering and counting the open dead letters for the workbench (pure; the list is fetched whole). */
import type { ExceptionCategory, ExceptionView } from '../../../engine/contract/index.js';

/** null means "any". */
export type ExceptionFilter = {
  readonly category: ExceptionCategory | null;
  /** `plant/line` */
  readonly line: string | null;
  readonly messageType: string | null;
};

export const NO_FILTER: ExceptionFilter = { category: null, line: null, messageType: null };

export const lineOf = (e: ExceptionView): string => `${e.plant}/${e.line}`;

const matches = (e: ExceptionView, f: ExceptionFilter): boolean =>
  (f.category === null || e.category === f.category) &&
  (f.line === null || lineOf(e) === f.line) &&
  (f.messageType === null || e.messageType === f.messageType);

export const applyFilter = (list: readonly ExceptionView[], f: ExceptionFilter): readonly ExceptionView[] =>
  list.filter((e) => matches(e, f));

/**
 * Dead letters per category under the other filters (line, message type), so each category chip
 * says how many rows choosing it would show.
 */
export function categoryCounts(list: readonly ExceptionView[], f: ExceptionFilter): ReadonlyMap<ExceptionCategory, number> {
  const counts = new Map<ExceptionCategory, number>();
  for (const e of applyFilter(list, { ...f, category: null })) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
  return counts;
}

/** Distinct values with their counts, most frequent first then by name: the options of a select. */
export function countBy(list: readonly ExceptionView[], key: (e: ExceptionView) => string): readonly (readonly [string, number])[] {
  const counts = new Map<string, number>();
  for (const e of list) counts.set(key(e), (counts.get(key(e)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
