import type { Ctx, WmsPort } from '../core/context.js';
import type { OrderRt } from '../core/records.js';
import { PRIO, type TaskHandler } from '../core/scheduler.js';
import { num } from '../faults/faults.js';
import { plantFault } from './publish.js';

const STAGE = 0;
const DAY_MS = 86_400_000;
/** expiry of lots that never expire */
const NEVER_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The warehouse: stages one lot per lot-controlled BOM component of an acknowledged order, then hands the order to MES. */
export class Wms implements TaskHandler, WmsPort {
  constructor(private readonly c: Ctx) {}

  stage(ord: OrderRt): void {
    const at = this.c.sched.now + this.c.rng.wms.int(30_000, 120_000);
    this.c.sched.at(at, PRIO.plant, this, STAGE, ord);
  }

  fire(_kind: number, a: unknown): void {
    const ord = a as OrderRt;
    const c = this.c;
    const now = c.sched.now;
    const comps = ord.product.lotComponents;
    for (let i = 0; i < comps.length; i++) {
      const comp = comps[i]!;
      const item = comp.item;
      const lot = c.ids.lotId();
      const qty = round6(comp.perUnit * ord.qty);
      // an expired-lot fault strikes an order released while it is active, once, on its first lot
      const expired = i === 0 ? c.faults.onOrder('expired-lot', 'wms.material.staged', ord.line, ord.releasedAt) : undefined;
      const expiryMs = expired
        ? now - num(expired, 'expiredByDays') * DAY_MS
        : item.shelfLifeDays !== undefined
          ? now + item.shelfLifeDays * DAY_MS
          : NEVER_MS;
      const expiry = c.env.date(expiryMs);
      const data = { expiry, item: item.id, lot, order: ord.id, qty, uom: item.uom };
      const f = plantFault(c, 'wms.material.staged', ord);
      const bk = `${ord.id}/STAGE/${item.id}/${lot}`;
      const ev = c.env.build(ord.line.wms, 'wms.material.staged', now, data, bk, ord.id, ord.id, ord.mesAckId, lot);
      c.edge.send(ev, ord, f);
      // WMS hands the physical lot to the line; MES consumes it at the first operation (where the ledger notes an expired one)
      ord.mesStaged.push({ item: item.id, lot, qty, uom: item.uom, expiry, eventId: ev.id, expiredBy: expired });
    }
    c.mes.onStaged(ord);
  }
}
