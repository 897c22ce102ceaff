import type { ExceptionView, Gap, MonitorSnapshot } from '../../monitor/index.js';
import type { ExceptionsListArgs, GapsListArgs } from '../contract/index.js';

const onLine = (x: { plant: string; line: string }, line: string | undefined) => line === undefined || x.line === line || `${x.plant}/${x.line}` === line;

/** `exceptions.list` over a monitor snapshot: open dead letters, oldest first, filtered. */
export function listExceptions(snap: MonitorSnapshot, f: ExceptionsListArgs): ExceptionView[] {
  return snap.exceptions.filter(
    (x) => (f.category === undefined || x.category === f.category) && onLine(x, f.line) && (f.messageType === undefined || x.messageType === f.messageType),
  );
}

/** `gaps.list` over a monitor snapshot: open gaps, oldest first, filtered by kind and `PLANT/LINE`. */
export function listGaps(snap: MonitorSnapshot, f: GapsListArgs): Gap[] {
  return snap.gaps
    .filter((g) => (f.kind === undefined || g.kind === f.kind) && (f.line === undefined || `${g.plant}/${g.line}` === f.line))
    .sort((a, b) => b.ageMs - a.ageMs);
}
