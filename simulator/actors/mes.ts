import { convertUom, type CanonicalEvent } from '../../model/index.js';
import type { Ctx, DeliveryOutcome, MesPort } from '../core/context.js';
import { Fifo } from '../core/fifo.js';
import type { OrderRt, StagedLot } from '../core/records.js';
import { PRIO, type TaskHandler } from '../core/scheduler.js';
import { str } from '../faults/faults.js';
import type { LineRt } from '../plant/master-data.js';
import { plantFault, publish } from './publish.js';

const ACK = 0;
const DOWNTIME = 1;
const OP_END = 2;
const REWORK_START = 3;
const REWORK_END = 4;

const REWORK_OP = 'RW01';
const REWORK_MS = 30 * 60_000;
const DOWNTIME_REASONS = ['breakdown', 'material shortage', 'changeover overrun', 'tooling change', 'operator unavailable'] as const;
/** A stop lasts 5 to 30 minutes, 17.5 on average. */
const STOP_MIN = 5;
const STOP_MAX = 30;
const MEAN_STOP_MS = ((STOP_MIN + STOP_MAX) / 2) * 60_000;

const ALREADY_RELEASED: DeliveryOutcome = { technical: false, reason: 'order already released to MES' };

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The MES of each line: acknowledges releases, works one order at a time from a FIFO of
 * acknowledged orders (the head starts once WMS has staged its material) through the routing it
 * holds (the highest revision), confirms operations, completes orders, and runs rework when QMS
 * asks for it.
 */
export class Mes implements TaskHandler, MesPort {
  private readonly queues: Fifo<OrderRt>[];
  private readonly busy: boolean[];

  constructor(private readonly c: Ctx) {
    this.queues = c.lines.map(() => new Fifo<OrderRt>());
    this.busy = c.lines.map(() => false);
  }

  fire(kind: number, a: unknown, b: unknown): void {
    const ord = a as OrderRt;
    switch (kind) {
      case ACK:
        return this.ack(ord, b as CanonicalEvent<'erp.order.released'>);
      case DOWNTIME:
        return this.downtime(ord, b as number);
      case OP_END:
        return this.endOperation(ord);
      case REWORK_START:
        return this.startRework(ord, b as string);
      default:
        return this.endRework(ord);
    }
  }

  /**
   * A release reached MES: it answers after a short think time. MES knows its orders, so a second
   * release of one it already has is refused (a business error the layer dead-letters) rather
   * than run twice.
   */
  receiveRelease(ev: CanonicalEvent<'erp.order.released'>, ord: OrderRt): DeliveryOutcome {
    if (ord.mesReleased) return ALREADY_RELEASED;
    ord.mesReleased = true;
    const r = this.c.rng.mes[ord.line.index]!;
    this.c.sched.at(this.c.sched.now + r.int(1_000, 5_000), PRIO.plant, this, ACK, ord, ev);
    return undefined;
  }

  /** MES acknowledges with the routing revision it runs, whatever revision ERP released. */
  private ack(ord: OrderRt, rel: CanonicalEvent<'erp.order.released'>): void {
    const p = ord.product;
    const data = { order: ord.id, revision: p.routing.revision, routing: p.routing.id };
    const f = plantFault(this.c, 'mes.order.acknowledged', ord);
    ord.mesAckId = publish(this.c, ord.line.mes, ord, 'mes.order.acknowledged', data, rel.businesskey, rel.id, undefined, f).id;
    this.queues[ord.line.index]!.push(ord);
    this.c.wms.stage(ord);
  }

  /** WMS staged the order's material: the order may start when it is at the head of the queue. */
  onStaged(ord: OrderRt): void {
    ord.mesReady = true;
    this.startNext(ord.line);
  }

  private startNext(line: LineRt): void {
    if (this.busy[line.index]) return;
    const queue = this.queues[line.index]!;
    if (!queue.peek()?.mesReady) return;
    const ord = queue.take()!;
    this.busy[line.index] = true;
    ord.mesOp = 0;
    ord.mesInput = ord.qty;
    this.startOperation(ord);
    this.c.erp.lineStarted(line);
  }

