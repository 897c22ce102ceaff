import { rfc3339 } from '../model/event.js';
import { causeOf, duplicateCause, reversalCause, type Causes } from './causes.js';
import { byDifference, compareKeys, differs, gapRow, isQtyInterface, type Row } from './gap-rows.js';
import type { GapRow } from './gap-types.js';
import { SLOT_IFACE, SLOT_KIND, owedSince } from './gaps.js';
import { erpText, fmtQty, mesText, rowLabel, rowsSummary } from './quantity-text.js';
import { erpNet } from './reversals.js';
import { describeOrderChangeGap, isOrderChangeSlot } from './order-changes.js';
import {
  SLOT_DUPLICATE,
  SLOT_HOLD,
  SLOT_REVERSAL,
  SLOT_STATUS_RECEIPT,
  SLOT_STATUS_RELEASE,
  type GapRec,
  type KeyRec,
  type MonitorState,
  type OrderRec,
  type Quality,
} from './state.js';
import type { Gap } from './types.js';

type Values = { mes: number | string; erp: number | string; delta: number | null; summary: string; rows: readonly GapRow[] };

export const QUALITY_TEXT: Readonly<Record<Quality, string>> = {
  none: 'no inspection',
  requested: 'inspection pending',
  passed: 'inspection passed',
  failed: 'inspection failed',
  held: 'on hold',
  released: 'hold released for use',
  rework: 'hold released for rework',
  scrapped: 'scrapped',
};

/** A usage decision and its stock transfer: a lot in quality-inspection stock, not a hold. */
function isUsage(k: KeyRec): boolean {
  return k.messageType === 'qms.usage.decided' || k.postedBy === 'erp.stock.transferred';
}

/** QMS's usage decisions of the order and what ERP transferred for each: `unrestricted 14` against `blocked 14`, `not transferred`. */
export function usageValues(o: OrderRec): { lot: string; mes: string; erp: string }[] {
  const out: { lot: string; mes: string; erp: string }[] = [];
  for (const k of o.keys) {
    if (k.iface !== 'quality-hold' || !isUsage(k)) continue;
    const word = (sd: KeyRec['mes']) => (sd === undefined ? undefined : `${sd.label} ${sd.qty}`);
    const mes = word(k.mes) ?? 'no decision';
    const erp = word(k.erp) ?? 'not transferred';
    out.push({ lot: k.mes?.lot ?? k.erp?.lot ?? '', mes, erp });
  }
  return out;
}

/** QMS and ERP views of the lot's hold. */
export function holdValues(o: OrderRec): { mes: string; erp: string } {
  let placed = false;
  let released: string | undefined;
  let blocked = false;
  let unblocked: KeyRec | undefined;
  for (const k of o.keys) {
    if (k.iface !== 'quality-hold' || isUsage(k)) continue;
    const isRelease = k.messageType === 'qms.hold.released' || k.postedBy === 'erp.stock.released';
    // a placeholder stands for a message QMS did send, whose content is unknown
    if (k.mes !== undefined || k.expect !== undefined) {
      if (isRelease) released = k.mes?.label ?? 'disposition unknown';
      else placed = true;
    }
    if (k.erp !== undefined) {
      if (isRelease) unblocked = k;
      else blocked = true;
    }
  }
  const mes = released ? `released (${released})` : placed ? 'on hold' : 'no hold';
  const erp = unblocked ? `released (${unblocked.erp!.label})` : blocked ? 'blocked' : 'not blocked';
  return { mes, erp };
}

/** The keys of one interface that are owed a posting or disputed now. */
function discrepant(s: MonitorState, o: OrderRec, iface: KeyRec['iface']): KeyRec[] {
  const out: KeyRec[] = [];
  for (const k of o.keys) {
    // a reversal is a gap of its own
    if (k.iface !== iface || k.reversesKey !== undefined) continue;
    if (!Number.isNaN(owedSince(s, o, k))) out.push(k);
  }
  return out;
}

/** A state gap: two words and no rows. */
function states(mes: string, erp: string): Values {
  return { mes, erp, delta: null, summary: `MES ${mes}, ERP ${erp}`, rows: [] };
}

/** Values of quantity rows: the largest difference first, named in the summary and in `mes`/`erp`/`delta`. */
function fromRows(rows: readonly GapRow[], summary = rowsSummary(rows)): Values {
  const top = rows[0];
  if (top === undefined) return { mes: 'agrees', erp: 'agrees', delta: null, summary: 'no quantity differs', rows };
  return { mes: mesText(top), erp: erpText(top), delta: top.delta?.qty ?? null, summary, rows };
}

