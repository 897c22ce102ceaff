import type { AnyEvent } from '../model/event.js';
import type { BusinessEventType, Interface } from '../model/names.js';
import { keyFromTemplate } from './key-templates.js';
import { retireKey } from './keys.js';
import type { Projection } from './projection.js';
import { createKey } from './records.js';
import type { KeyRec, LineRec, MonitorState, OrderRec } from './state.js';

/**
 * Messages lost before the journal leave no event at all; the rest of the conversation proves they
 * were sent:
 * - a started operation is confirmed before the next one starts or the order completes;
 * - staged lots are consumed by the time the order is finished (completion or inspection request), and an inspection request means a completion was reported;
 * - a failed inspection puts the lot on hold; production or inspection after a hold, or the
 *   integration layer letting the completion through its goods-receipt gate (or discarding it for
 *   scrap), means the hold was released;
 * - a hole in ERP's sequence with an order created but never released is that release
 *   (`releasesLost`).
 * For each proven but unseen message the monitor keeps a placeholder key — spelled like the plant
 * spells that message type once learned — which counts as lost once its grace period is over,
 * unless the real message or its posting turns up. Kinds are small numbers, not objects: this runs
 * on hot paths.
 */
const CONF = 0;
const CONS = 1;
const COMPLETION = 2;
const HOLD = 3;
const RELEASE = 4;
const HOLD_RELEASE = 5;
type Kind = typeof CONF | typeof CONS | typeof COMPLETION | typeof HOLD | typeof RELEASE | typeof HOLD_RELEASE;

const IFACE: readonly Interface[] = ['confirmation', 'consumption', 'goods-receipt', 'quality-hold', 'order-release', 'quality-hold'];
const TYPE: readonly BusinessEventType[] = [
  'mes.operation.confirmed',
  'mes.material.consumed',
  'mes.order.completed',
  'qms.hold.placed',
  'erp.order.released',
  'qms.hold.released',
];
/** the ERP posting that answers each kind's message, for recognising a key seen only from ERP */
const POSTED_BY: readonly string[] = ['', '', '', 'erp.stock.blocked', '', 'erp.stock.released'];
const NOUN: readonly string[] = ['confirmation', 'consumption', 'completion', 'hold', 'release', 'hold-release'];

/** The key (real or placeholder) that stands for this message on the order, if any. */
function find(o: OrderRec, kind: Kind, label: string, lot: string): KeyRec | undefined {
  const iface = IFACE[kind];
  for (const k of o.keys) {
    if (k.iface !== iface) continue;
    if (kind === COMPLETION || kind === RELEASE) return k;
    if (kind === HOLD || kind === HOLD_RELEASE) {
      if (k.messageType === TYPE[kind] || k.postedBy === POSTED_BY[kind]) return k;
      continue;
    }
    const side = k.mes ?? k.erp ?? k.expect;
    if (side !== undefined && side.label === label && side.lot === lot) return k;
  }
  return undefined;
}

/**
 * The key a proven message had: spelled the way the plant spells that message type when that has
 * been learned, else a descriptive `unseen:` key.
 */
function keyFor(s: MonitorState, o: OrderRec, kind: Kind, label: string, lot: string): string | undefined {
  const learned = keyFromTemplate(s.templates, TYPE[kind]!, o.id, label, lot);
  return learned !== undefined && !s.keys.has(learned) ? learned : undefined;
}

function expect(s: MonitorState, o: OrderRec, kind: Kind, label: string, lot: string, at: number): void {
  if (find(o, kind, label, lot) !== undefined) return;
  const learned = keyFor(s, o, kind, label, lot);
  const key = learned ?? `unseen:${o.id}/${NOUN[kind]}${label ? `/${label}` : ''}${lot ? `/${lot}` : ''}`;
  const k = createKey(key, o, IFACE[kind]!);
  // named once the spelling is learned (see nameUnseen)
  if (learned === undefined) s.unnamed.add(k);
  s.keys.set(key, k);
  k.messageType = TYPE[kind];
  // a release is answered by MES, not ERP: it is not part of conservation
  k.needsErp = kind !== RELEASE;
  k.messageAt = at;
  k.expect = { label, lot };
  o.unseen += 1;
  if (kind === RELEASE) {
    o.releaseKey ??= k;
    o.line.unreleased.delete(o);
  }
}

/**
 * The real message (or its posting) arrived under another key than the placeholder's: the
 * placeholder goes. (Under the same key the ledger has already made the placeholder real.)
 */
function arrived(s: MonitorState, o: OrderRec, kind: Kind, label: string, lot: string, key: string): void {
  const iface = IFACE[kind];
  for (const k of o.keys) {
    if (k.expect === undefined || k.iface !== iface || k.messageType !== TYPE[kind] || k.key === key) continue;
    if (kind === COMPLETION || kind === HOLD || kind === RELEASE || kind === HOLD_RELEASE || (k.expect.label === label && k.expect.lot === lot)) {
      retireKey(s, k);
      o.unseen -= 1;
      return;
    }
  }
}

/** Every started operation but `except` has been confirmed by now. */
function confirmationsDue(s: MonitorState, o: OrderRec, except: string, at: number): void {
  for (const op of o.startedOps ?? []) if (op !== except) expect(s, o, CONF, op, '', at);
}

