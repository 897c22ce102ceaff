import type { CanonicalEvent } from '../../model/index.js';
import type { Ctx, DeliveryOutcome, MesPort } from '../core/context.js';
import { Fifo } from '../core/fifo.js';
import type { OrderRt } from '../core/records.js';
import { PRIO, type TaskHandler } from '../core/scheduler.js';
import type { LineRt } from '../plant/master-data.js';
import { MesMessages } from './mes-messages.js';
import { MesChanges, mesCancelled, mesInputFor } from './order-changes.js';
import { plantFault, publish } from './publish.js';

const ACK = 0;
const DOWNTIME = 1;
const OP_END = 2;
const REWORK_START = 3;
const REWORK_END = 4;
const PARTIAL = 5;

const REWORK_OP = 'RW01';
const REWORK_MS = 30 * 60_000;
const DOWNTIME_REASONS = ['breakdown', 'material shortage', 'changeover overrun', 'tooling change', 'operator unavailable'] as const;
/** A stop lasts 5 to 30 minutes, 17.5 on average. */
const STOP_MIN = 5;
const STOP_MAX = 30;
const MEAN_STOP_MS = ((STOP_MIN + STOP_MAX) / 2) * 60_000;

const ALREADY_RELEASED: DeliveryOutcome = { technical: false, reason: 'order already released to MES' };

const round3 = (x: number) => Math.round(x * 1000) / 1000;
/** chance that a partial confirmation of a discrete plant sends a unit to rework on the spot (it is reworked and stays good) */
const REWORK_RATE = 0.05;

/**
 * The MES of each line: acknowledges releases, works one order at a time from a FIFO of
 * acknowledged orders (the head starts once WMS has staged its material) through the routing it
 * holds (the highest revision), confirms each operation in partials, completes orders, and runs
 * rework when QMS asks for it. What each message says is mes-messages.ts's business.
 */
export class Mes implements TaskHandler, MesPort {
  private readonly queues: Fifo<OrderRt>[];
  private readonly busy: boolean[];
  private readonly msgs: MesMessages;
  private readonly changes: MesChanges;

