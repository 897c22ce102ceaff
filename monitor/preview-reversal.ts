import { REVERSAL_RULES, reversalKey, reversalMessageFor } from '../model/interfaces.js';
import { fmtQty } from './quantity-text.js';
import { erpNet, mesNet } from './reversals.js';
import type { KeyRec, MonitorState, Side } from './state.js';
import type { ReversalPreview } from './types.js';

/**
 * What a reversal of one business key would net (`Monitor.previewReversal`): one posting's worth of
 * what ERP posted for it (its latest posting, the one the reversal names as its cause), the key's net
 * postings before and after, and the gap it would close. Reads the state, changes nothing.
 */

/** The message type that reverses a key: by its message, or — for a key seen only from ERP — by its posting. */
function reversalTypeOf(k: KeyRec): string | undefined {
  if (k.messageType !== undefined) return reversalMessageFor(k.messageType);
  return REVERSAL_RULES.find((r) => r.postedAs === k.postedBy)?.message;
}

/** `PO-1/CONF/0010/2` → 2 (the partial's counter), none for a key without one. */
function counterOf(key: string): string {
  const m = /\/(\d+)$/.exec(key);
  return m === null ? '' : ` #${m[1]}`;
}

/** What the posting is about, in words: `14 EA CP-100 (confirmation 0010 #2)`, `2.5 KG ADH-243 lot L-7 (consumption)`. */
function whatOf(k: KeyRec, p: Side): string {
  const qty = fmtQty({ qty: p.qty, uom: p.uom });
  switch (k.iface) {
    case 'confirmation': {
      const scrap = p.scrap > 0 ? ` and ${fmtQty({ qty: p.scrap, uom: p.uom })} scrap` : '';
      return `${qty}${scrap} ${k.order.item || 'of the order'} (confirmation ${p.label}${counterOf(k.key)})`;
    }
    case 'consumption':
      return `${qty} ${p.label}${p.lot ? ` lot ${p.lot}` : ''} (consumption)`;
    default:
      return `${qty} ${p.label}${p.lot ? ` lot ${p.lot}` : ''} (goods receipt${counterOf(k.key)})`;
  }
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

function postedTimes(n: number): string {
  return n === 0 ? 'then nets to nothing in ERP' : n === 1 ? 'is then posted once' : `is then posted ${n} times`;
}

export function previewReversal(s: MonitorState, key: string): ReversalPreview {
  const k = s.keys.get(key);
  if (k === undefined || k.order.evicted) {
    return { ok: false, refused: `business key ${key} is unknown to the monitor (never seen, or its order closed and was forgotten: the journal has it)` };
  }
  if (k.reversesKey !== undefined) return { ok: false, refused: `${key} is itself a reversal (of ${k.reversesKey}): reverse a posting, not a reversal` };
  const messageType = reversalTypeOf(k);
  if (messageType === undefined) return { ok: false, refused: `${key} is on the ${k.iface} interface: only confirmations, consumptions and goods receipts can be reversed` };
  const before = erpNet(k);
  const p = k.erpMore?.[k.erpMore.length - 1] ?? k.erp;
  if (before <= 0 || p === undefined) {
    const what = k.erpPostings === 0 ? 'ERP has not posted it' : `ERP posted it ${times(k.erpPostings)} and reversed it ${times(k.erpReversed)}`;
    return { ok: false, refused: `${key} has no ERP posting left to net: ${what}` };
  }
  let n = (k.reversals?.length ?? 0) + 1;
  while (s.keys.has(reversalKey(key, n))) n += 1;
  const after = before - 1;
  const closesGap = k.dupGap !== undefined && after <= 1 ? k.dupGap.id : undefined;
  const o = k.order;
  const what = whatOf(k, p);
  const reverses = before === 1 ? `Reverses the posting of ${what}` : `Reverses one of ${before} postings of ${what}`;
  const closes = closesGap !== undefined ? ` and gap ${closesGap} closes` : '';
  // as the monitor will read the reversal message (key-ledger.ts): with no more postings than MES's word it cancels that word too
  const cancels = before <= mesNet(k) && mesNet(k) > 0 ? `; MES's ${k.iface === 'confirmation' ? 'confirmation' : 'goods movement'} is cancelled with it` : '';
  return {
    ok: true,
    key,
    reversalKey: reversalKey(key, n),
    messageType,
    order: o.id,
    plant: o.line.plant,
    line: o.line.line,
    iface: k.iface,
    label: p.label,
    lot: p.lot,
    qty: p.qty,
    scrap: p.scrap,
    uom: p.uom,
    postingsBefore: before,
    postingsAfter: after,
    closesGap,
    summary: `${reverses}: the key ${postedTimes(after)}${closes}${cancels}.`,
  };
}