  private startOperation(ord: OrderRt): void {
    const c = this.c;
    const op = ord.product.operations[ord.mesOp]!;
    const cause = ord.mesOp === 0 ? ord.mesAckId : ord.mesLastId;
    const data = { operation: op.id, order: ord.id, workCenter: op.workCenter };
    const f = plantFault(c, 'mes.operation.started', ord);
    ord.mesLastId = publish(c, ord.line.mes, ord, 'mes.operation.started', data, `${ord.id}/START/${op.id}`, cause, undefined, f).id;
    if (ord.mesOp === 0) for (const lot of ord.mesStaged) this.consume(ord, lot);
    const r = c.rng.mes[ord.line.index]!;
    const ms = Math.round((op.setupMinutes + op.minutesPerUnit * ord.qty) * 60_000 * r.between(0.9, 1.1));
    const stopMs = this.stop(ord.line, ms);
    if (stopMs > 0) c.sched.at(c.sched.now + ms, PRIO.plant, this, DOWNTIME, ord, stopMs);
    else c.sched.at(c.sched.now + ms, PRIO.plant, this, OP_END, ord);
  }

  /**
   * Whether an operation that runs `runMs` stops, and for how long (0: it does not). The line
   * produces `utilisation` of its time: on average an operation loses runMs × (1 − u) / u to stops
   * of 5–30 minutes; an operation long enough to lose more than an average stop always stops, for
   * about what it loses.
   */
  private stop(line: LineRt, runMs: number): number {
    const u = this.c.scenario.orders.utilisation;
    if (!(u < 1)) return 0;
    const r = this.c.rng.mes[line.index]!;
    const lossMs = (runMs * (1 - u)) / u;
    if (lossMs >= MEAN_STOP_MS) return Math.round(lossMs * r.between(0.5, 1.5));
    return r.chance(lossMs / MEAN_STOP_MS) ? r.int(STOP_MIN, STOP_MAX) * 60_000 : 0;
  }

  private consume(ord: OrderRt, lot: StagedLot): void {
    const f = plantFault(this.c, 'mes.material.consumed', ord);
    let { qty, uom } = lot;
    if (f?.kind === 'uom-mismatch') {
      uom = str(f, 'uom');
      qty = convertUom(qty, lot.uom, uom) ?? qty;
    }
    const c = this.c;
    const data = { item: lot.item, lot: lot.lot, order: ord.id, qty, uom };
    const bk = `${ord.id}/CONS/${lot.item}/${lot.lot}`;
    const ev = c.env.build(ord.line.mes, 'mes.material.consumed', c.sched.now, data, bk, ord.id, ord.id, lot.eventId, lot.lot);
    // an expired lot matters when it is consumed: the ledger names the consumption that needs posting
    if (lot.expiredBy) c.ledger.message(c.sched.now, lot.expiredBy, 'expired-lot', ev, ord, `consumes lot ${lot.lot}, staged expired on ${lot.expiry} (${lot.eventId})`);
    c.edge.send(ev, ord, f);
  }

  /** The machine stops near the end of the operation; the operation ends when the downtime does. */
  private downtime(ord: OrderRt, durationMs: number): void {
    const c = this.c;
    const op = ord.product.operations[ord.mesOp]!;
    const r = c.rng.mes[ord.line.index]!;
    const reason = DOWNTIME_REASONS[r.int(0, DOWNTIME_REASONS.length - 1)]!;
    const data = { durationMs, order: ord.id, reason, workCenter: op.workCenter };
    const f = plantFault(c, 'mes.downtime.reported', ord);
    publish(c, ord.line.mes, ord, 'mes.downtime.reported', data, `${ord.id}/DOWN/${op.id}`, ord.mesLastId, undefined, f);
    c.sched.at(c.sched.now + durationMs, PRIO.plant, this, OP_END, ord);
  }

