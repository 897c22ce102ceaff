import { convertUom } from '../model/uom.js';
import type { CauseStep, RootCause } from './gap-types.js';
import { graceFrom, inFlightHead, queuedBehind, refUom } from './keys.js';
import { chainText, deadChain, followedChain, keyName } from './root-cause.js';
import { INT_DEAD, INT_IN_FLIGHT, type KeyRec, type UomChangeRec } from './state.js';
import { conversionStep } from './uom-changes.js';

/** How a cause text names a message, by message type: [singular, plural]. */
const NOUN: Readonly<Record<string, readonly [string, string]>> = {
  'erp.order.released': ['release', 'releases'],
  'mes.operation.confirmed': ['confirmation', 'confirmations'],
  'mes.material.consumed': ['consumption', 'consumptions'],
  'mes.order.completed': ['completion', 'completions'],
  'mes.output.declared': ['partial receipt', 'partial receipts'],
  'mes.confirmation.cancelled': ['cancellation', 'cancellations'],
  'mes.consumption.reversed': ['consumption reversal', 'consumption reversals'],
  'mes.receipt.reversed': ['receipt reversal', 'receipt reversals'],
  'qms.hold.placed': ['hold', 'holds'],
  'qms.hold.released': ['hold release', 'hold releases'],
  'qms.usage.decided': ['usage decision', 'usage decisions'],
};

export function noun(type: string | undefined, n: number): string {
  const w = NOUN[type ?? ''] ?? ['message', 'messages'];
  return n === 1 ? w[0] : w[1];
}

