/**
 * A tiny builder of valid canonical events for hand-written order stories. Times are offsets in
 * ms from T0; ids and per-source sequences come from counters, so stories are deterministic.
 */
import { rfc3339, sourceOf, type AnyEvent, type CanonicalEvent, type EventData } from '../../model/event.js';
import { DEFAULT_GRACE_MS, type Disposition, type EventType, type ExceptionCategory, type Gate, type Interface, type System } from '../../model/names.js';
import { createMonitor } from '../../monitor/index.js';
import type { Monitor } from '../../monitor/index.js';

export const T0 = Date.parse('2026-03-02T06:00:00.000Z');
export const SEC = 1_000;
export const MIN = 60_000;
export const GRACE = DEFAULT_GRACE_MS;

export type Extra = { key?: string; cause?: string; order?: string | null; lot?: string; id?: string; origin?: 'simulated' | 'injected' };

export type Builder = ReturnType<typeof builder>;

export function builder(plant = 'P1', line = 'L1') {
  let ids = 0;
  const seq = new Map<string, number>();
  function ev<T extends EventType>(type: T, at: number, data: EventData[T], x: Extra & { key: string; order?: string | null }): CanonicalEvent<T> {
    const system = type.slice(0, type.indexOf('.')) as System;
    const source = sourceOf(plant, line, system);
    const n = (seq.get(source) ?? 0) + 1;
    seq.set(source, n);
    const order = x.order === null ? undefined : x.order;
    return {
      specversion: '1.0',
      id: x.id ?? `ev-${++ids}`,
      source,
      type,
      time: rfc3339(T0 + at),
      ...(order !== undefined ? { subject: order } : {}),
      datacontenttype: 'application/json',
      data,
      correlationid: order ?? 'none',
      ...(x.cause !== undefined ? { causationid: x.cause } : {}),
      businesskey: x.key,
      plant,
      line,
      ...(x.lot !== undefined ? { lot: x.lot } : {}),
      sequence: String(n),
      origin: x.origin ?? 'simulated',
    };
  }
  return { ev, plant, line };
}