/** The order is finished: its staged lots (`item, lot` pairs) were consumed. */
function consumptionsDue(s: MonitorState, o: OrderRec, at: number): void {
  const staged = o.staged;
  if (staged === undefined) return;
  for (let i = 0; i + 1 < staged.length; i += 2) expect(s, o, CONS, staged[i]!, staged[i + 1]!, at);
  // staging comes before production: once checked, it is settled for the order
  o.staged = undefined;
}

/** Production restarted or a new inspection was asked for after a hold: QMS released the hold (for rework). */
function holdReleaseDue(s: MonitorState, o: OrderRec, at: number): void {
  if (find(o, HOLD, '', '') !== undefined) expect(s, o, HOLD_RELEASE, '', '', at);
}

/** An inspection request proves a completion; MES did complete the order, so it is reconciled as one. */
function completionDue(s: MonitorState, o: OrderRec, at: number): void {
  expect(s, o, COMPLETION, '', '', at);
  if (o.completedAt !== o.completedAt) o.completedAt = at;
}

/** Which message (or its posting) an event is about, for retiring placeholders. */
function arrivedFrom(s: MonitorState, o: OrderRec, e: AnyEvent): void {
  switch (e.type) {
    case 'mes.operation.confirmed':
    case 'erp.confirmation.posted':
      return arrived(s, o, CONF, e.data.operation, '', e.businesskey);
    case 'mes.material.consumed':
    case 'erp.consumption.posted':
      return arrived(s, o, CONS, e.data.item, e.data.lot ?? '', e.businesskey);
    case 'mes.order.completed':
    case 'erp.goods.received':
      return arrived(s, o, COMPLETION, '', '', e.businesskey);
    case 'qms.hold.placed':
    case 'erp.stock.blocked':
      return arrived(s, o, HOLD, '', '', e.businesskey);
    case 'erp.order.released':
    case 'mes.order.acknowledged':
      return arrived(s, o, RELEASE, '', '', e.businesskey);
    case 'qms.hold.released':
    case 'erp.stock.released':
      return arrived(s, o, HOLD_RELEASE, '', '', e.businesskey);
    default:
      return;
  }
}

/**
 * `n` messages of a line's ERP source never reached the journal. ERP's own bookings are not sent
 * through the middleware; its releases are, and a lost release leaves the order created but never
 * released. The oldest such orders created before the hole showed are the ones whose release was
 * lost (ERP releases in planning order); each gets a placeholder release, so the status gap shows.
 */
export function releasesLost(s: MonitorState, line: LineRec, at: number, n: number): OrderRec[] {
  const hit: OrderRec[] = [];
  for (const o of line.unreleased) {
    if (hit.length >= n) break;
    if (o.since > at || o.releaseKey !== undefined) continue;
    expect(s, o, RELEASE, '', '', at);
    hit.push(o);
  }
  return hit;
}

export const expectations: Projection = {
  handles: [
    'wms.material.staged',
    'mes.operation.started',
    'mes.operation.confirmed',
    'mes.material.consumed',
    'mes.order.completed',
    'qms.inspection.requested',
    'qms.inspection.recorded',
    'qms.hold.placed',
    'erp.confirmation.posted',
    'erp.consumption.posted',
    'erp.goods.received',
    'erp.stock.blocked',
    'erp.order.released',
    'mes.order.acknowledged',
    'qms.hold.released',
    'erp.stock.released',
    'int.message.released',
    'int.message.discarded',
  ],
  evolve(s, e, o, at, retained) {
    // a compacted order's conversation is over: what it proves was settled before compaction
    if (o === undefined || o.compacted) return;
    if (o.unseen > 0) arrivedFrom(s, o, e);
    // a retained message is the last one of its topic, not the conversation: it proves nothing
    // missing, nor is it evidence (a start, a staging) that a later live message could prove from
    if (retained) return;
    switch (e.type) {
      case 'wms.material.staged':
        (o.staged ??= []).push(e.data.item, e.data.lot);
        return;
      case 'mes.operation.started': {
        const ops = (o.startedOps ??= []);
        if (ops[ops.length - 1] === e.data.operation) return;
        confirmationsDue(s, o, e.data.operation, at);
        holdReleaseDue(s, o, at);
        if (!ops.includes(e.data.operation)) ops.push(e.data.operation);
        return;
      }
      case 'mes.operation.confirmed':
        // `final` ends the operation (no more partials of it), not necessarily the order: the
        // operations started before it were confirmed; staged lots are due only once the order is
        // finished (completion, inspection request), since a later operation may still consume them
        if (e.data.final) confirmationsDue(s, o, e.data.operation, at);
        return;
      case 'mes.order.completed':
        confirmationsDue(s, o, '', at);
        return consumptionsDue(s, o, at);
      case 'qms.inspection.requested':
        // QMS inspects what MES completed; the completion itself is followed by the request at once
        confirmationsDue(s, o, '', at);
        consumptionsDue(s, o, at);
        holdReleaseDue(s, o, at);
        return completionDue(s, o, at);
      case 'qms.inspection.recorded':
        if (e.data.result === 'fail') expect(s, o, HOLD, '', '', at);
        return;
      case 'int.message.released':
      case 'int.message.discarded':
        // the layer let the completion through its goods-receipt gate, or dropped it for scrap:
        // it saw the lot cleared or scrapped, so a hold on it was released
        if (e.data.messageType === 'mes.order.completed' && (e.type === 'int.message.discarded' || e.data.gate === 'goods-receipt')) holdReleaseDue(s, o, at);
        return;
      default:
        return;
    }
  },
};
