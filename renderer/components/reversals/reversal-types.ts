/**
 * Which events take part in reversals, for the lineage view (the renderer imports no model code at
 * runtime: these mirror `REVERSAL_RULES` of model/interfaces.ts, and a test keeps them equal).
 */

/** ERP postings an operator may ask ERP to reverse. */
export const REVERSIBLE_POSTINGS: ReadonlySet<string> = new Set(['erp.confirmation.posted', 'erp.consumption.posted', 'erp.goods.received']);

/** Messages that ask ERP to reverse a posting, and the ERP postings that net one. */
export const REVERSAL_TYPES: ReadonlySet<string> = new Set([
  'mes.confirmation.cancelled',
  'mes.consumption.reversed',
  'mes.receipt.reversed',
  'erp.confirmation.cancelled',
  'erp.consumption.reversed',
  'erp.goods.reversed',
]);
