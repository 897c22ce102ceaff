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
];

const byMessage = new Map(POSTING_RULES.map((r) => [r.message as string, r]));
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
