import { convertUom, reversalKey, type CanonicalEvent, type EventData, type Operation } from '../../model/index.js';
import type { Ctx } from '../core/context.js';
import { nextReversalN, type OrderRt, type StagedLot } from '../core/records.js';
import { PRIO, type TaskHandler } from '../core/scheduler.js';
import { num, str, type FaultRt } from '../faults/faults.js';
import { componentOf } from '../plant/master-data.js';
import { plantFault, publish } from './publish.js';

/** What one partial confirmation reports, in the order's base unit. */
export type Partial = {
  readonly good: number;
  readonly scrap: number;
  readonly rework: number;
  readonly setupMs: number | undefined;
  readonly machineMs: number | undefined;
  readonly laborMs: number | undefined;
};

/** A confirmation MES's operator entered wrong: cancelled and re-entered `afterMs` later. */
type MisEntry = {
  readonly ord: OrderRt;
  readonly wrong: CanonicalEvent<'mes.operation.confirmed'>;
  readonly op: Operation;
  readonly q: Partial;
  readonly last: boolean;
  readonly fault: FaultRt;
};

const FIX = 0;

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
/** A consumption near `plan` (× `factor`): whole units stay whole when the plan is whole (bearings, crates), the rest keep 6 decimals. */
const near = (plan: number, factor: number) => (Number.isInteger(round6(plan)) ? Math.round(plan * factor) : round6(plan * factor));

/**
 * The messages MES sends about what an order did: partial confirmations (with a mis-entry
 * cancelled and re-entered), consumption of staged lots and backflush of the components that are
 * not lot-controlled, partial goods receipts and the completion. mes.ts decides when; this file
 * decides what each message says.
 */
export class MesMessages implements TaskHandler {
  constructor(private readonly c: Ctx) {}

  fire(_kind: number, a: unknown): void {
    this.fix(a as MisEntry);
  }

  /**
   * Partial confirmation `q` of operation `op`: keyed `{order}/CONF/{op}/{n}` with the operation's
   * next counter. On the last operation it backflushes the non-lot-controlled components for
   * what it confirmed, and — with partial receipts, before the final partial — declares its yield.
   * `entry`: a mis-entry fault may strike it (not rework, not a re-entry).
   */
  confirm(ord: OrderRt, op: Operation, q: Partial, final: boolean, last: boolean, cause: string, entry = true): CanonicalEvent<'mes.operation.confirmed'> {
    const c = this.c;
    const now = c.sched.now;
    const f = plantFault(c, 'mes.operation.confirmed', ord);
    const wrong = entry ? c.faults.onOrder('mis-entry', 'mes.operation.confirmed', ord.line, now) : undefined;
    const n = nextConf(ord, op.id);
    let good = q.good;
    if (wrong) good = ord.line.kind === 'batch' ? round6(good * num(wrong, 'factor')) : Math.round(good * num(wrong, 'factor'));
    let uom = ord.uom;
    let goodQty = good;
    let scrapQty = q.scrap;
    let reworkQty = q.rework;
    if (f?.kind === 'uom-mismatch') {
      uom = str(f, 'uom');
      goodQty = convertUom(good, ord.uom, uom) ?? good;
      scrapQty = convertUom(q.scrap, ord.uom, uom) ?? q.scrap;
      reworkQty = convertUom(q.rework, ord.uom, uom) ?? q.rework;
    }
    // keys in code-point order: the event is canonical JSON as built
    const data: Record<string, unknown> = { final, goodQty };
    if (q.laborMs !== undefined) data.laborMs = q.laborMs;
    if (q.machineMs !== undefined) data.machineMs = q.machineMs;
    data.operation = op.id;
    data.order = ord.id;
    if (reworkQty > 0) data.reworkQty = reworkQty;
    data.scrapQty = scrapQty;
    if (q.setupMs !== undefined) data.setupMs = q.setupMs;
    data.uom = uom;
    data.workCenter = op.workCenter;
    const ev = publish(c, ord.line.mes, ord, 'mes.operation.confirmed', data as EventData['mes.operation.confirmed'], `${ord.id}/CONF/${op.id}/${n}`, cause, undefined, f);
    if (wrong) {
      const afterMs = num(wrong, 'afterMs');
      c.ledger.message(now, wrong, 'mis-entered', ev, ord, `good quantity entered as ${good} instead of ${q.good} ${ord.uom}; MES cancels it after ${afterMs}ms and re-enters it`);
      const fix: MisEntry = { ord, wrong: ev, op, q, last, fault: wrong };
      c.sched.at(now + afterMs, PRIO.plant, this, FIX, fix);
    } else if (last) {
      // the backflush of a mis-entered partial waits for its re-entry: it consumes for the right quantity
      this.backflush(ord, op.id, n, q.good + q.scrap, ev.id);
    }
    if (last && !final && q.good > 0 && c.scenario.orders.partialReceipts) this.declare(ord, q.good, ev.id);
    return ev;
  }

