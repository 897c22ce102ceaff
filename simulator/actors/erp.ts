import type { EventData } from '../../model/index.js';
import type { Ctx, DeliveryOutcome, ErpPort } from '../core/context.js';
import { orderId } from '../core/ids.js';
import { newOrder, type Msg, type OrderRt } from '../core/records.js';
import { PRIO, type TaskHandler } from '../core/scheduler.js';
import { num, str, struck, type FaultRt } from '../faults/faults.js';
import type { LineRt } from '../plant/master-data.js';

const CREATE = 0;
const RELEASE = 1;
const POST = 2;
const CLOSE = 3;
const CHECK = 4;

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

const UNAVAILABLE: DeliveryOutcome = { technical: true, reason: 'HTTP 503 Service Unavailable' };
const THROTTLED: DeliveryOutcome = { technical: true, reason: 'HTTP 429 Too Many Requests' };
const NOT_CONFIRMED: DeliveryOutcome = { technical: false, reason: 'order not confirmed' };

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * ERP: creates and releases production orders, books what the integration layer delivers and
 * posts it after its processing latency, closes orders. It has no idempotency of its own: what
 * reaches it twice is posted twice.
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

  constructor(private readonly c: Ctx) {
    this.open = c.lines.map(() => 0);
    this.idle = c.lines.map(() => true);
  }

  start(): void {
    for (const line of this.c.lines) this.refill(line, true);
  }

  fire(kind: number, a: unknown, b: unknown): void {
    if (kind === CREATE) this.create(a as LineRt, b === true);
    else if (kind === RELEASE) this.release(a as OrderRt);
    else if (kind === POST) this.post(a as Msg);
    else if (kind === CHECK) this.check(a as OrderRt);
    else this.close(a as OrderRt);
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
    const product = line.products[r.int(0, line.products.length - 1)]!;
    const qty = r.int(Math.ceil(scenario.orders.minQty), Math.floor(scenario.orders.maxQty));
    const id = orderId(line.plant, line.line, ++line.orders);
    const ord = newOrder(id, line, product, qty);
    this.c.orders.add(ord, now);
    const data: EventData['erp.order.created'] = {
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
    const data: EventData['erp.order.released'] = { item: p.item.id, order: ord.id, qty: ord.qty, revision, routing: p.routing.id, uom: ord.uom };
    const ev = env.build(ord.line.erp, 'erp.order.released', now, data, `${ord.id}/REL`, ord.id, ord.id, ord.erpCreatedId, undefined);
    ord.erpReleaseId = ev.id;
    if (wrongRev) this.c.ledger.message(now, wrongRev, 'mismatched-revision', ev, ord, `released with revision ${revision}; MES runs ${p.routing.revision}`);
    sched.at(now + WRITE_OFF_MS, PRIO.create, this, CHECK, ord);
    this.c.edge.send(ev, ord, fault);
  }

  /** One delivery from the integration layer: technical refusals first (outage, throttling), then business rules, then booking. */
  deliver(msg: Msg): DeliveryOutcome {
    const { sched, faults } = this.c;
    const now = sched.now;
    const ev = msg.ev;
    const ord = msg.ord;
    const f = faults.onDeliver(ev.id, ev.type, ord.line, now);
    if (f) {
      if (f.kind === 'erp-outage') {
        this.ledgerOnce(f, msg, 'rejected', 'ERP unavailable');
        return UNAVAILABLE;
      }
      const gapMs = 1000 / num(f, 'perSecond');
      if (now - f.lastAcceptAt < gapMs) {
        this.ledgerOnce(f, msg, 'throttled', `ERP accepts at most ${num(f, 'perSecond')} messages/s`);
        return THROTTLED;
      }
      f.lastAcceptAt = now;
    }
    switch (ev.type) {
      case 'mes.operation.confirmed':
        if (ev.data.final) ord.erpFinalBooked = true;
        ord.erpScrapQty += msg.scrap;
        break;
      case 'mes.order.completed':
        if (!ord.erpFinalBooked) return NOT_CONFIRMED;
        ord.erpReceivedQty += msg.qty;
        break;
      case 'qms.hold.placed':
        ord.erpBlockedQty = msg.qty;
        break;
      case 'qms.hold.released':
        if (ev.data.disposition === 'scrap') ord.erpScrapped = true;
        break;
      default:
        break;
    }
    const erp = this.c.scenario.erp;
    const at = Math.max(now + this.c.rng.erp.int(erp.postingLatencyMinMs, erp.postingLatencyMaxMs), ord.erpLastPostAt);
    ord.erpLastPostAt = at;
    sched.at(at, PRIO.erp, this, POST, msg);
    return undefined;
  }

  private ledgerOnce(f: FaultRt, msg: Msg, effect: 'rejected' | 'throttled', detail: string): void {
    if (f.seen.get(msg.ev.id) !== 1) return;
    f.seen.set(msg.ev.id, 2);
    struck(f, msg.ord.line);
    this.c.ledger.message(this.c.sched.now, f, effect, msg.ev, msg.ord, detail);
  }

  /** The posting carries the message's business key and names the message as its cause. */
  private post(msg: Msg): void {
    const { env, ids, out, sched } = this.c;
    const now = sched.now;
    const ev = msg.ev;
    const ord = msg.ord;
    const ch = ord.line.erp;
    const bk = ev.businesskey;
    const document = ids.documentNo();
    switch (ev.type) {
      case 'mes.operation.confirmed': {
        const d = ev.data;
        const data = { document, goodQty: msg.qty, operation: d.operation, order: ord.id, scrapQty: msg.scrap, uom: msg.uom };
        out.event(env.build(ch, 'erp.confirmation.posted', now, data, bk, ev.correlationid, ord.id, ev.id, undefined));
        break;
      }
      case 'mes.material.consumed': {
        const d = ev.data;
        const data = { document, item: d.item, lot: d.lot, order: ord.id, qty: msg.qty, uom: msg.uom };
        out.event(env.build(ch, 'erp.consumption.posted', now, data, bk, ev.correlationid, ord.id, ev.id, d.lot));
        break;
      }
      case 'mes.order.completed': {
        const d = ev.data;
        const data = { document, item: d.item, lot: d.lot, order: ord.id, qty: msg.qty, uom: msg.uom };
        const posted = env.build(ch, 'erp.goods.received', now, data, bk, ev.correlationid, ord.id, ev.id, d.lot);
        out.event(posted);
        this.closeLater(ord, posted.id);
        break;
      }
      case 'qms.hold.placed': {
        const d = ev.data;
        const data = { document, item: d.item, lot: d.lot, order: ord.id, qty: msg.qty };
        out.event(env.build(ch, 'erp.stock.blocked', now, data, bk, ev.correlationid, ord.id, ev.id, d.lot));
        break;
      }
      case 'qms.hold.released': {
        const d = ev.data;
        const data = { disposition: d.disposition, document, lot: d.lot, order: ord.id };
        const posted = env.build(ch, 'erp.stock.released', now, data, bk, ev.correlationid, ord.id, ev.id, d.lot);
        out.event(posted);
        if (d.disposition === 'scrap') this.closeLater(ord, posted.id);
        break;
      }
      default:
        break;
    }
  }

  private closeLater(ord: OrderRt, causeId: string): void {
    if (ord.erpCloseCause !== undefined) return;
    ord.erpCloseCause = causeId;
    const at = Math.max(this.c.sched.now + this.c.scenario.erp.closeDelayMs, ord.erpLastPostAt);
    this.c.sched.at(at, PRIO.erp, this, CLOSE, ord);
  }

  private close(ord: OrderRt): void {
    ord.erpClosed = true;
    this.c.orders.closedAt(ord, this.c.sched.now);
    const scrapped = ord.erpScrapped ? ord.erpBlockedQty : 0;
    const data = {
      goodQty: round6(Math.max(0, ord.erpReceivedQty - scrapped)),
      order: ord.id,
      scrapQty: round6(ord.erpScrapQty + scrapped),
      uom: ord.uom,
    };
    const now = this.c.sched.now;
    this.c.out.event(this.c.env.build(ord.line.erp, 'erp.order.closed', now, data, `${ord.id}/CLOSE`, ord.id, ord.id, ord.erpCloseCause, undefined));
  }
}