/**
 * The rows of an interface gap: every thing compared (operation, component lot, received lot) whose
 * sides differ or that holds a key still owed or disputed, each business key counted once per side
 * (its first posting): a double posting is its own duplicate-posting gap.
 */
function interfaceRows(o: OrderRec, iface: KeyRec['iface'], open: readonly KeyRec[]): GapRow[] {
  if (!isQtyInterface(iface)) return [];
  const keys = o.keys.filter((k) => k.iface === iface);
  const rows = compareKeys(o, keys, false).filter((r) => differs(r) || r.keys.some((k) => open.includes(k)));
  return rows.sort(byDifference).map((r) => gapRow(r, unseenNote(r)));
}

function unseenNote(r: Row): string | undefined {
  if (r.unseen === 0) return undefined;
  const what = r.measure === 'good' ? 'confirmation' : r.measure === 'consumed' ? 'consumption' : 'completion';
  return `${r.unseen} ${what}${r.unseen === 1 ? '' : 's'} never seen`;
}

function times(n: number): string {
  return n === 2 ? 'twice' : `${n} times`;
}

/** A double posting: the quantity posted more than once and the amount over-posted, in the item's base unit (net of reversals). */
function duplicateValues(k: KeyRec): Values {
  const o = k.order;
  const n = erpNet(k);
  if (!isQtyInterface(k.iface) || k.erp === undefined) {
    // a usage decision's transfer moves a lot: say which, and where to
    const what = isUsage(k) && k.erp !== undefined ? `: lot ${k.erp.lot} transferred to ${k.erp.label} stock ${times(n)}` : '; it has no quantity';
    return { mes: 1, erp: n, delta: 1 - n, summary: `ERP posted business key ${k.key} ${times(n)}${what}`, rows: [] };
  }
  const note = k.erpReversed === 0 ? `${k.key} posted ${times(n)}` : `${k.key} posted ${times(n)} net of ${k.erpReversed} reversal${k.erpReversed === 1 ? '' : 's'}`;
  const rows = compareKeys(o, [k, ...(k.reversals ?? [])], true).filter(differs).sort(byDifference).map((r) => gapRow(r, note));
  const top = rows[0];
  if (top?.erp == null) return fromRows(rows, `ERP posted business key ${k.key} ${times(n)}`);
  // every posting in the row's unit: "2 × 14 EA" when they agree, else each one
  const each = [k.erp, ...(k.erpMore ?? [])].map((p) => (top.measure === 'scrap' ? p.scrap : p.qty));
  const same = k.erpReversed === 0 && each.every((q) => q === each[0]) && [k.erp, ...(k.erpMore ?? [])].every((p) => p.uom === top.erp!.uom);
  const posted = same ? `${n} × ${fmtQty({ qty: each[0]!, uom: top.erp.uom })} = ${fmtQty(top.erp)}` : fmtQty(top.erp);
  const what = rowLabel(top);
  // a posting in a unit that does not convert to what MES reported is a row of its own: nothing to subtract it from
  if (top.mes === null) return fromRows(rows, `ERP posted ${k.key} ${times(n)}: ${fmtQty(top.erp)} of ${what} in a unit that does not convert to what MES reported`);
  const over = top.delta !== null && top.delta.qty < 0 ? `, ${fmtQty({ qty: -top.delta.qty, uom: top.delta.uom })} over-posted` : '';
  const summary = `ERP posted ${k.key} ${times(n)}: ${posted} of ${what} for ${fmtQty(top.mes)} reported${over}`;
  return fromRows(rows, summary);
}

/**
 * A reversal ERP has not posted (or posted other than asked): the rows of the key it reverses, net
 * of every reversal of it on both sides — MES has taken its word back, ERP still holds the posting.
 */
function reversalValues(r: KeyRec): Values {
  const k = r.reverses;
  const keys = k === undefined ? [r] : [k, ...(k.reversals ?? [])];
  const rows = compareKeys(r.order, keys, true).filter(differs).sort(byDifference).map((x) => gapRow(x, `the key ${r.reversesKey ?? r.key} alone (${r.key} reverses it)`));
  const what = reversalNoun(r);
  const asked = r.postings === 0 ? 'not posted by ERP' : 'posted by ERP other than asked';
  // the quantities are the reversed key's, not its operation's or lot's (a re-entry under the next key
  // is not in them): the row is named by that key
  const reversed = r.reversesKey ?? r.key;
  const diff = rows.length === 0 ? '' : `; ${rowsSummary(rows, (row) => `${reversed} (${rowLabel(row)})`)}`;
  return fromRows(rows, `${what} ${r.key} ${asked}${diff}`);
}

