import type { CanonicalEvent, EventData } from '../../model/index.js';
import type { Ctx, DeliveryOutcome } from '../core/context.js';
import type { OrderChanges } from '../core/order-change-record.js';
import type { Msg, OrderRt } from '../core/records.js';
import { PRIO, type TaskHandler } from '../core/scheduler.js';
import { num, str, type FaultRt } from '../faults/faults.js';
import { DEFAULT_DELIVERY } from '../plant/master-data.js';

/**
 * Order changes and cancellations after release, as a plant's ERP makes them and its MES takes
 * them. ERP changes a released order's quantity (and due date) — `erp.order.changed`, keyed
 * `{order}/CHG/{n}` — or cancels it — `erp.order.cancelled`, `{order}/CANCEL`; both travel on the
 * `order-release` interface and MES acknowledges each. MES runs the operations it has not started
 * to the changed quantity and stops a cancelled order after its running operation. ERP refuses
 * what a cancelled order still sends, and confirmations or receipts beyond the changed quantity
 * and its over-delivery tolerance, naming the change. A change that never reaches MES leaves it
 * working to the old quantity: exactly what ERP then refuses.
 */

const CHANGE = 0;
const CANCEL = 1;
const ACK = 2;

const EPS = 1e-9;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const fmt = (x: number) => String(Math.round(x * 1000) / 1000);
const pct = (x: number) => `${Math.round(x * 100)} %`;

function changesOf(ord: OrderRt): OrderChanges {
  return (ord.chg ??= {
    erpQty: undefined,
    erpN: 0,
    erpChangeKey: '',
    erpChangeTime: '',
    erpCancelTime: undefined,
    erpCancelReason: '',
    mesQty: undefined,
    mesCancelled: false,
  });
}

/** ERP's side: at release it asks the order faults whether the order will be changed or cancelled, and does so `afterMs` later. */
export class ErpChanges implements TaskHandler {
  constructor(private readonly c: Ctx) {}

  /** `ord` was released now: an `order-change` or `order-cancel` fault may pick it. */
  released(ord: OrderRt): void {
    const { faults, sched } = this.c;
    const now = sched.now;
    const change = faults.onOrder('order-change', 'erp.order.changed', ord.line, now);
    if (change) sched.at(now + num(change, 'afterMs'), PRIO.erp, this, CHANGE, ord, change);
    const cancel = faults.onOrder('order-cancel', 'erp.order.cancelled', ord.line, now);
    if (cancel) sched.at(now + num(cancel, 'afterMs'), PRIO.erp, this, CANCEL, ord, cancel);
  }

  fire(kind: number, a: unknown, b: unknown): void {
    if (kind === CHANGE) this.change(a as OrderRt, b as FaultRt);
    else this.cancel(a as OrderRt, b as FaultRt);
  }

  /** ERP changes or cancels only an order it still holds open: nothing received, not closed, not cancelled. */
  private open(ord: OrderRt): boolean {
    return !ord.erpClosed && ord.erpReceivedQty <= EPS && !ord.erpReceiptPosted && ord.chg?.erpCancelTime === undefined;
  }

  private change(ord: OrderRt, f: FaultRt): void {
    if (!this.open(ord)) return;
    const { env, sched, ledger } = this.c;
    const now = sched.now;
    const ch = changesOf(ord);
    const before = ch.erpQty ?? ord.qty;
    const batch = ord.line.kind === 'batch';
    const qty = batch ? round3(before * num(f, 'factor')) : Math.max(1, Math.round(before * num(f, 'factor')));
    const n = ++ch.erpN;
    const key = `${ord.id}/CHG/${n}`;
    const dueIn = num(f, 'dueInMs');
    // keys in code-point order: the event is canonical JSON as built
    const data: EventData['erp.order.changed'] =
      dueIn > 0 ? { change: n, due: env.date(now + dueIn), order: ord.id, qty, uom: ord.uom } : { change: n, order: ord.id, qty, uom: ord.uom };
    const fault = this.c.faults.onCreate('erp.order.changed', ord.line, false, now);
    const ev = env.build(ord.line.erp, 'erp.order.changed', now, data, key, ord.id, ord.id, ord.erpReleaseId || undefined, undefined);
    ch.erpQty = qty;
    ch.erpChangeKey = key;
    ch.erpChangeTime = ev.time;
    ledger.message(now, f, 'order-changed', ev, ord, `order ${ord.id} changed from ${fmt(before)} to ${fmt(qty)} ${ord.uom} (${key})`);
    this.c.edge.send(ev, ord, fault);
  }

  private cancel(ord: OrderRt, f: FaultRt): void {
    if (!this.open(ord)) return;
    const { env, sched, ledger } = this.c;
    const now = sched.now;
    const ch = changesOf(ord);
    const reason = str(f, 'reason');
    const key = `${ord.id}/CANCEL`;
    const fault = this.c.faults.onCreate('erp.order.cancelled', ord.line, false, now);
    const ev = env.build(ord.line.erp, 'erp.order.cancelled', now, { order: ord.id, reason }, key, ord.id, ord.id, ord.erpReleaseId || undefined, undefined);
    ch.erpCancelTime = ev.time;
    ch.erpCancelReason = reason;
    // a cancelled order is done: operator actions find it for a day more, as a closed one
    this.c.orders.closedAt(ord, now);
    ledger.message(now, f, 'order-cancelled', ev, ord, `order ${ord.id} cancelled (${reason})`);
    this.c.edge.send(ev, ord, fault);
  }
}

