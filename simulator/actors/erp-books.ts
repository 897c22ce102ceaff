import { REVERSAL_RULES, convertUom, postingFor, reversalFactsOf, reversalKey, reversalPayload, type AnyEvent, type BusinessEventType, type EventData, type StockCategory } from '../../model/index.js';
import type { Ctx, DeliveryOutcome } from '../core/context.js';
import { nextReversalN, type ErpKey, type Msg, type OrderRt } from '../core/records.js';
import { PRIO, type TaskHandler } from '../core/scheduler.js';
import { num, struck, type FaultRt } from '../faults/faults.js';
import { businessRefusal } from './erp-rules.js';
import { ErpPeriods } from './erp-periods.js';

const POST = 0;
const CLOSE = 1;
const CORRECT = 2;

const UNAVAILABLE: DeliveryOutcome = { technical: true, reason: 'HTTP 503 Service Unavailable' };
const THROTTLED: DeliveryOutcome = { technical: true, reason: 'HTTP 429 Too Many Requests' };

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The ERP posting that nets a posting of `type`, if postings of that type can be reversed. */
const REVERSING = new Map<string, BusinessEventType>(REVERSAL_RULES.map((r) => [r.postedAs, r.posting]));

/**
 * ERP's books: takes what the integration layer delivers (technical refusals, then business rules),
 * books it at once and posts it after its processing latency, in the order it accepted an order's
 * messages. It keeps per order what it booked per business key (for reversals, which net one
 * posting each), the order's lot and its stock category. It has no idempotency of its own: what
 * reaches it twice is posted twice — and, with `correctDoublePostingsMs`, its controller reverses
 * the double posting later, a reversal of ERP's own with no plant message. An order closes after
 * its completion's receipt and the lot's quality decision (or its lot's scrapping), with quantities
 * net of reversals.
 */
export class ErpBooks implements TaskHandler {
  /** posting periods: a posting dated in a closed one is refused */
  private readonly periods: ErpPeriods;

  constructor(private readonly c: Ctx) {
    this.periods = new ErpPeriods(c);
  }

  fire(kind: number, a: unknown, b: unknown): void {
    if (kind === POST) this.post(a as Msg);
    else if (kind === CORRECT) this.correct(a as OrderRt, b as AnyEvent);
    else this.close(a as OrderRt);
  }

