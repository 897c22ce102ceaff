import type { Gap } from '../../engine/contract/index.js';

/** The renderer's words for a gap's rows (the monitor's report says the same: monitor/quantity-text.ts). */
type GapRow = Gap['rows'][number];
type Quantity = NonNullable<GapRow['mes']>;

/** `7 PC`; a message that named no unit says so. */
export const fmtQty = (q: Quantity): string => `${q.qty.toLocaleString('en-US')} ${q.uom || '(no unit)'}`;

/** `+7 PC`, `−14 EA`. */
export function fmtDeltaQty(q: Quantity): string {
  const sign = q.qty > 0 ? '+' : q.qty < 0 ? '−' : '';
  return `${sign}${Math.abs(q.qty).toLocaleString('en-US')} ${q.uom || '(no unit)'}`;
}

/** What a row compares: `operation 0050`, `operation 0010 scrap`, `SEAL-KIT lot L4`. */
export function rowLabel(r: GapRow): string {
  if (r.operation !== null) return `operation ${r.operation}${r.measure === 'scrap' ? ' scrap' : ''}`;
  return r.lot === null ? r.material || 'finished item' : `${r.material} lot ${r.lot}`;
}

export const mesText = (r: GapRow): string => (r.mes !== null ? fmtQty(r.mes) : r.note?.includes('never seen') ? 'never seen' : 'not reported');
export const erpText = (r: GapRow): string => (r.erp === null ? 'not posted' : fmtQty(r.erp));
