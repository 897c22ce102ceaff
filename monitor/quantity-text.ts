import type { GapRow, Quantity } from './gap-types.js';

/** `7 PC`; a quantity whose message named no unit says so rather than pass for a bare number. */
export function fmtQty(q: Quantity): string {
  return `${q.qty} ${q.uom || '(no unit)'}`;
}

/** `+7 PC`, `−14 EA`, `0 EA`. */
export function fmtDelta(q: Quantity): string {
  const sign = q.qty > 0 ? '+' : q.qty < 0 ? '−' : '';
  return `${sign}${Math.abs(q.qty)} ${q.uom || '(no unit)'}`;
}

/** What a row is about: `operation 0050`, `operation 0010 scrap`, `SEAL-KIT lot L4`, `SP-200 lot L39`. */
export function rowLabel(r: GapRow): string {
  if (r.operation !== null) return `operation ${r.operation}${r.measure === 'scrap' ? ' scrap' : ''}`;
  return r.lot === null ? r.material || 'finished item' : `${r.material} lot ${r.lot}`;
}

/** MES's side of a row as text. */
export function mesText(r: GapRow): string {
  if (r.mes !== null) return fmtQty(r.mes);
  return r.note?.includes('never seen') ? 'never seen' : 'not reported';
}

/** ERP's side of a row as text. */
export function erpText(r: GapRow): string {
  return r.erp === null ? 'not posted' : fmtQty(r.erp);
}

/**
 * One line naming the largest difference: `operation 0050: MES 7 PC, ERP not posted (Δ +7 PC); 2 more rows`.
 * `labelOf` names the row (default: what it is about, `operation 0050`).
 */
export function rowsSummary(rows: readonly GapRow[], labelOf: (r: GapRow) => string = rowLabel): string {
  const top = rows[0];
  if (top === undefined) return '';
  const delta = top.delta === null ? '' : ` (Δ ${fmtDelta(top.delta)})`;
  const more = rows.length > 1 ? `; ${rows.length - 1} more row${rows.length === 2 ? '' : 's'}` : '';
  return `${labelOf(top)}: MES ${mesText(top)}, ERP ${erpText(top)}${delta}${more}`;
}
