import type { AnyEvent, CanonicalEvent, EventData, EventType } from '../../model/index.js';
import type { Ctx } from '../core/context.js';
import type { Channel } from '../core/envelope.js';
import type { OrderRt } from '../core/records.js';
import type { FaultRt } from '../faults/faults.js';

/**
 * A plant system (MES, WMS, QMS) publishes an event of an order to the middleware: it is built
 * now, correlated to the order, and handed to the line's edge with the fault (if any) that strikes it.
 */
export function publish<T extends EventType>(
  c: Ctx,
  ch: Channel,
  ord: OrderRt,
  type: T,
  data: EventData[T],
  businesskey: string,
  causationid: string | undefined,
  lot: string | undefined,
  fault: FaultRt | undefined,
): CanonicalEvent<T> {
  const ev = c.env.build(ch, type, c.sched.now, data, businesskey, ord.id, ord.id, causationid, lot);
  c.edge.send(ev as unknown as AnyEvent, ord, fault);
  return ev;
}

/** The fault striking a plant-side message of `type` for `ord` now. Call before building data a fault may change. */
export function plantFault(c: Ctx, type: EventType, ord: OrderRt): FaultRt | undefined {
  return c.faults.onCreate(type, ord.line, true, c.sched.now);
}
