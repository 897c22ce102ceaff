import { rfc3339 } from '../model/event.js';
import type { Interface } from '../model/names.js';
import type { CauseStep } from './gap-types.js';
import { changeStepOf } from './order-changes.js';
import { INT_DEAD, INT_IN_FLIGHT, type KeyRec } from './state.js';

/**
 * Following a refusal to its root. When the integration layer dead-letters a message because a
 * rule refused it (`business-rule`), the refusal is often only the symptom of an earlier message of
 * the same order that ERP never booked: ERP receives no goods for an order it has not seen
 * confirmed ("order not confirmed"), and the final confirmation may itself be dead-lettered for a
 * unit master data cannot convert. The chain is told root first: what went wrong at the start,
 * then each consequence. Only events decide: the upstream message is one the monitor saw (or
 * proved sent) and ERP had not posted when the refusal came.
 */

/** What a refused message of an interface may be waiting for: the order's confirmations before its goods receipt. */
const UPSTREAM: Partial<Record<Interface, Interface>> = { 'goods-receipt': 'confirmation' };

/** How a chain names a message, by its interface. */
const NAME: Readonly<Record<Interface, string>> = {
  'order-release': 'release',
  confirmation: 'confirmation',
  consumption: 'consumption',
  'goods-receipt': 'goods receipt',
  'quality-hold': 'quality-hold message',
};

/** Steps a chain follows at most (a guard; real chains are two or three long). */
const MAX_DEPTH = 4;

/** Names of messages that are not what their interface is mostly about. */
const SPECIAL: Readonly<Record<string, string>> = {
  'qms.hold.released': 'hold release',
  'qms.hold.placed': 'hold',
  'qms.usage.decided': 'usage decision',
  'mes.output.declared': 'partial goods receipt',
  'mes.confirmation.cancelled': 'cancellation',
  'mes.consumption.reversed': 'consumption reversal',
  'mes.receipt.reversed': 'receipt reversal',
  'erp.order.changed': 'order change',
  'erp.order.cancelled': 'order cancellation',
};

export function keyName(k: KeyRec): string {
  const what = SPECIAL[k.messageType ?? ''] ?? NAME[k.iface];
  return `${k.final ? 'final ' : ''}${what} ${k.key}`;
}

/** When the key was dead-lettered (its integration-layer note says so), else +∞. */
function deadAt(k: KeyRec): number {
  return k.note?.type === 'int.message.dead-lettered' ? k.note.at : Infinity;
}

/**
 * A refusal about the message's own quantity (a delivery or consumption tolerance) has no upstream
 * cause, whatever else of the order is unposted: ERP names the rule it applied.
 */
const OWN_RULE = /tolerance|posting period/i;

/** ERP's refusal to move stock of a lot it has not received (erp-rules.ts `inStock`). */
const NO_STOCK = /has received no stock/;

/**
 * The message of the same order the refusal of `k` most probably waits for: one of the upstream
 * interface ERP had not posted when `k` was refused — a final confirmation if MES flags them (the
 * latest; with partial confirmations every operation has one), else the latest. A reversal is never
 * followed upstream, nor a refusal that names its own tolerance rule.
 */
export function upstreamOf(k: KeyRec): KeyRec | undefined {
  // stock ERP cannot block, release or transfer because it never received it waits for the receipt
  const iface = k.iface === 'quality-hold' && k.dead !== undefined && NO_STOCK.test(k.dead.reason) ? 'goods-receipt' : UPSTREAM[k.iface];
  if (iface === undefined || k.reversesKey !== undefined || (k.dead !== undefined && OWN_RULE.test(k.dead.reason))) return undefined;
  const at = deadAt(k);
  let best: KeyRec | undefined;
  for (const u of k.order.keys) {
    if (u === k || u.iface !== iface || u.reversesKey !== undefined || (u.mes === undefined && u.expect === undefined)) continue;
    if (u.postings > 0 && u.firstPostingAt <= at) continue;
    if (best === undefined || (u.final && !best.final) || (u.final === best.final && u.messageAt > best.messageAt)) best = u;
  }
  return best;
}

/**
 * A refusal followed to its root: the change or cancellation of its order that the refusal names, or
 * the upstream message ERP had not posted, then the refusal; undefined for any other dead letter.
 */
export function followedChain(k: KeyRec, depth = 0): CauseStep[] | undefined {
  const d = k.dead!;
  if (d.category !== 'business-rule') return undefined;
  const by = k.operatorDiscarded ? ' (discarded by an operator)' : '';
  const refused: CauseStep = { text: `${keyName(k)} refused: ${d.reason}${by}`, eventId: d.messageId, businesskey: k.key };
  // ERP refused it for a change or cancellation of its order that the refusal names: that change is the root
  const change = changeStepOf(k);
  if (change !== undefined) return [change, refused];
  const up = depth < MAX_DEPTH ? upstreamOf(k) : undefined;
  return up === undefined ? undefined : [...unpostedChain(up, depth + 1), refused];
}

/** A dead-lettered key: its reason first, then the dead letter — or, for a refusal with an upstream cause, that chain first. */
export function deadChain(k: KeyRec, depth = 0): CauseStep[] {
  const followed = followedChain(k, depth);
  if (followed !== undefined) return followed;
  const d = k.dead!;
  const by = k.operatorDiscarded ? ' (discarded by an operator)' : '';
  return [
    { text: d.reason, eventId: d.messageId, category: d.category },
    { text: `${keyName(k)} dead-lettered (${d.category})${by}`, eventId: d.messageId, businesskey: k.key },
  ];
}

/** Why an upstream message was not posted in time, root first. */
function unpostedChain(u: KeyRec, depth: number): CauseStep[] {
  const name = keyName(u);
  const businesskey = u.key;
  if (u.postings > 0) return [{ text: `${name} was posted only at ${rfc3339(u.firstPostingAt)}, after the refusal`, businesskey, category: 'posted-late' }];
  if (u.intState === INT_DEAD && u.dead !== undefined) return deadChain(u, depth);
  if (u.mes === undefined) return [{ text: `${name} never reached the journal (lost before it)`, businesskey, category: 'lost' }];
  if (u.intState === INT_IN_FLIGHT && u.note !== undefined) return [{ text: u.note.text, businesskey, category: 'in-flight' }, { text: `${name} not yet posted`, businesskey }];
  if (u.bucket === 'lost') return [{ text: `${name} has no integration-layer record: lost between MES and the integration layer`, businesskey, category: 'lost' }];
  return [{ text: `${name} not yet posted`, businesskey, category: 'awaiting' }];
}

/** A chain as one line, root first. */
export function chainText(steps: readonly CauseStep[]): string {
  return steps.map((s) => s.text).join(' → ');
}
