import { rfc3339, type AnyEvent, type ExceptionCategory } from '../../model/index.js';
import type { Ctx } from '../core/context.js';
import type { Msg, OrderRt } from '../core/records.js';
import type { IntEvents } from './int-events.js';

/**
 * Dependency gates. A message whose precondition is not met is held (goods receipt before the
 * quality decision) or refused (expired lot, routing revision MES does not run). The layer
 * learns the preconditions from the plant messages it sees on the bus, as a real middleware would.
 */
export class Gates {
  constructor(
    private readonly c: Ctx,
    private readonly int: IntEvents,
    private readonly forward: (msg: Msg) => void,
    private readonly deadLetter: (msg: Msg, category: ExceptionCategory, reason: string) => void,
  ) {}

  /** True when the message may go on now. */
  admit(msg: Msg): boolean {
    const ev = msg.ev;
    switch (ev.type) {
      case 'erp.order.released': {
        const runs = msg.ord.product.routing.revision;
        if (ev.data.revision === runs) return true;
        return this.refuse(msg, 'routing-revision', `routing ${ev.data.routing} revision ${ev.data.revision} differs from revision ${runs} that MES runs`);
      }
      case 'mes.material.consumed': {
        // a backflushed component has no lot to check
        if (ev.data.lot === undefined) return true;
        const exp = msg.ord.intLotExpiry?.get(ev.data.lot);
        if (exp === undefined || exp > this.c.sched.now) return true;
        return this.refuse(msg, 'lot-validity', `lot ${ev.data.lot} expired on ${rfc3339(exp)}`);
      }
      case 'mes.order.completed':
      case 'mes.output.declared':
        // a material under quality management is received into quality-inspection stock: its receipt need not wait
        return msg.ord.product.item.inspection === true || this.receipt(msg);
      default:
        return true;
    }
  }

  private refuse(msg: Msg, gate: 'routing-revision' | 'lot-validity', reason: string): false {
    this.int.gated(msg.ev, msg.ord, msg.iface, gate, reason);
    this.deadLetter(msg, 'business-rule', reason);
    return false;
  }

  /** Goods receipt waits for an inspection pass or a hold released with disposition release. */
  private receipt(msg: Msg): boolean {
    const ord = msg.ord;
    if (ord.intGate === 1) return true;
    if (ord.intGate === 2) {
      this.int.discarded(msg.ev, ord, msg.iface, 'lot scrapped');
      return false;
    }
    if (ord.intHeld === undefined) {
      ord.intHeld = [];
      ord.intHeldAt = this.c.sched.now;
    }
    ord.intHeld.push(msg);
    const lot = msg.ev.type === 'mes.order.completed' || msg.ev.type === 'mes.output.declared' ? msg.ev.data.lot : '';
    this.int.gated(msg.ev, ord, msg.iface, 'goods-receipt', `lot ${lot} awaits its quality decision`);
    return false;
  }

  /** Learn preconditions from plant messages as they pass. */
  observe(ev: AnyEvent, ord: OrderRt): void {
    switch (ev.type) {
      case 'wms.material.staged':
        (ord.intLotExpiry ??= new Map()).set(ev.data.lot, Date.parse(ev.data.expiry));
        return;
      case 'qms.inspection.recorded':
        if (ev.data.result === 'pass') this.open(ord);
        return;
      case 'qms.hold.released':
        if (ev.data.disposition === 'release') this.open(ord);
        else if (ev.data.disposition === 'scrap') this.scrap(ord);
        return;
      default:
        return;
    }
  }

  private open(ord: OrderRt): void {
    if (ord.intGate !== 0) return;
    ord.intGate = 1;
    const held = ord.intHeld;
    if (held === undefined) return;
    ord.intHeld = undefined;
    for (const m of held) {
      this.int.released(m.ev, ord, m.iface, 'goods-receipt', this.c.sched.now - ord.intHeldAt);
      this.forward(m);
    }
  }

  private scrap(ord: OrderRt): void {
    ord.intGate = 2;
    const held = ord.intHeld;
    if (held === undefined) return;
    ord.intHeld = undefined;
    for (const m of held) this.int.discarded(m.ev, ord, m.iface, 'lot scrapped');
  }
}
