/**
 * What a sync gap (and a reconciliation mismatch) says about quantities and causes. A quantity always
 * travels with its unit (CONVENTIONS rule 13); a row is one thing compared — one operation's good or
 * scrap quantity, one component lot, one received lot — in one unit, so no value adds units or
 * materials together.
 */

/** A quantity and its unit of measure ('' only when the message named none). */
export type Quantity = { readonly qty: number; readonly uom: string };

/**
 * What a row's quantities are: an operation's confirmed good or scrap quantity, a component lot's
 * consumed quantity, or the finished lot's received quantity.
 */
export type RowMeasure = 'good' | 'scrap' | 'consumed' | 'received';

/**
 * One thing compared between MES and ERP, in one unit: amounts in units master data converts are
 * compared in the row's unit; amounts in a unit it cannot convert are a row of their own.
 */
export type GapRow = {
  /** the item: the order's finished item for confirmations and receipts, the component for consumption ('' while unknown) */
  readonly material: string;
  /** the lot, for consumption and receipts */
  readonly lot: string | null;
  /** the routing operation, for confirmations */
  readonly operation: string | null;
  readonly measure: RowMeasure;
  /** what MES reported; null when it reported nothing for this row (or its message was never seen: `note`) */
  readonly mes: Quantity | null;
  /** what ERP posted (every posting, for a double posting); null when it posted nothing for this row */
  readonly erp: Quantity | null;
  /** MES − ERP in the row's unit; null only when MES's quantity is unknown (a message never seen) */
  readonly delta: Quantity | null;
  /** e.g. `1 confirmation never seen`, `PO-1/GR posted twice` */
  readonly note?: string;
};

/**
 * One link of a probable cause, root first: e.g. `UoM PC not convertible to EA` → `final confirmation
 * PO-1/CONF/0050 dead-lettered` → `ERP refused goods receipt PO-1/GR: order not confirmed`.
 */
export type CauseStep = {
  readonly text: string;
  /** on a chain's first step: what kind of root it is (`RootCause`) */
  readonly category?: RootCause;
  /** the journaled event that shows this step (the message that was dead-lettered, …), for the lineage view */
  readonly eventId?: string;
  /** the business key the step is about */
  readonly businesskey?: string;
};

/**
 * The kind of a gap's root cause: a dead letter's category (`technical`, `business-rule`,
 * `data-quality`), a message `lost` (no record past grace, or never journaled), one still
 * `in-flight` (retried, buffered, gated), `queued` behind one that is, `awaiting` its posting
 * within grace, `posted-late`, a `mismatch` of what was posted, an `orphan-posting` with no
 * message, a `duplicate` posting, or an `order-change`: ERP changed or cancelled the order (order-changes.ts).
 */
export type RootCause =
  | 'technical'
  | 'business-rule'
  | 'data-quality'
  | 'lost'
  | 'in-flight'
  | 'queued'
  | 'awaiting'
  | 'posted-late'
  | 'mismatch'
  | 'orphan-posting'
  | 'duplicate'
  | 'order-change';
