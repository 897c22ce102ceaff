import { rfc3339 } from '../model/event.js';
import { convertUom } from '../model/uom.js';
import type { GapRow, CauseStep } from './gap-types.js';
import { register, unregister } from './gap-registry.js';
import { discrepantSince } from './keys.js';
import type { Projection } from './projection.js';
import { SLOT_CHANGE_ACK, SLOT_ORDER_CHANGE, type Breach, type ChangeNote, type Confirmed, type GapRec, type KeyRec, type MonitorState, type OrderChangesRec, type OrderRec } from './state.js';
import type { Gap } from './types.js';

/**
 * Changes and cancellations of released orders, learnt from events only. ERP's `erp.order.changed`
 * (`{order}/CHG/{n}`: the new order quantity) and `erp.order.cancelled` (`{order}/CANCEL`) are
 * messages of the `order-release` interface that MES acknowledges; the key ledger keeps them like a
 * release, and one that MES does not acknowledge within the interface's grace is a `status` gap of
 * its own. What MES confirms after a change beyond the changed quantity (its operation's good +
 * scrap, every partial counted), or after the cancellation at all, is work done against an order
 * that no longer stands: an `order-change` gap that opens at once (a fact, not a lag) and names the
 * change — its key, when ERP made it, whether MES took it — as its root.
 */

const EPS = 1e-6;
const fmt = (x: number) => String(Math.round(x * 1000) / 1000);

/** True for the business key of an order change or cancellation (`{order}/CHG/{n}`, `{order}/CANCEL`). */
export function isChangeKey(key: string): boolean {
  return key.endsWith('/CANCEL') || /\/CHG\/\d+$/.test(key);
}

function recOf(o: OrderRec): OrderChangesRec {
  return (o.changes ??= { changes: [], cancel: undefined, orderedQty: undefined, confirmed: new Map(), breach: undefined, gap: undefined, ackGaps: new Map() });
}

/** The order quantity in force at `at` (the latest change before it), or undefined when none was made by then. */
function changeAt(c: OrderChangesRec, at: number): ChangeNote | undefined {
  let found: ChangeNote | undefined;
  for (const ch of c.changes) if (ch.at <= at) found = ch;
  return found;
}

/** MES's good + scrap of operation `op`, in `uom`, over every confirmation of it the monitor has seen. */
function opTotal(c: OrderChangesRec, op: string): number {
  let t = 0;
  for (const x of c.confirmed.values()) if (x.op === op) t += x.qty;
  return t;
}

/** Judge a confirmation against the changes made before it (once the order has a breach, it keeps the first). */
function judge(c: OrderChangesRec, key: string, x: Confirmed, uom: string): Breach | undefined {
  if (c.cancel !== undefined && x.at > c.cancel.at) return { key, op: x.op, total: opTotal(c, x.op), at: x.at, eventId: x.eventId, against: c.cancel };
  const ch = changeAt(c, x.at);
  if (ch === undefined || ch.qty === undefined) return undefined;
  const total = opTotal(c, x.op);
  const limit = ch.uom === '' || ch.uom === uom ? ch.qty : convertUom(ch.qty, ch.uom, uom);
  if (limit === undefined || total <= limit + EPS * Math.max(1, limit)) return undefined;
  return { key, op: x.op, total, at: x.at, eventId: x.eventId, against: ch };
}

function openBreach(s: MonitorState, o: OrderRec, c: OrderChangesRec, b: Breach): void {
  c.breach = b;
  const g: GapRec = { id: `order-change:${o.id}`, slot: SLOT_ORDER_CHANGE, order: o, key: s.keys.get(b.key), openedAt: b.at };
  c.gap = g;
  register(s, g);
}