  private endOperation(ord: OrderRt): void {
    const c = this.c;
    const ops = ord.product.operations;
    const op = ops[ord.mesOp]!;
    const last = ord.mesOp === ops.length - 1;
    const input = ord.mesInput;
    const expected = input * op.scrapRate * 2 * c.rng.mes[ord.line.index]!.float();
    let scrap: number;
    let good: number;
    if (c.scenario.plant.kind === 'batch') {
      // batch: scrap is a fraction of mass; the BOM yield applies to what leaves the last step
      scrap = round3(Math.min(input, expected));
      good = round3((input - scrap) * (last ? ord.product.yield : 1));
    } else {
      scrap = Math.min(input, Math.round(expected));
      good = input - scrap;
    }
    ord.mesScrap += scrap;
    ord.mesInput = good;
    const ev = this.confirm(ord, op.id, op.workCenter, good, scrap, last);
    ord.mesLastId = ev.id;
    if (!last) {
      ord.mesOp++;
      this.startOperation(ord);
      return;
    }
    this.complete(ord);
  }

  private confirm(ord: OrderRt, operation: string, workCenter: string, good: number, scrap: number, final: boolean) {
    const f = plantFault(this.c, 'mes.operation.confirmed', ord);
    let uom = ord.uom;
    let goodQty = good;
    let scrapQty = scrap;
    if (f?.kind === 'uom-mismatch') {
      uom = str(f, 'uom');
      goodQty = convertUom(good, ord.uom, uom) ?? good;
      scrapQty = convertUom(scrap, ord.uom, uom) ?? scrap;
    }
    const data = { final, goodQty, operation, order: ord.id, scrapQty, uom, workCenter };
    return publish(this.c, ord.line.mes, ord, 'mes.operation.confirmed', data, `${ord.id}/CONF/${operation}`, ord.mesLastId, undefined, f);
  }

  private complete(ord: OrderRt): void {
    const c = this.c;
    ord.mesLot = c.ids.lotId();
    ord.mesGood = ord.mesInput;
    const data = {
      goodQty: ord.mesGood,
      item: ord.product.item.id,
      lot: ord.mesLot,
      order: ord.id,
      scrapQty: round3(ord.mesScrap),
      uom: ord.uom,
    };
    const f = plantFault(c, 'mes.order.completed', ord);
    const ev = publish(c, ord.line.mes, ord, 'mes.order.completed', data, `${ord.id}/GR`, ord.mesLastId, ord.mesLot, f);
    ord.mesLastId = ev.id;
    ord.mesCompleted = ev;
    this.busy[ord.line.index] = false;
    c.qms.inspect(ord, ev.id);
    this.startNext(ord.line);
    if (!this.busy[ord.line.index] && this.queues[ord.line.index]!.length === 0) c.erp.lineIdle(ord.line);
  }

  /** QMS released the lot for rework: a rework operation off the line, then a new inspection. */
  rework(ord: OrderRt, causeId: string): void {
    const r = this.c.rng.mes[ord.line.index]!;
    this.c.sched.at(this.c.sched.now + r.int(2, 10) * 60_000, PRIO.plant, this, REWORK_START, ord, causeId);
  }

  private reworkCenter(ord: OrderRt): string {
    const ops = ord.product.operations;
    return ops[ops.length - 1]!.workCenter;
  }

  private startRework(ord: OrderRt, causeId: string): void {
    const c = this.c;
    const data = { operation: REWORK_OP, order: ord.id, workCenter: this.reworkCenter(ord) };
    const f = plantFault(c, 'mes.operation.started', ord);
    ord.mesLastId = publish(c, ord.line.mes, ord, 'mes.operation.started', data, `${ord.id}/START/${REWORK_OP}`, causeId, undefined, f).id;
    const ms = Math.round(REWORK_MS * c.rng.mes[ord.line.index]!.between(0.9, 1.1));
    c.sched.at(c.sched.now + ms, PRIO.plant, this, REWORK_END, ord);
  }

  private endRework(ord: OrderRt): void {
    const ev = this.confirm(ord, REWORK_OP, this.reworkCenter(ord), ord.mesGood, 0, false);
    ord.mesLastId = ev.id;
    this.c.qms.inspect(ord, ev.id);
  }
}
