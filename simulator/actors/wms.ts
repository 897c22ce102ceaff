import type { Item } from '../../model/index.js';
import type { Ctx, WmsPort } from '../core/context.js';
import type { OrderRt } from '../core/records.js';
import { PRIO, type TaskHandler } from '../core/scheduler.js';
import { num, type FaultRt } from '../faults/faults.js';
import { LotStock, stockedItems } from '../plant/lot-stock.js';
import type { Component } from '../plant/master-data.js';
import { plantFault, publish } from './publish.js';

const STAGE = 0;
const DAY_MS = 86_400_000;
/** expiry of lots that never expire */
const NEVER_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const EPS = 1e-6;

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * The warehouse: stages one lot per lot-controlled BOM component of an acknowledged order, then
 * hands the order to MES. Components no line of the run makes come from opening stock (a lot "from
 * before the run"). Of an intermediate — a component another line makes — WMS keeps the lots ERP
 * released to unrestricted stock (lot-stock.ts) and stages the first by expiry that covers the
 * order's need, splitting it when it holds more (`wms.lot.split`); an expired one it refuses at
 * the pick (`wms.pick.refused`). Until such a lot is there it stages from opening stock.
 */
export class Wms implements TaskHandler, WmsPort {
  private readonly stock: LotStock;

  constructor(private readonly c: Ctx) {
    const made = new Set<string>();
    for (const l of c.lines) for (const p of l.products) made.add(p.item.id);
    this.stock = new LotStock(stockedItems(c.scenario.plant, made));
  }

  stage(ord: OrderRt): void {
    const at = this.c.sched.now + this.c.rng.wms.int(30_000, 120_000);
    this.c.sched.at(at, PRIO.plant, this, STAGE, ord);
  }

  /** ERP released `qty` of lot `lot` of `item` to unrestricted stock: WMS may stage it (items it keeps stock of only). */
  released(item: Item, lot: string, qty: number): void {
    if (!this.stock.keeps(item.id)) return;
    const now = this.c.sched.now;
    this.stock.add(item.id, lot, qty, item.shelfLifeDays !== undefined ? now + item.shelfLifeDays * DAY_MS : NEVER_MS);
  }

  fire(_kind: number, a: unknown): void {
    const ord = a as OrderRt;
    const c = this.c;
    const comps = ord.product.lotComponents;
    for (let i = 0; i < comps.length; i++) {
      const comp = comps[i]!;
      // an expired-lot fault strikes an order released while it is active, once, on its first lot
      let expired = i === 0 ? c.faults.onOrder('expired-lot', 'wms.material.staged', ord.line, ord.releasedAt) : undefined;
      // with `pick`, WMS checks the expiry at the pick: it refuses the expired lot and picks the next one
      if (expired !== undefined && expired.spec.params.pick === true) {
        this.refuseOpening(ord, comp, expired);
        expired = undefined;
      }
      if (this.stock.keeps(comp.item.id) && this.fromStock(ord, comp)) continue;
      this.fromOpening(ord, comp, expired);
    }
    c.mes.onStaged(ord);
  }

  /** Stage a lot from opening stock: made for the order's need, expiring after the item's shelf life (or already expired, by a fault). */
  private fromOpening(ord: OrderRt, comp: Component, expired: FaultRt | undefined): void {
    const c = this.c;
    const now = c.sched.now;
    const item = comp.item;
    const lot = c.ids.lotId();
    const qty = round6(comp.perUnit * ord.qty);
    const expiryMs = expired
      ? now - num(expired, 'expiredByDays') * DAY_MS
      : item.shelfLifeDays !== undefined
        ? now + item.shelfLifeDays * DAY_MS
        : NEVER_MS;
    this.staged(ord, comp, lot, qty, expiryMs, expired);
  }

  private staged(ord: OrderRt, comp: Component, lot: string, qty: number, expiryMs: number, expired: FaultRt | undefined): void {
    const c = this.c;
    const now = c.sched.now;
    const item = comp.item;
    const expiry = c.env.date(expiryMs);
    const data = { expiry, item: item.id, lot, order: ord.id, qty, uom: item.uom };
    const f = plantFault(c, 'wms.material.staged', ord);
    const bk = `${ord.id}/STAGE/${item.id}/${lot}`;
    const ev = c.env.build(ord.line.wms, 'wms.material.staged', now, data, bk, ord.id, ord.id, ord.mesAckId, lot);
    c.edge.send(ev, ord, f);
    // WMS hands the physical lot to the line; MES consumes it at the first operation (where the ledger notes an expired one)
    ord.mesStaged.push({ item: item.id, lot, qty, uom: item.uom, expiry, eventId: ev.id, expiredBy: expired });
  }

  /**
   * Pick from stock, first expiry first: expired lots are refused on the way (and leave stock); the
   * first lot that covers the need is staged, split first when it holds more. False when none
   * covers it (WMS stages one lot per component, so a smaller lot is left for a smaller order).
   */
  private fromStock(ord: OrderRt, comp: Component): boolean {
    const c = this.c;
    const now = c.sched.now;
    const item = comp.item.id;
    const need = round6(comp.perUnit * ord.qty);
    for (const l of [...this.stock.lots(item)]) {
      if (l.expiryMs <= now) {
        this.stock.remove(item, l.lot);
        this.refused(ord, comp, l.lot, l.expiryMs);
        continue;
      }
      if (l.qty + EPS < need) continue;
      if (l.qty - need <= EPS) {
        this.stock.take(item, l.lot, l.qty);
        this.staged(ord, comp, l.lot, l.qty, l.expiryMs, undefined);
        return true;
      }
      const n = ++l.splits;
      const child = c.ids.lotId();
      const data = { item, lot: l.lot, newLot: child, order: ord.id, qty: need, uom: comp.item.uom };
      const f = plantFault(c, 'wms.lot.split', ord);
      publish(c, ord.line.wms, ord, 'wms.lot.split', data, `${l.lot}/SPLIT/${n}`, ord.mesAckId, l.lot, f);
      this.stock.take(item, l.lot, need);
      this.staged(ord, comp, child, need, l.expiryMs, undefined);
      return true;
    }
    return false;
  }

  /** The lot WMS was about to stage from opening stock had expired (an expired-lot fault with `pick`): refused at the pick. */
  private refuseOpening(ord: OrderRt, comp: Component, fault: FaultRt): void {
    const c = this.c;
    const now = c.sched.now;
    const lot = c.ids.lotId();
    const ev = this.refused(ord, comp, lot, now - num(fault, 'expiredByDays') * DAY_MS);
    c.ledger.message(now, fault, 'expired-lot', ev, ord, `lot ${lot} refused at the pick, expired on ${ev.data.expiry}; a substitute is staged`, false);
  }

  private refused(ord: OrderRt, comp: Component, lot: string, expiryMs: number) {
    const c = this.c;
    const expiry = c.env.date(expiryMs);
    const data = { expiry, item: comp.item.id, lot, order: ord.id, reason: 'expired' };
    const f = plantFault(c, 'wms.pick.refused', ord);
    return publish(c, ord.line.wms, ord, 'wms.pick.refused', data, `${ord.id}/PICK/${comp.item.id}/${lot}`, ord.mesAckId, lot, f);
  }
}
