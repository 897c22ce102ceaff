import type { OrderState } from '../model/names.js';
import { lineOf } from './records.js';
import type { LineRec, MonitorState, OrderRec } from './state.js';
import type { LineRef } from './types.js';

/**
 * Which lines exist, and whether each is working.
 *
 * A line exists for the monitor once it is declared (the session knows the plant's lines: a
 * scenario's plant model, a connections file's `lines:`) or once an event names it. A line is
 * **idle** while none of its orders is in process — from MES starting an operation of the order
 * (`mes.operation.started`) to MES reporting it complete (`mes.order.completed`), the order state
 * `in-process`, rework included. Released and acknowledged orders wait for the line; quality,
 * receipt and close are not line work. `idleSince` is when it last became idle: the declaration,
 * the line's first event, or the completion that ended its last order in process.
 */

/** Declare lines at virtual time `at` (ms): a line not known yet starts idle since then; a known one is left as it is. */
export function declareLines(s: MonitorState, lines: readonly LineRef[], at: number): void {
  for (const { plant, line } of lines) {
    const known = s.plants.get(plant)?.has(line) === true;
    const l = lineOf(s, plant, line);
    if (!known) l.idleSince = at;
  }
}

/** After an event moved order `o` from state `was`: keep its line's count of orders in process. */
export function noteOrderState(o: OrderRec, was: OrderState, at: number): void {
  const before = was === 'in-process';
  const now = o.state === 'in-process';
  if (before === now) return;
  const l = o.line;
  l.inProcess += now ? 1 : -1;
  if (l.inProcess === 0) l.idleSince = at;
}

/** `idleSince` as a snapshot shows it: null while the line works. */
export function idleSinceOf(l: LineRec): number | null {
  return l.inProcess > 0 ? null : l.idleSince;
}