/** `cancellation`, `consumption reversal`, `receipt reversal` (by the reversal's message, else its posting). */
export function reversalNoun(r: KeyRec): string {
  const t = r.messageType ?? r.postedBy ?? '';
  return t.includes('confirmation') ? 'cancellation' : t.includes('consumption') ? 'consumption reversal' : 'receipt reversal';
}

function body(s: MonitorState, g: GapRec): Values & { keys: KeyRec[]; causes: Causes } {
  const o = g.order;
  const grace = s.grace[g.slot < 0 ? g.key!.iface : SLOT_IFACE[g.slot]!];
  if (g.slot === SLOT_DUPLICATE) {
    const k = g.key!;
    return { ...duplicateValues(k), keys: [k], causes: duplicateCause(k) };
  }
  if (g.slot === SLOT_REVERSAL) {
    const r = g.key!;
    return { ...reversalValues(r), keys: r.reverses === undefined ? [r] : [r, r.reverses], causes: reversalCause(r, causeOf([r], s.nowMs, grace, s.uomChanges)) };
  }
  if (g.slot === SLOT_STATUS_RELEASE) {
    const k = g.key!;
    const rel = k.mes ? `released revision ${k.mes.label}` : k.expect ? 'released (message never seen)' : 'not released';
    const mes = k.postings === 0 ? 'not acknowledged' : `acknowledged revision ${k.erp!.label}`;
    const causes = causeOf([k], s.nowMs, grace, s.uomChanges);
    if (k.postings > 0) return { ...states(mes, rel), keys: [k], causes };
    // the unacknowledged release is the consequence: the cause comes first
    const then = { text: 'MES has not acknowledged the release', businesskey: k.key };
    return { ...states(mes, rel), keys: [k], causes: { text: `${causes.text} → ${then.text}`, chain: [...causes.chain, then] } };
  }
  if (g.slot === SLOT_STATUS_RECEIPT) {
    const k = g.key!;
    const q = QUALITY_TEXT[o.quality];
    const text = `ERP posted goods receipt ${k.key} before QMS cleared the lot (${q})`;
    return { ...states(q, 'goods received'), keys: [k], causes: { text, chain: [{ text, businesskey: k.key }] } };
  }
  const iface = SLOT_IFACE[g.slot]!;
  const keys = discrepant(s, o, iface);
  const causes = causeOf(keys, s.nowMs, grace, s.uomChanges);
  if (g.slot === SLOT_HOLD) {
    // a usage decision ERP has not transferred is what the gap is about when no hold is disputed
    const usage = keys.some((k) => !isUsage(k)) ? undefined : usageValues(o).find((u) => u.mes !== u.erp);
    if (usage !== undefined) return { ...states(`usage decision ${usage.mes} (lot ${usage.lot})`, usage.erp), keys, causes };
    const h = holdValues(o);
    return { ...states(h.mes, h.erp), keys, causes };
  }
  return { ...fromRows(interfaceRows(o, iface, keys)), keys, causes };
}

export function describeGap(s: MonitorState, g: GapRec): Gap {
  if (isOrderChangeSlot(g.slot)) return describeOrderChangeGap(s, g);
  const o = g.order;
  const b = body(s, g);
  return {
    id: g.id,
    kind: g.slot === SLOT_DUPLICATE ? 'duplicate-posting' : g.slot === SLOT_REVERSAL ? 'reversal' : SLOT_KIND[g.slot]!,
    interface: g.slot < 0 ? g.key!.iface : SLOT_IFACE[g.slot]!,
    plant: o.line.plant,
    line: o.line.line,
    order: o.id,
    businesskeys: b.keys.map((k) => k.key),
    mes: b.mes,
    erp: b.erp,
    delta: b.delta,
    summary: b.summary,
    rows: b.rows,
    openedAt: rfc3339(g.openedAt),
    ageMs: s.nowMs - g.openedAt,
    cause: b.causes.text,
    causeChain: b.causes.chain,
    rootCause: b.causes.chain[0]?.category ?? null,
  };
}