/** Changes, cancellations and the confirmations judged against them. */
export const orderChanges: Projection = {
  handles: [
    'erp.order.changed',
    'erp.order.cancelled',
    'mes.order.change-acknowledged',
    'mes.order.cancel-acknowledged',
    'mes.operation.confirmed',
    'mes.confirmation.cancelled',
  ],
  evolve(s, e, o, at) {
    if (o === undefined) return;
    switch (e.type) {
      case 'erp.order.changed': {
        const c = recOf(o);
        if (c.changes.some((x) => x.key === e.businesskey)) return;
        // the quantity released, as the release key holds it
        c.orderedQty ??= o.releaseKey?.mes?.qty;
        const was = c.changes.at(-1)?.qty ?? c.orderedQty;
        c.changes.push({ key: e.businesskey, eventId: e.id, at, qty: e.data.qty, uom: e.data.uom, was, reason: '', ackAt: NaN });
        return;
      }
      case 'mes.order.change-acknowledged':
      case 'mes.order.cancel-acknowledged': {
        // kept on the note: compaction may forget the agreeing key long before the gap it explains closes
        const n = e.type === 'mes.order.cancel-acknowledged' ? o.changes?.cancel : o.changes?.changes.find((x) => x.key === e.businesskey);
        if (n !== undefined && n.ackAt !== n.ackAt) n.ackAt = at;
        return;
      }
      case 'erp.order.cancelled': {
        const c = recOf(o);
        c.cancel ??= { key: e.businesskey, eventId: e.id, at, qty: undefined, uom: '', was: undefined, reason: e.data.reason, ackAt: NaN };
        return;
      }
      case 'mes.operation.confirmed': {
        const c = o.changes;
        if (c === undefined || c.confirmed.has(e.businesskey)) return;
        const qty = convertUom(e.data.goodQty + e.data.scrapQty, e.data.uom, o.uom || e.data.uom) ?? e.data.goodQty + e.data.scrapQty;
        const x: Confirmed = { op: e.data.operation, qty, at, eventId: e.id };
        c.confirmed.set(e.businesskey, x);
        if (c.breach !== undefined) return;
        const b = judge(c, e.businesskey, x, o.uom || e.data.uom);
        if (b !== undefined) openBreach(s, o, c, b);
        return;
      }
      case 'mes.confirmation.cancelled': {
        // MES took a confirmation back: it no longer counts towards its operation
        o.changes?.confirmed.delete(e.data.reverses);
        return;
      }
      default:
        return;
    }
  },
};

/**
 * Open, keep or close the status gap of each change (and the cancellation) MES has not
 * acknowledged within the order-release grace period; returns the next instant worth looking again.
 */
export function settleOrderChanges(s: MonitorState, o: OrderRec, next: number): number {
  const c = o.changes;
  if (c === undefined) return next;
  const grace = s.grace['order-release'];
  const notes = c.cancel === undefined ? c.changes : [...c.changes, c.cancel];
  for (const n of notes) {
    const k = s.keys.get(n.key);
    const since = k === undefined ? NaN : discrepantSince(k);
    const open = c.ackGaps.get(n.key);
    if (since !== since) {
      if (open !== undefined) closeAck(s, c, n.key, open);
      continue;
    }
    const due = since + grace;
    if (s.nowMs > due) {
      if (open === undefined) {
        const g: GapRec = { id: `status:${n.key}`, slot: SLOT_CHANGE_ACK, order: o, key: k, openedAt: due };
        c.ackGaps.set(n.key, g);
        register(s, g);
      }
    } else {
      if (open !== undefined) closeAck(s, c, n.key, open);
      if (due + 1 < next) next = due + 1;
    }
  }
  return next;
}

function closeAck(s: MonitorState, c: OrderChangesRec, key: string, g: GapRec): void {
  c.ackGaps.delete(key);
  unregister(s, g);
}

/** `PO-1/CHG/1 (8 EA, was 14) at …` or `PO-1/CANCEL (customer cancelled) at …` */
function noteText(n: ChangeNote): string {
  if (n.qty === undefined) return `ERP cancelled the order (${n.key}: ${n.reason}) at ${rfc3339(n.at)}`;
  const was = n.was === undefined ? '' : ` from ${fmt(n.was)}`;
  return `ERP changed the order quantity${was} to ${fmt(n.qty)} ${n.uom} (${n.key}) at ${rfc3339(n.at)}`;
}

/**
 * The change (or cancellation) of `k`'s order that ERP's refusal of `k` names, as the root step of
 * its cause chain; undefined when the refusal names none.
 */
export function changeStepOf(k: KeyRec): CauseStep | undefined {
  const c = k.order.changes;
  const reason = k.dead?.reason;
  if (c === undefined || reason === undefined) return undefined;
  const notes = c.cancel === undefined ? c.changes : [c.cancel, ...c.changes];
  const n = notes.find((x) => reason.includes(`${x.key} `));
  return n === undefined ? undefined : { text: noteText(n), category: 'order-change', eventId: n.eventId, businesskey: n.key };
}