/** The order quantity as ERP holds it now: the latest change's, else the released one. */
export function erpOrderQty(ord: OrderRt): number {
  return ord.chg?.erpQty ?? ord.qty;
}

/** `400 ordered` — and, for a changed order, which change made it so and what it was. */
export function orderedText(ord: OrderRt): string {
  const ch = ord.chg;
  if (ch?.erpQty === undefined) return `${fmt(ord.qty)} ordered`;
  return `${fmt(ch.erpQty)} ordered since change ${ch.erpChangeKey} at ${ch.erpChangeTime} (was ${fmt(ord.qty)})`;
}

/** Messages ERP posts against the order's quantity and status: what a cancelled order may no longer send. */
const WORK = new Set(['mes.operation.confirmed', 'mes.material.consumed', 'mes.order.completed', 'mes.output.declared']);

/**
 * ERP's refusal of `msg` for the order's changes (undefined: they do not concern it): any work
 * posting of a cancelled order, and a confirmation that takes its operation beyond the changed
 * quantity and the item's over-delivery tolerance (receipts are judged against the changed
 * quantity by the delivery rule, erp-rules.ts).
 */
export function changeRefusal(msg: Msg): DeliveryOutcome {
  const ord = msg.ord;
  const ch = ord.chg;
  if (ch === undefined) return undefined;
  const ev = msg.ev;
  if (ch.erpCancelTime !== undefined && WORK.has(ev.type)) {
    return { technical: false, reason: `order ${ord.id} was cancelled by ${ord.id}/CANCEL at ${ch.erpCancelTime} (${ch.erpCancelReason}): ERP posts no ${ev.businesskey} for it` };
  }
  if (ch.erpQty === undefined || ev.type !== 'mes.operation.confirmed') return undefined;
  const op = ev.data.operation;
  const tol = ord.product.item.deliveryTolerance ?? DEFAULT_DELIVERY;
  const prefix = `${ord.id}/CONF/${op}/`;
  let total = msg.qty + msg.scrap;
  for (const [key, k] of ord.erpKeys ?? []) if (k.booked > 0 && key.startsWith(prefix)) total += (k.qty + k.scrap) * k.booked;
  if (total <= ch.erpQty * (1 + tol.over) + EPS) return undefined;
  return {
    technical: false,
    reason: `confirmation ${ev.businesskey} takes operation ${op} of order ${ord.id} to ${fmt(total)} ${ord.uom} of ${orderedText(ord)}; over-delivery tolerance ${pct(tol.over)}`,
  };
}

/**
 * MES's side: it acknowledges each change and cancellation after a short think time (as it does a
 * release), then runs what it has not started to the new quantity, or stops the order.
 */
export class MesChanges implements TaskHandler {
  constructor(
    private readonly c: Ctx,
    /** the cancellation of `ord` is acknowledged: a queued order leaves the queue, a running one stops after its operation */
    private readonly onCancelled: (ord: OrderRt) => void,
  ) {}

  receive(ev: CanonicalEvent<'erp.order.changed'> | CanonicalEvent<'erp.order.cancelled'>, ord: OrderRt): DeliveryOutcome {
    const r = this.c.rng.mes[ord.line.index]!;
    this.c.sched.at(this.c.sched.now + r.int(1_000, 5_000), PRIO.plant, this, ACK, ord, ev);
    return undefined;
  }

  fire(_kind: number, a: unknown, b: unknown): void {
    const ord = a as OrderRt;
    const ev = b as CanonicalEvent<'erp.order.changed'> | CanonicalEvent<'erp.order.cancelled'>;
    const c = this.c;
    const ch = changesOf(ord);
    const f = c.faults.onCreate(ev.type === 'erp.order.changed' ? 'mes.order.change-acknowledged' : 'mes.order.cancel-acknowledged', ord.line, true, c.sched.now);
    if (ev.type === 'erp.order.changed') {
      ch.mesQty = ev.data.qty;
      const data = { change: ev.data.change, order: ord.id, qty: ev.data.qty, uom: ev.data.uom };
      this.send(ord, 'mes.order.change-acknowledged', data, ev, f);
      return;
    }
    const running = ord.mesLastId !== '' && ord.mesCompleted === undefined && !ch.mesCancelled;
    ch.mesCancelled = true;
    const data: EventData['mes.order.cancel-acknowledged'] = running ? { operation: ord.product.operations[ord.mesOp]!.id, order: ord.id } : { order: ord.id };
    this.send(ord, 'mes.order.cancel-acknowledged', data, ev, f);
    this.onCancelled(ord);
  }

  private send<T extends 'mes.order.change-acknowledged' | 'mes.order.cancel-acknowledged'>(ord: OrderRt, type: T, data: EventData[T], ev: { businesskey: string; id: string }, f: FaultRt | undefined): void {
    const c = this.c;
    const out = c.env.build(ord.line.mes, type, c.sched.now, data, ev.businesskey, ord.id, ord.id, ev.id, undefined);
    c.edge.send(out as never, ord, f);
  }
}

/** The quantity MES runs operation `ord.mesOp` with: the changed quantity once acknowledged (never more than the previous operation made). */
export function mesInputFor(ord: OrderRt): number {
  const q = ord.chg?.mesQty;
  if (q === undefined) return ord.mesInput;
  return ord.mesOp === 0 ? q : Math.min(ord.mesInput, q);
}

/** MES has acknowledged the order's cancellation. */
export function mesCancelled(ord: OrderRt): boolean {
  return ord.chg?.mesCancelled === true;
}