  /** MES cancels the wrong confirmation (its key's next reversal) and re-enters the right quantities as the operation's next partial. */
  private fix(m: MisEntry): void {
    const c = this.c;
    const { ord, wrong } = m;
    const d = wrong.data;
    const key = wrong.businesskey;
    const data = { goodQty: d.goodQty, operation: d.operation, order: ord.id, reverses: key, scrapQty: d.scrapQty, uom: d.uom };
    const f = plantFault(c, 'mes.confirmation.cancelled', ord);
    const cancel = publish(c, ord.line.mes, ord, 'mes.confirmation.cancelled', data, reversalKey(key, nextReversalN(ord, key)), wrong.id, undefined, f);
    // one fault, one ledger entry (on the wrong confirmation): the cancellation and the re-entry are the plant putting it right
    this.confirm(ord, m.op, m.q, d.final, m.last, cancel.id, false);
  }

  /** Backflush: each component that is not lot-controlled, for `basis` units confirmed (good + scrap) at partial `n` of `opId`. */
  private backflush(ord: OrderRt, opId: string, n: number, basis: number, cause: string): void {
    const r = this.c.rng.mesDetail[ord.line.index]!;
    for (const comp of ord.product.components) {
      if (comp.item.lotControlled) continue;
      const plan = comp.perUnit * basis;
      if (!(plan > 0)) continue;
      const qty = near(plan, r.between(0.97, 1.03));
      this.consumed(ord, comp.item.id, undefined, qty, comp.item.uom, `${ord.id}/CONS/${comp.item.id}/${opId}/${n}`, cause);
    }
  }

  /** A staged lot consumed: its planned quantity (per unit × order quantity) within ±3 %. */
  consumeLot(ord: OrderRt, lot: StagedLot): void {
    const c = this.c;
    const qty = near(lot.qty, c.rng.mesDetail[ord.line.index]!.between(0.97, 1.03));
    const ev = this.consumed(ord, lot.item, lot.lot, qty, lot.uom, `${ord.id}/CONS/${lot.item}/${lot.lot}`, lot.eventId);
    // an expired lot matters when it is consumed: the ledger names the consumption that needs posting
    if (lot.expiredBy) c.ledger.message(c.sched.now, lot.expiredBy, 'expired-lot', ev, ord, `consumes lot ${lot.lot}, staged expired on ${lot.expiry} (${lot.eventId})`);
  }

  private consumed(ord: OrderRt, item: string, lot: string | undefined, planned: number, base: string, key: string, cause: string): CanonicalEvent<'mes.material.consumed'> {
    const c = this.c;
    const now = c.sched.now;
    const f = plantFault(c, 'mes.material.consumed', ord);
    const over = c.faults.onOrder('over-consumption', 'mes.material.consumed', ord.line, now);
    let qty = over ? near(planned, num(over, 'factor')) : planned;
    let uom = base;
    const issue = componentOf(ord.product, item)?.issue;
    if (f?.kind === 'uom-mismatch') {
      uom = str(f, 'uom');
      qty = convertUom(qty, base, uom) ?? qty;
    } else if (issue !== undefined) {
      // issued in an alternative unit (tubes of adhesive): MES counts in it, at the factor of the order's version
      uom = issue.uom;
      qty = round6(qty / issue.factor);
    }
    const data: EventData['mes.material.consumed'] = lot === undefined ? { backflush: true, item, order: ord.id, qty, uom } : { item, lot, order: ord.id, qty, uom };
    const ev = c.env.build(ord.line.mes, 'mes.material.consumed', now, data, key, ord.id, ord.id, cause, lot);
    if (over) c.ledger.message(now, over, 'over-consumed', ev, ord, `consumes ${qty} ${uom} ${item} where ${planned} ${base} was due`);
    c.edge.send(ev, ord, f);
    return ev;
  }

  /** A partial goods receipt of the order's lot (`{order}/GR/{n}`). */
  private declare(ord: OrderRt, qty: number, cause: string): void {
    const c = this.c;
    if (ord.mesLot === '') ord.mesLot = c.ids.lotId();
    ord.mesDeclared = round6(ord.mesDeclared + qty);
    const data = { item: ord.product.item.id, lot: ord.mesLot, order: ord.id, qty, uom: ord.uom };
    const f = plantFault(c, 'mes.output.declared', ord);
    publish(c, ord.line.mes, ord, 'mes.output.declared', data, `${ord.id}/GR/${++ord.mesGrN}`, cause, ord.mesLot, f);
  }

  /** The order is complete: its receipt asks for what partial receipts have not declared yet. */
  complete(ord: OrderRt, scrap: number, cause: string): CanonicalEvent<'mes.order.completed'> {
    const c = this.c;
    if (ord.mesLot === '') ord.mesLot = c.ids.lotId();
    const data: Record<string, unknown> = { goodQty: ord.mesGood, item: ord.product.item.id, lot: ord.mesLot, order: ord.id };
    if (ord.mesGrN > 0) data.receiptQty = round6(Math.max(0, ord.mesGood - ord.mesDeclared));
    data.scrapQty = scrap;
    data.uom = ord.uom;
    const f = plantFault(c, 'mes.order.completed', ord);
    return publish(c, ord.line.mes, ord, 'mes.order.completed', data as EventData['mes.order.completed'], `${ord.id}/GR/${++ord.mesGrN}`, cause, ord.mesLot, f);
  }
}

function nextConf(ord: OrderRt, op: string): number {
  const m = (ord.mesConfN ??= new Map<string, number>());
  const n = (m.get(op) ?? 0) + 1;
  m.set(op, n);
  return n;
}