  constructor(private readonly c: Ctx) {
    this.queues = c.lines.map(() => new Fifo<OrderRt>());
    this.busy = c.lines.map(() => false);
    this.msgs = new MesMessages(c);
    // a cancelled order waiting in the queue leaves it: the line may start the next one
    this.changes = new MesChanges(c, (ord) => this.startNext(ord.line));
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
      case PARTIAL:
        return this.partial(ord, false);
      case REWORK_START:
        return this.startRework(ord, b as string);
      default:
        return this.endRework(ord, b as number);
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

  /** A change or cancellation of an order reached MES: it acknowledges it (order-changes.ts). */
  receiveChange(ev: CanonicalEvent<'erp.order.changed'> | CanonicalEvent<'erp.order.cancelled'>, ord: OrderRt): DeliveryOutcome {
    return this.changes.receive(ev, ord);
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

  /** A shift began on `line`: the order waiting at the head of its queue may start. */
  shiftStarted(line: LineRt): void {
    this.startNext(line);
  }

  private startNext(line: LineRt): void {
    if (this.busy[line.index]) return;
    // with `shifts:`, no order starts outside a shift (one running at its end finishes)
    if (this.c.shifts !== undefined && !this.c.shifts.inShift(line, this.c.sched.now)) return;
    const queue = this.queues[line.index]!;
    // an order ERP cancelled before the line started it is taken off the queue unstarted
    while (queue.peek() !== undefined && mesCancelled(queue.peek()!)) {
      queue.take();
      this.c.erp.lineStarted(line);
    }
    if (!queue.peek()?.mesReady) return;
    const ord = queue.take()!;
    this.busy[line.index] = true;
    ord.mesOp = 0;
    ord.mesInput = ord.qty;
    this.startOperation(ord);
    this.c.erp.lineStarted(line);
  }

  /**
   * The operation runs set-up + run time per unit × quantity, ± 10 %, confirmed in n partials
   * (orders.partials) spread over its run time; the last one, after any stop, is final.
   */
  private startOperation(ord: OrderRt): void {
    const c = this.c;
    const op = ord.product.operations[ord.mesOp]!;
    // a changed quantity MES acknowledged applies from the next operation it starts
    ord.mesInput = mesInputFor(ord);
    const cause = ord.mesOp === 0 ? ord.mesAckId : ord.mesLastId;
    const data = { operation: op.id, order: ord.id, workCenter: op.workCenter };
    const f = plantFault(c, 'mes.operation.started', ord);
    ord.mesLastId = publish(c, ord.line.mes, ord, 'mes.operation.started', data, `${ord.id}/START/${op.id}`, cause, undefined, f).id;
    if (ord.mesOp === 0) for (const lot of ord.mesStaged) this.msgs.consumeLot(ord, lot);
    const r = c.rng.mes[ord.line.index]!;
    const spread = r.between(0.9, 1.1);
    const ms = Math.round((op.setupMinutes + op.minutesPerUnit * ord.qty) * 60_000 * spread);
    const stopMs = this.stop(ord.line, ms);
    const p = c.scenario.orders.partials;
    let n = c.rng.mesDetail[ord.line.index]!.int(p.min, p.max);
    // a discrete partial confirms at least one unit
    if (ord.line.kind !== 'batch') n = Math.max(1, Math.min(n, Math.floor(ord.mesInput)));
    ord.mesParts = n;
    ord.mesPart = 0;
    ord.mesOpGood = 0;
    ord.mesSetupMs = Math.min(ms, Math.round(op.setupMinutes * 60_000 * spread));
    ord.mesRunMs = ms - ord.mesSetupMs;
    const now = c.sched.now;
    for (let k = 1; k < n; k++) c.sched.at(now + ord.mesSetupMs + Math.round((ord.mesRunMs * k) / n), PRIO.plant, this, PARTIAL, ord);
    if (stopMs > 0) c.sched.at(now + ms, PRIO.plant, this, DOWNTIME, ord, stopMs);
    else c.sched.at(now + ms, PRIO.plant, this, OP_END, ord);
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

  /** The final partial of the operation: the order moves on to the next operation, or completes. */
  private endOperation(ord: OrderRt): void {
    this.partial(ord, true);
    if (mesCancelled(ord)) return this.stopCancelled(ord);
    const ops = ord.product.operations;
    ord.mesInput = ord.mesOpGood;
    if (ord.mesOp < ops.length - 1) {
      ord.mesOp++;
      this.startOperation(ord);
      return;
    }
    this.complete(ord);
  }

  /** Partial k of n of the running operation confirms its share of the operation's input: good, scrap, now and then a unit reworked. */
  private partial(ord: OrderRt, final: boolean): void {
    const c = this.c;
    const ops = ord.product.operations;
    const op = ops[ord.mesOp]!;
    const last = ord.mesOp === ops.length - 1;
    const r = c.rng.mes[ord.line.index]!;
    const batch = ord.line.kind === 'batch';
    const k = ++ord.mesPart;
    const n = ord.mesParts;
    const input = ord.mesInput;
    const upTo = (i: number) => (i >= n ? input : batch ? round3((input * i) / n) : Math.floor((input * i) / n));
    const portion = batch ? round3(upTo(k) - upTo(k - 1)) : upTo(k) - upTo(k - 1);
    const expected = portion * op.scrapRate * 2 * r.float();
    let scrap: number;
    let good: number;
    if (batch) {
      // batch: scrap is a fraction of mass; the BOM yield applies to what leaves the last step
      scrap = round3(Math.min(portion, expected));
      good = round3((portion - scrap) * (last ? ord.product.yield : 1));
    } else {
      scrap = Math.min(portion, Math.round(expected));
      good = portion - scrap;
    }
    ord.mesScrap += scrap;
    ord.mesOpGood = batch ? round3(ord.mesOpGood + good) : ord.mesOpGood + good;
    const machineMs = Math.round(ord.mesRunMs / n);
    const d = c.rng.mesDetail[ord.line.index]!;
    const q = {
      good,
      scrap,
      rework: !batch && good >= 1 && d.chance(REWORK_RATE) ? 1 : 0,
      setupMs: k === 1 ? ord.mesSetupMs : undefined,
      machineMs,
      laborMs: Math.round(machineMs * d.between(0.8, 1.2)),
    };
    ord.mesLastId = this.msgs.confirm(ord, op, q, final, last, ord.mesLastId).id;
  }

  private complete(ord: OrderRt): void {
    const c = this.c;
    ord.mesGood = ord.mesInput;
    const ev = this.msgs.complete(ord, round3(ord.mesScrap), ord.mesLastId);
    ord.mesLastId = ev.id;
    ord.mesCompleted = ev;
    this.busy[ord.line.index] = false;
    c.qms.inspect(ord, ev.id);
    this.startNext(ord.line);
    if (!this.busy[ord.line.index] && this.queues[ord.line.index]!.length === 0) c.erp.lineIdle(ord.line);
  }

  /** ERP cancelled the order: it stops after the operation that was running, the line moves on. */
  private stopCancelled(ord: OrderRt): void {
    this.busy[ord.line.index] = false;
    this.startNext(ord.line);
    if (!this.busy[ord.line.index] && this.queues[ord.line.index]!.length === 0) this.c.erp.lineIdle(ord.line);
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
    c.sched.at(c.sched.now + ms, PRIO.plant, this, REWORK_END, ord, ms);
  }

  private endRework(ord: OrderRt, ms: number): void {
    const op = { id: REWORK_OP, name: 'Rework', workCenter: this.reworkCenter(ord), setupMinutes: 0, minutesPerUnit: 0, scrapRate: 0 };
    const q = { good: ord.mesGood, scrap: 0, rework: 0, setupMs: undefined, machineMs: ms, laborMs: ms };
    // the rework operation is confirmed once, so that one confirmation is its final one
    const ev = this.msgs.confirm(ord, op, q, true, false, ord.mesLastId, false);
    ord.mesLastId = ev.id;
    this.c.qms.inspect(ord, ev.id);
  }
}
