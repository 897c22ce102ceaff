import type { AnyEvent } from '../model/event.js';
import type { EventType } from '../model/names.js';
import type { MonitorState, OrderRec } from './state.js';

/**
 * A monitor projection: the event types it handles and how it folds one into the state. `order`
 * is the order the event belongs to, resolved once per event by the monitor; it is undefined for
 * events without one, or whose order was already evicted. `retained`: the event came as a broker's
 * retained message (see `Monitor.apply`): it feeds state, never timing or proofs of loss.
 */
export type Projection = {
  readonly handles: readonly EventType[];
  evolve(s: MonitorState, e: AnyEvent, order: OrderRec | undefined, at: number, retained: boolean): void;
};
