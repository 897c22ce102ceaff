import type { Emitter } from './emitter.js';
import { textOf, type El } from './xml-tree.js';

/**
 * Requests that change or cancel an order already imported. B2MML's RequestState (V0401–V0701:
 * Forecast, Released, Cancelled, Ready, Running, Completed, Aborted, Held, Paused, Closed, Other)
 * says `Cancelled` for a request ERP withdrew and `Aborted` for one stopped while it ran: either is
 * ERP cancelling the order (`erp.order.cancelled`, `{order}/CANCEL`). A later document requesting
 * an order an earlier one released (the same `requests` map), with another quantity, unit or end
 * time, is ERP changing it (`erp.order.changed`, `{order}/CHG/{n}`).
 */

const CANCELLED = ['cancelled', 'canceled', 'aborted'];

/** The request state (lower-cased) withdraws the order. */
export function cancelledState(state: string): boolean {
  return CANCELLED.includes(state);
}

/**
 * A cancelled or aborted request, or any request of a Cancel wrapper (`wrapper`: its root, e.g.
 * `CancelProductionSchedule`): the cancellation of its order, at the document's time, its reason the
 * state or the wrapper the document gives. Without an ID it names no order to cancel: a warning, no event.
 */
export function mapCancelled(req: El, chain: readonly El[], time: () => number, out: Emitter, wrapper?: string): void {
  const state = textOf(req, 'RequestState');
  const order = textOf(req, 'ID');
  const request = wrapper === undefined ? `the ${state!} request` : `the request of the ${wrapper}`;
  if (order === undefined) return out.warn(req, `no ID: ${request} names no order to cancel, so no cancellation was imported`);
  out.emit(chain, 'erp.order.cancelled', time(), { order, reason: `B2MML ${wrapper ?? `RequestState ${state!}`}` }, `${order}/CANCEL`);
}

/**
 * A released request for an order imported before with another quantity, unit or due date: emits
 * the change and remembers it; returns false (nothing emitted) when the order is new, or requested
 * exactly as before (the same document again keeps its events' ids, and the journal keeps them once).
 */
export function mapChanged(chain: readonly El[], order: string, qty: number, uom: string, due: string | undefined, at: number, out: Emitter): boolean {
  const known = out.knownRequest(order);
  if (known === undefined) return false;
  // a document that leaves the end time out says nothing about it: the due date stands
  const dueMoved = due !== undefined && due !== known.due;
  if (known.qty === qty && known.uom === uom && !dueMoved) return false;
  const change = known.changes + 1;
  const data = dueMoved ? { change, due, order, qty, uom } : { change, order, qty, uom };
  out.emit(chain, 'erp.order.changed', at, data, `${order}/CHG/${change}`);
  out.rememberRequest(order, { qty, uom, due: due ?? known.due, changes: change });
  return true;
}