/** Whether MES took the change (its acknowledgement), as the chain's second step. */
function ackText(s: MonitorState, n: ChangeNote): CauseStep {
  const k = s.keys.get(n.key);
  const what = n.qty === undefined ? 'cancellation' : 'change';
  if (n.ackAt === n.ackAt) return { text: `MES acknowledged the ${what} at ${rfc3339(n.ackAt)}`, businesskey: n.key };
  if (k?.dead !== undefined) return { text: `the ${what} never reached MES: ${k.dead.reason}`, businesskey: n.key, eventId: k.dead.messageId };
  return { text: `MES never acknowledged the ${what}: it works to the order as it was`, businesskey: n.key };
}

/** A gap of an order's changes, described: the change is the root of its cause, always. */
export function describeOrderChangeGap(s: MonitorState, g: GapRec): Gap {
  const o = g.order;
  const c = o.changes!;
  const base = { id: g.id, plant: o.line.plant, line: o.line.line, order: o.id, openedAt: rfc3339(g.openedAt), ageMs: s.nowMs - g.openedAt };
  if (g.slot === SLOT_CHANGE_ACK) {
    const k = g.key!;
    const n = c.changes.find((x) => x.key === k.key) ?? c.cancel!;
    const what = n.qty === undefined ? 'cancellation' : `change to ${fmt(n.qty)} ${n.uom}`;
    const chain: CauseStep[] = [{ text: noteText(n), category: 'order-change', eventId: n.eventId, businesskey: n.key }, ackText(s, n)];
    return {
      ...base,
      kind: 'status',
      interface: 'order-release',
      businesskeys: [k.key],
      mes: 'not acknowledged',
      erp: n.qty === undefined ? 'cancelled' : `changed to ${fmt(n.qty)} ${n.uom}`,
      delta: null,
      summary: `MES has not acknowledged the ${what} ${n.key}`,
      rows: [],
      cause: chain.map((x) => x.text).join(' → '),
      causeChain: chain,
      rootCause: 'order-change',
    };
  }
  const b = c.breach!;
  const k = s.keys.get(b.key);
  const n = b.against;
  const uom = o.uom || n.uom;
  const chain: CauseStep[] = [{ text: noteText(n), category: 'order-change', eventId: n.eventId, businesskey: n.key }, ackText(s, n)];
  let summary: string;
  let rows: GapRow[] = [];
  let mes: string;
  let erp: string;
  let delta: number | null = null;
  if (n.qty === undefined) {
    summary = `MES confirmed ${b.key} (operation ${b.op}, ${fmt(b.total)} ${uom}) after ERP cancelled order ${o.id} (${n.key})`;
    chain.push({ text: `MES confirmed ${b.key} at ${rfc3339(b.at)}, after the cancellation`, eventId: b.eventId, businesskey: b.key });
    mes = `confirmed ${fmt(b.total)} ${uom} after cancellation`;
    erp = 'cancelled';
  } else {
    delta = b.total - n.qty;
    summary = `operation ${b.op}: MES confirmed ${fmt(b.total)} ${uom} against the ${fmt(n.qty)} ${n.uom} ordered since ${n.key} (Δ +${fmt(delta)} ${uom})`;
    chain.push({ text: `MES confirmed ${b.key} at ${rfc3339(b.at)}, taking operation ${b.op} to ${fmt(b.total)} ${uom}`, eventId: b.eventId, businesskey: b.key });
    mes = `${fmt(b.total)} ${uom}`;
    erp = `${fmt(n.qty)} ${n.uom} ordered`;
    rows = [{ material: o.item, lot: null, operation: b.op, measure: 'good', mes: { qty: b.total, uom }, erp: { qty: n.qty, uom: n.uom }, delta: { qty: delta, uom }, note: `good + scrap against ${n.key}` }];
  }
  if (k?.dead !== undefined) chain.push({ text: `ERP refused ${b.key}: ${k.dead.reason}`, eventId: k.dead.messageId, businesskey: b.key });
  else if (k !== undefined && k.postings > 0) chain.push({ text: `ERP posted ${b.key} all the same`, businesskey: b.key });
  return {
    ...base,
    kind: 'order-change',
    interface: 'confirmation',
    businesskeys: [n.key, b.key],
    mes,
    erp,
    delta,
    summary,
    rows,
    cause: chain.map((x) => x.text).join(' → '),
    causeChain: chain,
    rootCause: 'order-change',
  };
}

/** True for the gaps this file opens. */
export function isOrderChangeSlot(slot: number): boolean {
  return slot === SLOT_ORDER_CHANGE || slot === SLOT_CHANGE_ACK;
}
