import type { EventData } from '../../model/index.js';
import { orderBomRevision, orderConversions, orderVersion } from '../plant/master-data-changes.js';
import type { Ctx, DeliveryOutcome, ErpPort } from '../core/context.js';
import { orderId } from '../core/ids.js';
import { newOrder, type Msg, type OrderRt } from '../core/records.js';
import { PRIO, type TaskHandler } from '../core/scheduler.js';
import { str } from '../faults/faults.js';
import type { LineRt } from '../plant/master-data.js';
import { ErpBooks } from './erp-books.js';
import { ErpChanges } from './order-changes.js';

const CREATE = 0;
const RELEASE = 1;
const CHECK = 2;
const SHIFT = 3;

/** An order is due a working day after it is created. */
const DUE_AFTER_MS = 24 * 3_600_000;
/**
 * Orders the planner keeps released for a line beyond the one it runs: enough that the next order
 * is acknowledged and staged before the running one ends, few enough that the end of the shift
 * leaves little to drain.
 */
const WAITING = 1;
/** A release the line's MES has not received this long after it left ERP is written off by the planner, who releases another. */
const WRITE_OFF_MS = 10 * 60_000;


/**
 * ERP: creates and releases production orders; its books (erp-books.ts) take what the
 * integration layer delivers, post it and close orders.
 *
 * Its planner works the shift: at the start it releases each line's first order and a backlog of
 * `WAITING`, and tops the backlog up each time the line starts an order, so a line never idles on
 * an empty schedule. A release that never reaches the line (lost or refused on the way) is written
 * off after `WRITE_OFF_MS` and replaced. No order is created at or after the scenario's end.
 */
export class Erp implements TaskHandler, ErpPort {
  /** per line: orders released (or about to be) that the line has not started, as the planner counts them */
  private readonly open: number[];
  /** per line: the line has nothing to run, so the planner wants one more than `WAITING` */
  private readonly idle: boolean[];
  private readonly books: ErpBooks;
  private readonly changes: ErpChanges;

  constructor(private readonly c: Ctx) {
    this.books = new ErpBooks(c);
    this.changes = new ErpChanges(c);
    this.open = c.lines.map(() => 0);
    this.idle = c.lines.map(() => true);
  }

  /** a shift is opening: orders the planner creates now are released at once */
  private opening = false;

  start(): void {
    const shifts = this.c.shifts;
    for (const line of this.c.lines) {
      this.refill(line, true);
      // with `shifts:`, each later shift start releases the line's backlog again
      if (shifts !== undefined) for (const at of shifts.startsBetween(line, this.c.sched.now, this.c.endMs)) this.c.sched.at(at, PRIO.create, this, SHIFT, line);
    }
  }

  fire(kind: number, a: unknown, b: unknown): void {
    if (kind === CREATE) this.create(a as LineRt, b === true);
    else if (kind === RELEASE) this.release(a as OrderRt);
    else if (kind === SHIFT) this.shiftStart(a as LineRt);
    else this.check(a as OrderRt);
  }

  /** A shift began on `line`: MES starts what waits in its queue, and the planner releases a full backlog at once. */
  private shiftStart(line: LineRt): void {
    this.opening = true;
    this.c.mes.shiftStarted(line);
    this.refill(line, true);
    this.opening = false;
  }

  lineStarted(line: LineRt): void {
    this.open[line.index]!--;
    this.idle[line.index] = false;
    this.refill(line, false);
  }

  lineIdle(line: LineRt): void {
    this.idle[line.index] = true;
    this.refill(line, false);
  }

  /** Create orders for `line` now until the backlog is full; `atOnce`: released at once (the shift's first orders), else after the release delay. */
  private refill(line: LineRt, atOnce: boolean): void {
    const now = this.c.sched.now;
    if (now >= this.c.endMs) return;
    // with `shifts:`, no order is created outside a shift
    if (this.c.shifts !== undefined && !this.c.shifts.inShift(line, now)) return;
    if (this.opening) atOnce = true;
    const want = WAITING + (this.idle[line.index] ? 1 : 0);
    while (this.open[line.index]! < want) {
      this.open[line.index]!++;
      this.c.sched.at(now, PRIO.create, this, CREATE, line, atOnce);
    }
  }

  /** The release of `ord` should have reached the line's MES by now; if not, it no longer counts. */
  private check(ord: OrderRt): void {
    if (ord.mesReleased) return;
    this.open[ord.line.index]!--;
    this.refill(ord.line, false);
  }

  private create(line: LineRt, atOnce: boolean): void {
    const { sched, env, scenario } = this.c;
    const now = sched.now;
    const r = this.c.rng.orders[line.index]!;
    const version = orderVersion(this.c, line, line.products[r.int(0, line.products.length - 1)]!);
    const product = version.product;
    const qty = r.int(Math.ceil(scenario.orders.minQty), Math.floor(scenario.orders.maxQty));
    const id = orderId(line.plant, line.line, ++line.orders);
    const ord = newOrder(id, line, product, qty);
    this.c.orders.add(ord, now);
    const data: EventData['erp.order.created'] = {
      ...(version.bomRevision !== undefined ? { bomRevision: version.bomRevision } : {}),
      ...(version.conversions !== undefined ? { conversions: version.conversions } : {}),
      due: env.date(now + DUE_AFTER_MS),
      item: product.item.id,
      order: id,
      qty,
      revision: product.routing.revision,
      routing: product.routing.id,
      uom: ord.uom,
    };
    const ev = env.build(line.erp, 'erp.order.created', now, data, id, id, id, undefined, undefined);
    ord.erpCreatedId = ev.id;
    this.c.out.event(ev);
    sched.at(atOnce ? now : now + scenario.orders.releaseDelayMs, PRIO.erp, this, RELEASE, ord);
  }

  private release(ord: OrderRt): void {
    const { sched, env, faults } = this.c;
    const now = sched.now;
    const p = ord.product;
    ord.releasedAt = now;
    const wrongRev = faults.onOrder('revision-mismatch', 'erp.order.released', ord.line, now);
    const revision = wrongRev ? str(wrongRev, 'revision') : p.routing.revision;
    const fault = faults.onCreate('erp.order.released', ord.line, false, now);
    const bomRevision = orderBomRevision(this.c, ord);
    const conversions = orderConversions(ord);
    const data: EventData['erp.order.released'] = {
      ...(bomRevision !== undefined ? { bomRevision } : {}),
      ...(conversions !== undefined ? { conversions } : {}),
      item: p.item.id,
      order: ord.id,
      qty: ord.qty,
      revision,
      routing: p.routing.id,
      uom: ord.uom,
    };
    const ev = env.build(ord.line.erp, 'erp.order.released', now, data, `${ord.id}/REL`, ord.id, ord.id, ord.erpCreatedId, undefined);
    ord.erpReleaseId = ev.id;
    if (wrongRev) this.c.ledger.message(now, wrongRev, 'mismatched-revision', ev, ord, `released with revision ${revision}; MES runs ${p.routing.revision}`);
    sched.at(now + WRITE_OFF_MS, PRIO.create, this, CHECK, ord);
    this.c.edge.send(ev, ord, fault);
    this.changes.released(ord);
  }

  /** One delivery from the integration layer: ERP's books take it or refuse it. */
  deliver(msg: Msg): DeliveryOutcome {
    return this.books.deliver(msg);
  }
}
