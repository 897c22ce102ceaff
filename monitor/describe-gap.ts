import { rfc3339 } from '../model/event.js';
import { causeOf, duplicateCause, noun } from './causes.js';
import { foldedStart } from './compaction.js';
import { SLOT_IFACE, SLOT_KIND, receiptSince } from './gaps.js';
import { discrepantSince, refUom } from './keys.js';
import {
  SLOT_CONSUMPTION,
  SLOT_HOLD,
  SLOT_QUANTITY,
  SLOT_RECEIPT,
  SLOT_STATUS_RECEIPT,
  SLOT_STATUS_RELEASE,
  type GapRec,
  type KeyRec,
  type MonitorState,
  type OrderRec,
  type Quality,
} from './state.js';
import { add, deltaOf, tally, valueOf } from './tally.js';
import type { Gap } from './types.js';

type Values = { mes: number | string; erp: number | string; prefix?: string };

/**
 * Both sides' totals over the keys of one interface, each business key counted once on each side
 * (first message, first posting), so a double posting shows as duplicate-posting and not here too.
 * Messages proven sent but never seen have no quantity; the MES side says how many there are.
 */
function totals(o: OrderRec, iface: KeyRec['iface'], pick: 'qty' | 'scrap'): Values {
  // a compacted order starts from what its forgotten keys added (compaction.ts)
  const folded = foldedStart(o, iface, pick);
  let ref = folded?.ref ?? '';
  if (folded === undefined) for (const k of o.keys) if (k.iface === iface && (ref = refUom(k)) !== '') break;
  const mes = folded?.mes ?? tally(ref);
  const erp = folded?.erp ?? tally(ref);
  let unseen = 0;
  let type: string | undefined;
  for (const k of o.keys) {
    if (k.iface !== iface) continue;
    if (k.mes !== undefined && !k.discarded) add(mes, k.mes[pick], k.mes.uom);
    else if (k.mes === undefined && k.expect !== undefined && k.postings === 0) {
      unseen += 1;
      type = k.messageType;
    }
    if (k.erp !== undefined) add(erp, k.erp[pick], k.erp.uom);
  }
  const m = valueOf(mes);
  const seen = typeof m === 'number' && mes.ref !== '' ? `${m} ${mes.ref}` : m;
  return { mes: unseen > 0 ? `${seen} + ${unseen} ${noun(type, unseen)} never seen` : m, erp: valueOf(erp) };
}

function confirmationValues(o: OrderRec): Values {
  const good = totals(o, 'confirmation', 'qty');
  if (good.mes !== good.erp) return good;
  const scrap = totals(o, 'confirmation', 'scrap');
  return scrap.mes !== scrap.erp ? { ...scrap, prefix: 'scrap quantities differ' } : good;
}

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

/** QMS and ERP views of the lot's hold. */
export function holdValues(o: OrderRec): Values {
  let placed = false;
  let released: string | undefined;
  let blocked = false;
  let unblocked: KeyRec | undefined;
  for (const k of o.keys) {
    if (k.iface !== 'quality-hold') continue;
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

function discrepant(s: MonitorState, o: OrderRec, iface: KeyRec['iface']): KeyRec[] {
  const out: KeyRec[] = [];
  for (const k of o.keys) {
    if (k.iface !== iface) continue;
    const since = iface === 'goods-receipt' ? receiptSince(s, o, k) : discrepantSince(k);
    if (!Number.isNaN(since)) out.push(k);
  }
  return out;
}

function body(s: MonitorState, g: GapRec): Values & { keys: KeyRec[]; cause: string } {
  const o = g.order;
  const grace = s.grace[SLOT_IFACE[g.slot] ?? 'confirmation'];
  if (g.slot < 0) {
    const k = g.key!;
    return { mes: 1, erp: k.erpPostings, keys: [k], cause: duplicateCause(k) };
  }
  if (g.slot === SLOT_STATUS_RELEASE) {
    const k = g.key!;
    const rel = k.mes ? `released revision ${k.mes.label}` : k.expect ? 'released (message never seen)' : 'not released';
    if (k.postings === 0) return { mes: 'not acknowledged', erp: rel, keys: [k], cause: `MES has not acknowledged the release: ${causeOf([k], s.nowMs, grace)}` };
    const mes = `acknowledged revision ${k.erp!.label}`;
    return { mes, erp: rel, keys: [k], cause: causeOf([k], s.nowMs, grace) };
  }
  if (g.slot === SLOT_STATUS_RECEIPT) {
    const k = g.key!;
    const q = QUALITY_TEXT[o.quality];
    return { mes: q, erp: 'goods received', keys: [k], cause: `ERP posted goods receipt ${k.key} before QMS cleared the lot (${q})` };
  }
  const iface = SLOT_IFACE[g.slot]!;
  const keys = discrepant(s, o, iface);
  let v: Values;
  if (g.slot === SLOT_QUANTITY) v = confirmationValues(o);
  else if (g.slot === SLOT_CONSUMPTION) v = totals(o, 'consumption', 'qty');
  else if (g.slot === SLOT_RECEIPT) v = totals(o, 'goods-receipt', 'qty');
  else if (g.slot === SLOT_HOLD) v = holdValues(o);
  else v = { mes: '', erp: '' };
  const cause = causeOf(keys, s.nowMs, grace);
  return { ...v, keys, cause: v.prefix ? `${v.prefix}; ${cause}` : cause };
}

export function describeGap(s: MonitorState, g: GapRec): Gap {
  const o = g.order;
  const b = body(s, g);
  return {
    id: g.id,
    kind: g.slot < 0 ? 'duplicate-posting' : SLOT_KIND[g.slot]!,
    interface: g.slot < 0 ? g.key!.iface : SLOT_IFACE[g.slot]!,
    plant: o.line.plant,
    line: o.line.line,
    order: o.id,
    businesskeys: b.keys.map((k) => k.key),
    mes: b.mes,
    erp: b.erp,
    delta: deltaOf(b.mes, b.erp),
    openedAt: rfc3339(g.openedAt),
    ageMs: s.nowMs - g.openedAt,
    cause: b.cause,
  };
}