function sender(type: string | undefined): string {
  return (type ?? 'mes').slice(0, type?.indexOf('.') ?? 3).toUpperCase();
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

function fmt(qty: number, uom: string): string {
  return uom ? `${qty} ${uom}` : `${qty}`;
}

/** Announced changes of items' alternative units, per `item\u0000uom` (`MonitorState.uomChanges`). */
type UomChanges = ReadonlyMap<string, readonly UomChangeRec[]> | undefined;

/** Why a posted key disagrees with its message, as a chain's one step. */
function mismatchStep(k: KeyRec, changes: UomChanges): CauseStep {
  const text = mismatchText(k);
  if (text !== undefined) return { text, businesskey: k.key, category: 'mismatch' };
  // a component MES stated in an alternative unit: what it said, the order's factor and the one ERP converted at
  return conversionStep(k, changes) ?? { text: quantityText(k), businesskey: k.key, category: 'mismatch' };
}

/** Why a posted key disagrees with its message; undefined when it is the quantity (quantityText). */
function mismatchText(k: KeyRec): string | undefined {
  const m = k.mes!;
  const p = k.erp!;
  const ref = refUom(k);
  switch (k.iface) {
    case 'order-release':
      return `MES acknowledged ${k.key} with routing revision ${p.label}, ERP released revision ${m.label}`;
    case 'quality-hold':
      if (m.lot !== p.lot) return `ERP acted on lot ${p.lot} for ${k.key}, QMS on lot ${m.lot}`;
      if (k.messageType === 'qms.hold.released') return `ERP released ${k.key} as ${p.label}, QMS disposition ${m.label}`;
      return `ERP blocked ${p.qty} for ${k.key}, QMS held ${m.qty}`;
    default:
      break;
  }
  if (k.iface === 'confirmation' && m.label !== p.label) return `ERP posted ${k.key} to operation ${p.label}, MES confirmed operation ${m.label}`;
  if (k.iface === 'consumption' && m.label !== p.label) return `ERP posted ${k.key} for item ${p.label}, MES consumed item ${m.label}`;
  if (m.lot !== p.lot && (k.iface === 'consumption' || k.iface === 'goods-receipt')) return `ERP posted lot ${p.lot} for ${k.key}, MES reported lot ${m.lot}`;
  if (p.uom && ref && convertUom(1, p.uom, ref) === undefined) return `ERP posted ${fmt(p.qty, p.uom)} for ${k.key}: ${p.uom} not convertible to ${ref}`;
  if (k.iface === 'confirmation' && p.qty === m.qty && p.uom === m.uom) {
    return `ERP posted scrap ${fmt(p.scrap, p.uom)} for ${k.key}, MES reported ${fmt(m.scrap, m.uom)}`;
  }
  return m.said === undefined ? quantityText(k) : undefined;
}

function quantityText(k: KeyRec): string {
  const m = k.mes!;
  const p = k.erp!;
  return `ERP posted ${fmt(p.qty, p.uom)} for ${k.key}, MES reported ${fmt(m.qty, m.uom)}`;
}

type Group = { keys: KeyRec[]; text: string; at: number };

function list(keys: readonly KeyRec[]): string {
  const shown = keys.slice(0, 3).map((k) => k.key).join(', ');
  return keys.length > 3 ? `${shown} and ${keys.length - 3} more` : shown;
}

/** Probable causes, each a chain told root first; `text` is all of them on one line, `chain` the first. */
export type Causes = { readonly text: string; readonly chain: readonly CauseStep[] };

export function causesOf(chains: readonly (readonly CauseStep[])[]): Causes {
  return { text: chains.map(chainText).join('; '), chain: chains[0] ?? [] };
}

const one = (text: string, keys: readonly KeyRec[], category: RootCause): CauseStep[] => [keys.length === 1 ? { text, businesskey: keys[0]!.key, category } : { text, category }];

/**
 * What dead letters of one kind share: the reason, or — when the reason names the key itself, as
 * ERP's refusals do ("posting period 2026-02 is closed: PO-1/CONF/0030/1 has posting date …") — the
 * rule before the key.
 */
function ruleOf(k: KeyRec): string {
  const reason = k.dead!.reason;
  const at = reason.indexOf(k.key);
  if (at < 0) return reason;
  const colon = reason.indexOf(': ');
  return colon >= 0 && colon < at ? reason.slice(0, colon) : reason.replaceAll(k.key, '\u0000');
}

/**
 * Dead letters root first, aggregated: those of one kind and rule as one chain (the first's reason,
 * then all of them), and refusals followed to the same upstream cause or order change (root-cause.ts)
 * as that cause once, then the refused messages. Four confirmations refused for one change of the
 * order are one chain, not four.
 */
function deadChains(keys: readonly KeyRec[]): CauseStep[][] {
  const followed = new Map<string, { keys: KeyRec[]; chain: CauseStep[] }>();
  const groups = new Map<string, KeyRec[]>();
  for (const k of keys) {
    const d = k.dead!;
    const chain = followedChain(k);
    if (chain !== undefined) {
      const id = `${k.messageType}|${k.final}|${k.operatorDiscarded}|${chain.slice(0, -1).map((s) => s.text).join('\u0000')}`;
      const g = followed.get(id);
      if (g === undefined) followed.set(id, { keys: [k], chain });
      else g.keys.push(k);
      continue;
    }
    const id = `${k.messageType}|${d.category}|${ruleOf(k)}|${k.operatorDiscarded}`;
    const g = groups.get(id);
    if (g === undefined) groups.set(id, [k]);
    else g.push(k);
  }
  const out: CauseStep[][] = [];
  for (const { keys: g, chain } of followed.values()) {
    if (g.length === 1) {
      out.push(chain);
      continue;
    }
    const k = g[0]!;
    const by = k.operatorDiscarded ? ' (discarded by an operator)' : '';
    const what = `${k.final ? 'final ' : ''}${noun(k.messageType, g.length)}`;
    out.push([...chain.slice(0, -1), { text: `${g.length} ${what} refused${by}: ${list(g)} — ${k.dead!.reason}`, eventId: k.dead!.messageId }]);
  }
  for (const g of groups.values()) {
    if (g.length === 1) {
      out.push(deadChain(g[0]!));
      continue;
    }
    const k = g[0]!;
    const by = k.operatorDiscarded ? ' (discarded by an operator)' : '';
    out.push([
      { text: k.dead!.reason, eventId: k.dead!.messageId, category: k.dead!.category },
      { text: `${g.length} ${noun(k.messageType, g.length)} dead-lettered (${k.dead!.category})${by}: ${list(g)}` },
    ]);
  }
  return out;
}

/**
 * The probable causes of a disagreement over these keys, from what the monitor saw for each:
 * dead letters (aggregated by reason, and followed to their root), integration-layer evidence of a
 * message in flight, wrong or orphan postings, and — only when the integration layer has no record
 * at all past grace — loss. `changes`: the conversion changes ERP announced (a posting converted at
 * one of them is named for it).
 */
export function causeOf(keys: readonly KeyRec[], now: number, grace: number, changes?: UomChanges): Causes {
  const dead: KeyRec[] = [];
  const flight = new Map<string, Group>();
  const lost: KeyRec[] = [];
  const queued: KeyRec[] = [];
  const head = keys.length > 0 ? inFlightHead(keys[0]!.order) : undefined;
  const waiting: KeyRec[] = [];
  const parts: CauseStep[][] = [];
  const orphans: KeyRec[] = [];
  for (const k of keys) {
    if (k.postings > 0) {
      if (k.mes === undefined) orphans.push(k);
      else if (k.mismatch) parts.push([mismatchStep(k, changes)]);
      continue;
    }
    if (k.intState === INT_DEAD && k.dead !== undefined) dead.push(k);
    else if (k.intState === INT_IN_FLIGHT && k.note !== undefined) {
      const g = flight.get(k.note.type) ?? { keys: [], text: k.note.text, at: k.note.at };
      g.keys.push(k);
      // the oldest buffering tells how long the outage lasts; otherwise the latest word counts
      const better = k.note.type === 'int.message.buffered' ? k.note.at < g.at : k.note.at > g.at;
      if (better) {
        g.text = k.note.text;
        g.at = k.note.at;
      }
      flight.set(k.note.type, g);
    } else if (queuedBehind(k, head)) queued.push(k);
    else if (now - graceFrom(k) > grace) lost.push(k);
    else waiting.push(k);
  }
  const out: CauseStep[][] = deadChains(dead);
  for (const g of flight.values()) {
    const n = g.keys.length;
    out.push(one(n === 1 ? g.text : `${n} ${noun(g.keys[0]!.messageType, n)}: ${g.text}`, g.keys, 'in-flight'));
  }
  if (queued.length > 0 && head !== undefined) {
    const n = queued.length;
    const behind = `queued behind ${head.key}${head.note ? ` (${head.note.text})` : ''}`;
    out.push(one(n === 1 ? behind : `${n} ${noun(queued[0]!.messageType, n)} ${behind}`, queued, 'queued'));
  }
  if (lost.length > 0) {
    const t = lost[0]!.messageType;
    const where = `between ${sender(t)} and the integration layer`;
    out.push(
      one(
        // name the message: with partials, which confirmation of an operation went missing is the point
        lost.length === 1
          ? `no integration-layer record: ${lost[0]!.mes === undefined ? 'message' : keyName(lost[0]!)} lost ${where}`
          : `${lost.length} ${noun(t, lost.length)} with no integration-layer record: messages lost ${where} (${list(lost)})`,
        lost,
        'lost',
      ),
    );
  }
  out.push(...parts);
  if (orphans.length > 0) out.push(one(`ERP posted ${list(orphans)} with no message seen from the sender`, orphans, 'orphan-posting'));
  if (waiting.length > 0) out.push(one(`${waiting.length} ${noun(waiting[0]!.messageType, waiting.length)} awaiting posting within grace`, waiting, 'awaiting'));
  return causesOf(out);
}

/** Cause of a double posting, root first: what the monitor saw of the message side, then the postings (and reversals that netted some). */
export function duplicateCause(k: KeyRec): Causes {
  const posted: CauseStep = { text: `ERP posted business key ${k.key} ${times(k.erpPostings)}`, businesskey: k.key };
  const reversed = (k.reversals ?? []).filter((r) => r.erpPostings > 0);
  const netted: CauseStep[] =
    reversed.length === 0 ? [] : [{ text: `${list(reversed)} reversed ${reversed.length === 1 ? 'one' : reversed.length} of them: still posted ${times(k.erpPostings - k.erpReversed)} net`, businesskey: reversed[0]!.key }];
  if (k.messageCount > 1 && k.suppressed === 0) {
    const sent: CauseStep = { text: `${sender(k.messageType)} sent ${k.key} ${times(k.messageCount)} and no duplicate was suppressed`, businesskey: k.key, category: 'duplicate' };
    return causesOf([[sent, posted, ...netted]]);
  }
  return causesOf([[{ ...posted, category: 'duplicate' }, ...netted]]);
}

/**
 * Cause of a reversal gap, root first: why ERP has not posted the reversal (its own dead letter,
 * loss, an integration-layer hold: `why`), then what it was to net — the posting of the reversed key
 * that ERP still holds.
 */
export function reversalCause(r: KeyRec, why: Causes): Causes {
  const k = r.reverses;
  const what = noun(r.messageType, 1);
  let text: string;
  if (r.postings > 0) text = `${what} ${r.key} of ${r.reversesKey} posted other than asked`;
  else if (k === undefined) text = `${what} ${r.key} of ${r.reversesKey} not posted`;
  else {
    const p = k.erpMore?.[k.erpMore.length - 1] ?? k.erp;
    const of = p === undefined ? '' : k.iface === 'confirmation' ? `${fmt(p.qty, p.uom)} of operation ${p.label}` : `${fmt(p.qty, p.uom)} ${p.label}${p.lot ? ` lot ${p.lot}` : ''}`;
    const posting = p === undefined ? 'which ERP never posted' : `posted ${times(k.erpPostings)} (${of}${k.erpPostings > 1 ? ' each' : ''})`;
    text = `${what} ${r.key} not posted: ERP still holds ${k.key}, ${posting}${k.erpReversed > 0 ? `, reversed ${k.erpReversed === 1 ? 'once' : times(k.erpReversed)}` : ''}`;
  }
  const step: CauseStep = { text, businesskey: r.key };
  if (r.postings > 0) return causesOf([[...why.chain, step]]);
  const chain = why.chain.length === 0 ? [{ ...step, category: 'awaiting' as const }] : [...why.chain, step];
  return { text: why.text === '' ? text : `${why.text} → ${text}`, chain };
}