/** The conversation of one production order, one method per message. */
export function order(b: Builder, id: string, opts: { item?: string; uom?: string; qty?: number; revision?: string; lot?: string } = {}) {
  const item = opts.item ?? 'PUMP-1';
  const uom = opts.uom ?? 'EA';
  const qty = opts.qty ?? 10;
  const revision = opts.revision ?? 'A';
  const lot = opts.lot ?? `LOT-${id}`;
  const o = { order: id };
  const k = {
    rel: `${id}/REL`,
    conf: (op: string) => `${id}/CONF/${op}`,
    cons: (item: string, lot: string) => `${id}/CONS/${item}/${lot}`,
    gr: `${id}/GR`,
    hold: `${id}/HOLD`,
    holdRel: `${id}/HOLD-REL`,
  };
  const int = <T extends Exclude<EventType & `int.${string}`, 'int.message.quarantined'>>(type: T, at: number, m: AnyEvent, data: Omit<EventData[T], 'messageId' | 'messageType' | 'interface'>, iface: Interface) =>
    b.ev(type, at, { messageId: m.id, messageType: m.type, interface: iface, ...data } as EventData[T], { key: m.businesskey, cause: m.id, order: id });
  const op = (type: 'operator.exception-retried' | 'operator.exception-discarded', at: number, m: AnyEvent) =>
    b.ev(type, at, { who: 'eve', why: 'test', messageId: m.id }, { key: m.businesskey, order: null });
  return {
    id,
    keys: k,
    lot,
    created: (at: number) => b.ev('erp.order.created', at, { ...o, item, qty, uom, routing: `R-${item}`, revision, due: rfc3339(T0 + 86_400_000) }, { key: `${id}/CRE`, order: id }),
    released: (at: number) => b.ev('erp.order.released', at, { ...o, item, qty, uom, routing: `R-${item}`, revision }, { key: k.rel, order: id }),
    acked: (at: number, rev = revision, cause?: AnyEvent) =>
      b.ev('mes.order.acknowledged', at, { ...o, routing: `R-${item}`, revision: rev }, { key: k.rel, order: id, ...(cause ? { cause: cause.id } : {}) }),
    staged: (at: number) => b.ev('wms.material.staged', at, { ...o, item: 'RM-1', lot: 'RL-1', qty: 5, uom: 'KG', expiry: '2027-01-01T00:00:00.000Z' }, { key: `${id}/STG`, order: id }),
    started: (at: number, opId = '0010') => b.ev('mes.operation.started', at, { ...o, operation: opId, workCenter: 'WC-1' }, { key: `${id}/START/${opId}`, order: id }),
    confirmed: (at: number, opId: string, good: number, scrap = 0, x: { uom?: string; final?: boolean; id?: string; origin?: 'injected' } = {}) =>
      b.ev('mes.operation.confirmed', at, { ...o, operation: opId, workCenter: 'WC-1', goodQty: good, scrapQty: scrap, uom: x.uom ?? uom, final: x.final ?? false }, { key: k.conf(opId), order: id, ...(x.id ? { id: x.id } : {}), ...(x.origin ? { origin: x.origin } : {}) }),
    confPosted: (at: number, opId: string, good: number, scrap = 0, x: { uom?: string; cause?: AnyEvent } = {}) =>
      b.ev('erp.confirmation.posted', at, { ...o, operation: opId, goodQty: good, scrapQty: scrap, uom: x.uom ?? uom, document: `DOC-${at}` }, { key: k.conf(opId), order: id, ...(x.cause ? { cause: x.cause.id } : {}) }),
    consumed: (at: number, part: string, plot: string, q: number, u = 'KG') => b.ev('mes.material.consumed', at, { ...o, item: part, lot: plot, qty: q, uom: u }, { key: k.cons(part, plot), order: id }),
    consPosted: (at: number, part: string, plot: string, q: number, u = 'KG') =>
      b.ev('erp.consumption.posted', at, { ...o, item: part, lot: plot, qty: q, uom: u, document: `DOC-${at}` }, { key: k.cons(part, plot), order: id }),
    completed: (at: number, good = qty, scrap = 0) => b.ev('mes.order.completed', at, { ...o, item, lot, goodQty: good, scrapQty: scrap, uom }, { key: k.gr, order: id, lot }),
    inspectionRequested: (at: number) => b.ev('qms.inspection.requested', at, { ...o, item, lot, qty }, { key: `${id}/INSP`, order: id, lot }),
    inspected: (at: number, result: 'pass' | 'fail') => b.ev('qms.inspection.recorded', at, { ...o, lot, result }, { key: `${id}/INSP-RES`, order: id, lot }),
    holdPlaced: (at: number) => b.ev('qms.hold.placed', at, { ...o, item, lot, qty, reason: 'dimension out of tolerance' }, { key: k.hold, order: id, lot }),
    blocked: (at: number) => b.ev('erp.stock.blocked', at, { ...o, item, lot, qty, document: `DOC-${at}` }, { key: k.hold, order: id, lot }),
    holdReleased: (at: number, disposition: Disposition) => b.ev('qms.hold.released', at, { ...o, lot, disposition }, { key: k.holdRel, order: id, lot }),
    stockReleased: (at: number, disposition: Disposition) => b.ev('erp.stock.released', at, { ...o, lot, disposition, document: `DOC-${at}` }, { key: k.holdRel, order: id, lot }),
    received: (at: number, q = qty, u = uom) => b.ev('erp.goods.received', at, { ...o, item, lot, qty: q, uom: u, document: `DOC-${at}` }, { key: k.gr, order: id, lot }),
    closed: (at: number, good = qty, scrap = 0) => b.ev('erp.order.closed', at, { ...o, goodQty: good, scrapQty: scrap, uom }, { key: `${id}/CLOSE`, order: id }),
    deadLettered: (at: number, m: AnyEvent, iface: Interface, reason: string, category: ExceptionCategory = 'data-quality') =>
      int('int.message.dead-lettered', at, m, { category, reason, attempts: 1 }, iface),
    retried: (at: number, m: AnyEvent, iface: Interface, attempt: number, error = 'ERP unavailable') =>
      int('int.message.retried', at, m, { attempt, error, backoffMs: 5_000 }, iface),
    buffered: (at: number, m: AnyEvent, iface: Interface) => int('int.message.buffered', at, m, { bufferDepth: 1 }, iface),
    forwarded: (at: number, m: AnyEvent, iface: Interface, bufferedMs = 60_000) => int('int.message.forwarded', at, m, { bufferedMs }, iface),
    gated: (at: number, m: AnyEvent, iface: Interface, reason: string) => int('int.message.gated', at, m, { gate: 'goods-receipt', reason }, iface),
    gateReleased: (at: number, m: AnyEvent, iface: Interface, heldMs: number, gate: Gate = 'goods-receipt') => int('int.message.released', at, m, { gate, heldMs }, iface),
    resequenced: (at: number, m: AnyEvent, iface: Interface, expected: number, received: number) =>
      int('int.message.resequenced', at, m, { expectedSequence: String(expected), receivedSequence: String(received) }, iface),
    suppressed: (at: number, m: AnyEvent, iface: Interface, first: AnyEvent) => int('int.message.duplicate-suppressed', at, m, { firstMessageId: first.id }, iface),
    discarded: (at: number, m: AnyEvent, iface: Interface) => int('int.message.discarded', at, m, { reason: 'lot scrapped' }, iface),
    opRetried: (at: number, m: AnyEvent) => op('operator.exception-retried', at, m),
    opDiscarded: (at: number, m: AnyEvent) => op('operator.exception-discarded', at, m),
    opResent: (at: number, m: AnyEvent, newId: string) =>
      b.ev('operator.exception-resent', at, { who: 'eve', why: 'fixed unit', messageId: m.id, newMessageId: newId, changes: { uom: 'EA' } }, { key: m.businesskey, order: null }),
  };
}

