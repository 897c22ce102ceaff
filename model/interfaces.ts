import type { BusinessEventType, Interface } from './names.js';

/**
 * Which MES/QMS/ERP message travels on which interface, and which ERP (or MES) event posts it.
 * The posting carries the same `businesskey` as the message it posts.
 */
export const POSTING_RULES: ReadonlyArray<{
  readonly message: BusinessEventType;
  readonly interface: Interface;
  readonly postedBy: BusinessEventType;
}> = [
  { message: 'erp.order.released', interface: 'order-release', postedBy: 'mes.order.acknowledged' },
  { message: 'mes.operation.confirmed', interface: 'confirmation', postedBy: 'erp.confirmation.posted' },
  { message: 'mes.material.consumed', interface: 'consumption', postedBy: 'erp.consumption.posted' },
  { message: 'mes.order.completed', interface: 'goods-receipt', postedBy: 'erp.goods.received' },
  { message: 'qms.hold.placed', interface: 'quality-hold', postedBy: 'erp.stock.blocked' },
  { message: 'qms.hold.released', interface: 'quality-hold', postedBy: 'erp.stock.released' },
  { message: 'mes.output.declared', interface: 'goods-receipt', postedBy: 'erp.goods.received' },
  { message: 'qms.usage.decided', interface: 'quality-hold', postedBy: 'erp.stock.transferred' },
  { message: 'mes.confirmation.cancelled', interface: 'confirmation', postedBy: 'erp.confirmation.cancelled' },
  { message: 'mes.consumption.reversed', interface: 'consumption', postedBy: 'erp.consumption.reversed' },
  { message: 'mes.receipt.reversed', interface: 'goods-receipt', postedBy: 'erp.goods.reversed' },
  { message: 'erp.order.changed', interface: 'order-release', postedBy: 'mes.order.change-acknowledged' },
  { message: 'erp.order.cancelled', interface: 'order-release', postedBy: 'mes.order.cancel-acknowledged' },
];

/**
 * Reversals: per original message type, the message that reverses it and the ERP posting that
 * nets it. A reversal carries the key `{reversed key}/REV/{n}` and names the reversed key in `reverses`.
 */
export const REVERSAL_RULES: ReadonlyArray<{
  readonly of: BusinessEventType;
  readonly postedAs: BusinessEventType;
  readonly message: BusinessEventType;
  readonly posting: BusinessEventType;
}> = [
  { of: 'mes.operation.confirmed', postedAs: 'erp.confirmation.posted', message: 'mes.confirmation.cancelled', posting: 'erp.confirmation.cancelled' },
  { of: 'mes.material.consumed', postedAs: 'erp.consumption.posted', message: 'mes.consumption.reversed', posting: 'erp.consumption.reversed' },
  { of: 'mes.order.completed', postedAs: 'erp.goods.received', message: 'mes.receipt.reversed', posting: 'erp.goods.reversed' },
  { of: 'mes.output.declared', postedAs: 'erp.goods.received', message: 'mes.receipt.reversed', posting: 'erp.goods.reversed' },
];

const REVERSAL_MESSAGES = new Set<string>(REVERSAL_RULES.map((r) => r.message));
const REVERSAL_POSTINGS = new Set<string>(REVERSAL_RULES.map((r) => r.posting));

/** True for a message that asks ERP to reverse (or cancel) a posting. */
export function isReversalMessage(type: string): boolean {
  return REVERSAL_MESSAGES.has(type);
}

/** True for an ERP posting that nets an earlier one. */
export function isReversalPosting(type: string): boolean {
  return REVERSAL_POSTINGS.has(type);
}

/** The message type that reverses a message of `type` (undefined: it cannot be reversed). */
export function reversalMessageFor(type: string): BusinessEventType | undefined {
  return REVERSAL_RULES.find((r) => r.of === type)?.message;
}

/** What a reversal says, whichever side writes it: the plant asking, ERP posting, ERP correcting itself. */
export type ReversalFacts = {
  readonly order: string;
  /** the business key of the posting reversed */
  readonly reverses: string;
  /** a confirmation's operation; a consumption's or receipt's item and lot */
  readonly operation?: string | undefined;
  readonly item?: string | undefined;
  readonly lot?: string | undefined;
  /** good quantity of a confirmation, else the quantity moved */
  readonly qty: number;
  readonly scrap?: number | undefined;
  readonly uom: string;
};

/**
 * The payload of a reversal message or posting of `type` (`document` for ERP's postings): a
 * cancelled confirmation names its operation and good and scrap quantities, a reversed goods
 * movement its item, lot (when it has one) and quantity. Members in code-point order, so the
 * payload is canonical JSON as built.
 */
export function reversalPayload(type: string, f: ReversalFacts, document?: string): Record<string, unknown> {
  const doc = document === undefined ? {} : { document };
  if (type === 'mes.confirmation.cancelled' || type === 'erp.confirmation.cancelled') {
    return { ...doc, goodQty: f.qty, operation: f.operation, order: f.order, reverses: f.reverses, scrapQty: f.scrap ?? 0, uom: f.uom };
  }
  return { ...doc, item: f.item, ...(f.lot === undefined ? {} : { lot: f.lot }), order: f.order, qty: f.qty, reverses: f.reverses, uom: f.uom };
}

/** What reversing ERP's posting with payload `data` (of key `reverses`) nets: one posting's worth of it. */
export function reversalFactsOf(data: object, order: string, reverses: string): ReversalFacts {
  const d = data as Record<string, unknown>;
  const lot = d.lot as string | undefined;
  return {
    order,
    reverses,
    operation: d.operation as string | undefined,
    item: d.item as string | undefined,
    ...(lot === undefined ? {} : { lot }),
    qty: Number(d.goodQty ?? d.qty),
    scrap: d.scrapQty as number | undefined,
    uom: String(d.uom),
  };
}

/** The business key of the `n`-th reversal (1-based) of the posting keyed `key`. */
export function reversalKey(key: string, n: number): string {
  return `${key}/REV/${n}`;
}

const byMessage = new Map(POSTING_RULES.map((r) => [r.message as string, r]));
// erp.goods.received answers a completion and a partial receipt alike: both on goods-receipt
const byPosting = new Map(POSTING_RULES.map((r) => [r.postedBy as string, r]));

/** The interface a message travels on, if it needs posting on the other side. */
export function interfaceOfMessage(type: string): Interface | undefined {
  return byMessage.get(type)?.interface;
}

/** The posting event type that answers a message type. */
export function postingFor(type: string): BusinessEventType | undefined {
  return byMessage.get(type)?.postedBy;
}

/** True for the event types that post a message on the far side of an interface. */
export function isPosting(type: string): boolean {
  return byPosting.has(type);
}

/** The interface a posting answers. */
export function interfaceOfPosting(type: string): Interface | undefined {
  return byPosting.get(type)?.interface;
}

/** MES→ERP (and QMS→ERP) messages: the ones that need an ERP posting. */
export function needsErpPosting(type: string): boolean {
  const r = byMessage.get(type);
  return r !== undefined && r.postedBy.startsWith('erp.');
}
