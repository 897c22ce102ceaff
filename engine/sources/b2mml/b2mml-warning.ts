/**
 * Something a B2MML document left out that the schema makes optional, and what the import assumed
 * instead: `schedule.xml: ProductionSchedule/ProductionRequest[2]: no EndTime: the order has no due
 * date, so it is never late`. A document with warnings is imported; they are printed by the CLI and
 * kept with the session.
 */
export type B2mmlWarning = {
  readonly file: string;
  /** element path (`Root/Child[2]/…`, an index only where siblings share the name) */
  readonly path: string;
  /** what was missing and what was assumed */
  readonly message: string;
};

/** One line naming the file, the element and the assumption, as the CLI prints it. */
export function formatWarning(w: B2mmlWarning): string {
  return w.path === '' ? `${w.file}: ${w.message}` : `${w.file}: ${w.path}: ${w.message}`;
}