export type Order = ReturnType<typeof order>;

/** A clean order from creation to close, starting at `t` (about 40 minutes of plant time). */
export function cleanOrder(o: Order, t: number): AnyEvent[] {
  const rel = o.released(t + 1 * SEC);
  const c1 = o.confirmed(t + 10 * MIN, '0010', 10);
  const c2 = o.confirmed(t + 20 * MIN, '0020', 10, 0, { final: true });
  const cons = o.consumed(t + 6 * MIN, 'RM-1', 'RL-1', 5);
  const done = o.completed(t + 21 * MIN);
  return [
    o.created(t),
    rel,
    o.acked(t + 3 * SEC, undefined, rel),
    o.staged(t + 1 * MIN),
    o.started(t + 5 * MIN),
    cons,
    o.consPosted(t + 6 * MIN + 2 * SEC, 'RM-1', 'RL-1', 5),
    c1,
    o.confPosted(t + 10 * MIN + 2 * SEC, '0010', 10, 0, { cause: c1 }),
    o.started(t + 11 * MIN, '0020'),
    c2,
    o.confPosted(t + 20 * MIN + 2 * SEC, '0020', 10, 0, { cause: c2 }),
    done,
    o.inspectionRequested(t + 22 * MIN),
    o.inspected(t + 30 * MIN, 'pass'),
    o.received(t + 31 * MIN),
    o.closed(t + 40 * MIN),
  ];
}

export function monitor(retainClosedMs?: number): Monitor {
  return createMonitor({ gracePeriods: GRACE, ...(retainClosedMs !== undefined ? { retainClosedMs } : {}) });
}

export function feed(m: Monitor, ...events: AnyEvent[]): Monitor {
  for (const e of events) m.apply(e);
  return m;
}

/** Advance the monitor to an offset from T0. */
export function at(m: Monitor, offset: number): Monitor {
  m.advance(T0 + offset);
  return m;
}