  deliver(msg: Msg): DeliveryOutcome {
    const { sched, faults } = this.c;
    const now = sched.now;
    const ev = msg.ev;
    const f = faults.onDeliver(ev.id, ev.type, msg.ord.line, now);
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
    const late = this.periods.refusal(msg);
    if (late !== undefined) return late;
    const refused = businessRefusal(msg, this.c.scenario.erp.receiptNeedsFinalConfirmation);
    if (refused !== undefined) return refused;
    this.book(msg);
    const erp = this.c.scenario.erp;
    const ord = msg.ord;
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

  /** What ERP knows once it accepts a delivery: quantities, stock, and the key booked (or netted). */
  private book(msg: Msg): void {
    const ev = msg.ev;
    const ord = msg.ord;
    const k = keyOf(ord, ev.businesskey, ev.type);
    k.booked++;
    k.qty = msg.qty;
    k.scrap = msg.scrap;
    switch (ev.type) {
      case 'mes.operation.confirmed': {
        const ops = ord.product.operations;
        if (ev.data.final && ev.data.operation === ops[ops.length - 1]!.id) ord.erpFinalBooked = true;
        ord.erpScrapQty += msg.scrap;
        break;
      }
      case 'mes.order.completed':
      case 'mes.output.declared':
        ord.erpReceivedQty += msg.qty;
        if (ord.erpStock === undefined) ord.erpStock = ord.product.item.inspection === true ? 'quality-inspection' : 'unrestricted';
        ord.erpLot = ev.data.lot;
        ord.erpStockQty += msg.qty;
        break;
      case 'qms.hold.placed':
        ord.erpBlockedQty = msg.qty;
        ord.erpStock = 'blocked';
        break;
      case 'qms.hold.released':
        if (ev.data.disposition === 'scrap') {
          ord.erpScrapped = true;
          ord.erpStock = 'scrap';
        } else if (ev.data.disposition === 'release') ord.erpStock = 'unrestricted';
        break;
      case 'qms.usage.decided':
        msg.from = ord.erpStock;
        // a partial usage decision moves part of the lot: the rest stays in quality-inspection stock until decided
        if (isPartialDecision(ev.businesskey)) {
          ord.erpPartlyDecided = round6((ord.erpPartlyDecided ?? 0) + msg.qty);
          if (ord.erpPartlyDecided + 1e-6 < ord.erpStockQty) break;
        }
        ord.erpStock = ev.data.decision;
        break;
      case 'mes.confirmation.cancelled':
      case 'mes.consumption.reversed':
      case 'mes.receipt.reversed':
        this.net(ord, ev.data.reverses, msg.qty, msg.scrap);
        break;
      default:
        break;
    }
  }

  /** One posting of `key` is netted by a reversal of `qty` (and `scrap`). */
  private net(ord: OrderRt, key: string, qty: number, scrap: number): void {
    const k = ord.erpKeys?.get(key);
    if (k === undefined) return;
    k.booked--;
    if (k.type === 'mes.operation.confirmed') ord.erpScrapQty -= scrap;
    else if (k.type === 'mes.order.completed' || k.type === 'mes.output.declared') {
      ord.erpReceivedQty -= qty;
      ord.erpStockQty -= qty;
    }
  }

  /** The posting carries the message's business key and names the message as its cause. */
  private post(msg: Msg): void {
    const ev = msg.ev;
    const ord = msg.ord;
    const document = this.c.ids.documentNo();
    switch (ev.type) {
      case 'mes.operation.confirmed': {
        const d = ev.data;
        const data: Record<string, unknown> = { document, goodQty: msg.qty, operation: d.operation, order: ord.id };
        // rework travels in the message's unit: the layer may have converted the quantities to the base unit
        const rework = d.reworkQty === undefined ? undefined : d.uom === msg.uom ? d.reworkQty : convertUom(d.reworkQty, d.uom, msg.uom);
        if (rework !== undefined) data.reworkQty = rework;
        data.scrapQty = msg.scrap;
        data.uom = msg.uom;
        return void this.posted(msg, 'erp.confirmation.posted', data, undefined);
      }
      case 'mes.material.consumed': {
        const d = ev.data;
        const data: Record<string, unknown> = d.backflush === true ? { backflush: true, document, item: d.item } : { document, item: d.item };
        if (d.lot !== undefined) data.lot = d.lot;
        Object.assign(data, { order: ord.id, qty: msg.qty, uom: msg.uom });
        return void this.posted(msg, 'erp.consumption.posted', data, d.lot);
      }
      case 'mes.order.completed':
      case 'mes.output.declared': {
        const d = ev.data;
        const stock: StockCategory = ord.product.item.inspection === true ? 'quality-inspection' : 'unrestricted';
        const data = { document, item: d.item, lot: d.lot, order: ord.id, qty: msg.qty, stock, uom: msg.uom };
        const posted = this.posted(msg, 'erp.goods.received', data, d.lot);
        if (stock === 'unrestricted') this.c.wms.released?.(ord.product.item, d.lot, msg.qty);
        if (ev.type === 'mes.order.completed') {
          ord.erpReceiptPosted = true;
          this.closeWhenDone(ord, posted.id);
        }
        return;
      }
      case 'qms.hold.placed': {
        const d = ev.data;
        return void this.posted(msg, 'erp.stock.blocked', { document, item: d.item, lot: d.lot, order: ord.id, qty: msg.qty }, d.lot);
      }
      case 'qms.hold.released': {
        const d = ev.data;
        const posted = this.posted(msg, 'erp.stock.released', { disposition: d.disposition, document, lot: d.lot, order: ord.id }, d.lot);
        if (d.disposition === 'scrap') this.closeLater(ord, posted.id);
        else if (d.disposition === 'release') {
          if (ord.product.item.inspection === true) this.c.wms.released?.(ord.product.item, d.lot, ord.erpStockQty);
          ord.erpDecided = true;
          this.closeWhenDone(ord, posted.id);
        }
        return;
      }
      case 'qms.usage.decided': {
        const d = ev.data;
        const data = { document, from: msg.from ?? 'quality-inspection', item: d.item, lot: d.lot, order: ord.id, qty: msg.qty, to: d.decision };
        const posted = this.posted(msg, 'erp.stock.transferred', data, d.lot);
        if (d.decision === 'unrestricted') this.c.wms.released?.(ord.product.item, d.lot, msg.qty);
        // after a partial decision the order waits for the rest of its lot to be decided
        if (isPartialDecision(ev.businesskey) && ord.erpStock === 'quality-inspection') return;
        ord.erpDecided = true;
        this.closeWhenDone(ord, posted.id);
        return;
      }
      case 'mes.confirmation.cancelled':
      case 'mes.consumption.reversed':
      case 'mes.receipt.reversed': {
        const d = ev.data as EventData['mes.confirmation.cancelled'] & EventData['mes.consumption.reversed'];
        const type = postingFor(ev.type)!;
        const facts = { order: ord.id, reverses: d.reverses, operation: d.operation, item: d.item, lot: d.lot, qty: msg.qty, scrap: msg.scrap, uom: msg.uom };
        return void this.posted(msg, type, reversalPayload(type, facts, document), d.lot);
      }
      default:
        return;
    }
  }

  /** Journal the posting of `msg`; a second (or later) posting of a key that can be reversed is corrected later, if ERP's controller does that. */
  private posted(msg: Msg, type: BusinessEventType, data: Record<string, unknown>, lot: string | undefined): AnyEvent {
    const { env, out, sched } = this.c;
    const ev = msg.ev;
    const ord = msg.ord;
    const posting = env.build(ord.line.erp, type, sched.now, data as EventData[typeof type], ev.businesskey, ev.correlationid, ord.id, ev.id, lot) as AnyEvent;
    out.event(posting);
    const k = ord.erpKeys?.get(ev.businesskey);
    if (k !== undefined && REVERSING.has(type)) {
      k.posted++;
      k.last = posting;
      const after = this.c.scenario.erp.correctDoublePostingsMs;
      if (k.posted >= 2 && after !== undefined) sched.at(sched.now + after, PRIO.erp, this, CORRECT, ord, posting);
    }
    return posting;
  }

  /**
   * ERP's controller reverses double posting `dup` of its key: a reversal posting of ERP's own
   * (`{key}/REV/{n}`, no plant message) for the same quantities, caused by the double posting —
   * unless the key is no longer posted twice by now (a reversal from the plant got there first).
   */
  private correct(ord: OrderRt, dup: AnyEvent): void {
    const key = dup.businesskey;
    const k = ord.erpKeys?.get(key);
    const type = REVERSING.get(dup.type);
    if (k === undefined || k.booked <= 1 || type === undefined) return;
    const facts = reversalFactsOf(dup.data, ord.id, key);
    const data = reversalPayload(type, facts, this.c.ids.documentNo());
    this.net(ord, key, facts.qty, facts.scrap ?? 0);
    const { env, out, sched } = this.c;
    const rk = reversalKey(key, nextReversalN(ord, key));
    out.event(env.build(ord.line.erp, type, sched.now, data as never, rk, dup.correlationid, ord.id, dup.id, dup.lot) as AnyEvent);
  }

  /**
   * The order closes once the completion's receipt is posted (a partial receipt does not close it)
   * and — for an item under quality management — its lot has left quality-inspection stock.
   */
  private closeWhenDone(ord: OrderRt, causeId: string): void {
    if (ord.erpReceiptPosted && (ord.product.item.inspection !== true || ord.erpDecided)) this.closeLater(ord, causeId);
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
      scrapQty: round6(Math.max(0, ord.erpScrapQty + scrapped)),
      uom: ord.uom,
    };
    const now = this.c.sched.now;
    this.c.out.event(this.c.env.build(ord.line.erp, 'erp.order.closed', now, data, `${ord.id}/CLOSE`, ord.id, ord.id, ord.erpCloseCause, undefined));
  }
}

/** A partial usage decision (`{order}/UD/{n}/{k}`): one of the parts a lot is decided in. */
function isPartialDecision(key: string): boolean {
  return /\/UD\/\d+\/\d+$/.test(key);
}

/** ERP's record of business key `key` of `ord` (made on first use). */
function keyOf(ord: OrderRt, key: string, type: string): ErpKey {
  const m = (ord.erpKeys ??= new Map<string, ErpKey>());
  let k = m.get(key);
  if (k === undefined) m.set(key, (k = { type, booked: 0, posted: 0, qty: 0, scrap: 0, last: undefined }));
  return k;
}
