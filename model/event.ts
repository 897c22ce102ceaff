import type {
  Disposition,
  EventType,
  ExceptionCategory,
  Gate,
  Interface,
  Origin,
  QuarantineReason,
  StockCategory,
  System,
  UsageDecision,
} from './names.js';
import type { ItemConversion } from './uom.js';

/** Payload of each event type. Quantities are numbers in the unit named by `uom`. */
export type EventData = {
  'erp.order.created': {
    order: string;
    item: string;
    qty: number;
    uom: string;
    routing: string;
    revision: string;
    /** the BOM revision the order was created with (set when a scenario changes master data in flight) */
    bomRevision?: string;
    /** the alternative units its BOM states components in, with the factors valid when the order was created (absent: none) */
    conversions?: ItemConversion[];
    /** RFC 3339 due date; absent when the ERP set none (B2MML makes it optional): such an order is never late */
    due?: string;
  };
  'erp.order.released': { order: string; item: string; qty: number; uom: string; routing: string; revision: string; bomRevision?: string; conversions?: ItemConversion[] };
  'mes.order.acknowledged': { order: string; routing: string; revision: string };
  'mes.operation.started': { order: string; operation: string; workCenter: string };
  'mes.operation.confirmed': {
    order: string;
    operation: string;
    workCenter: string;
    goodQty: number;
    scrapQty: number;
    uom: string;
    /**
     * The operation's final confirmation: no more partials follow. Journals written before partial
     * confirmations set it on the last operation of the routing only (each operation was confirmed once).
     */
    final: boolean;
    /** quantity sent to rework at this confirmation (absent: none) */
    reworkQty?: number;
    /** activity times of this confirmation in ms: set-up, machine and labour (absent in older journals) */
    setupMs?: number;
    machineMs?: number;
    laborMs?: number;
    /** RFC 3339 posting date ERP books it under (absent: the event time, as in older journals) */
    postingDate?: string;
  };
  /**
   * A component consumed by the order. Lot-controlled components name their lot; a backflushed
   * component (not lot-controlled: bearings, packaging, water) has none and is consumed at each
   * confirmation for what it confirmed (`backflush: true`).
   */
  'mes.material.consumed': { order: string; item: string; lot?: string; qty: number; uom: string; backflush?: boolean; postingDate?: string };
  'mes.downtime.reported': { workCenter: string; reason: string; durationMs: number; order?: string };
  'wms.material.staged': { order: string; item: string; lot: string; qty: number; uom: string; expiry: string };
  /** WMS split `qty` off lot `lot` into the new lot `newLot` (its own record: no ERP posting) */
  'wms.lot.split': { order: string; item: string; lot: string; newLot: string; qty: number; uom: string };
  /** WMS refused to stage lot `lot` for the order (it had expired) and staged a substitute */
  'wms.pick.refused': { order: string; item: string; lot: string; reason: string; expiry: string };
  'qms.inspection.requested': { order: string; item: string; lot: string; qty: number };
  'qms.inspection.recorded': { order: string; lot: string; result: 'pass' | 'fail'; defect?: string };
  'qms.hold.placed': { order: string; item: string; lot: string; qty: number; reason: string };
  'qms.hold.released': { order: string; lot: string; disposition: Disposition };
  /**
   * The order is complete. `goodQty` is everything it made; `receiptQty` what this message still asks
   * ERP to receive once partial receipts (`mes.output.declared`) took the rest (absent: all of `goodQty`).
   */
  'mes.order.completed': { order: string; item: string; lot: string; goodQty: number; scrapQty: number; uom: string; receiptQty?: number; postingDate?: string };
  /** A partial goods receipt: MES declares output of the order's lot before the order completes (`{order}/GR/{n}`). */
  'mes.output.declared': { order: string; item: string; lot: string; qty: number; uom: string; postingDate?: string };
  /** MES cancels a confirmation it sent; `reverses` is that confirmation's business key, the quantities are the ones it cancels. */
  'mes.confirmation.cancelled': { order: string; operation: string; reverses: string; goodQty: number; scrapQty: number; uom: string };
  /** The plant asks ERP to reverse a goods issue (a consumption) it posted; `reverses` names the consumption's key. */
  'mes.consumption.reversed': { order: string; item: string; lot?: string; qty: number; uom: string; reverses: string };
  /** The plant asks ERP to reverse a goods receipt it posted; `reverses` names the receipt's key. */
  'mes.receipt.reversed': { order: string; item: string; lot: string; qty: number; uom: string; reverses: string };
  /** QMS's usage decision for a lot in quality-inspection stock. */
  'qms.usage.decided': { order: string; item: string; lot: string; qty: number; decision: UsageDecision };
  'erp.confirmation.posted': {
    order: string;
    operation: string;
    goodQty: number;
    scrapQty: number;
    uom: string;
    document: string;
    reworkQty?: number;
  };
  'erp.consumption.posted': { order: string; item: string; lot?: string; qty: number; uom: string; document: string; backflush?: boolean };
  /** `stock`: where the goods went — quality-inspection for a material under quality management (absent in older journals: unrestricted) */
  'erp.goods.received': { order: string; item: string; lot: string; qty: number; uom: string; document: string; stock?: StockCategory };
  'erp.stock.blocked': { order: string; item: string; lot: string; qty: number; document: string };
  'erp.stock.released': { order: string; lot: string; disposition: Disposition; document: string };
  /** ERP moved a lot between stock categories (a usage decision posted). */
  'erp.stock.transferred': { order: string; item: string; lot: string; qty: number; from: StockCategory; to: StockCategory; document: string };
  /**
   * Reversals ERP posted. With a plant message they carry its key (`{reversed key}/REV/{n}`); without
   * one they are ERP's own correction (a controller reversing a double posting), keyed the same way.
   * `reverses` is the business key of the posting they net.
   */
  'erp.confirmation.cancelled': { order: string; operation: string; reverses: string; goodQty: number; scrapQty: number; uom: string; document: string };
  'erp.consumption.reversed': { order: string; item: string; lot?: string; qty: number; uom: string; reverses: string; document: string };
  'erp.goods.reversed': { order: string; item: string; lot: string; qty: number; uom: string; reverses: string; document: string };
  'erp.order.closed': { order: string; goodQty: number; scrapQty: number; uom: string };
  /**
   * ERP closed posting period `period` (`YYYY-MM` in plant time) at `closedAt`: postings dated in
   * [`from`, `to`) are refused until it reopens. Sent on each line's ERP channel.
   */
  'erp.period.closed': { plant: string; period: string; from: string; to: string; closedAt: string };
  /** ERP reopened posting period `period`: postings dated in it are booked again. */
  'erp.period.reopened': { plant: string; period: string; from: string; to: string; reopenedAt: string };
  /**
   * ERP's master data of `item` changed: its `change` (routing or BOM) went from revision `from` to
   * `to`, effective `effective`. Orders created from then on carry the new revision; orders already
   * created keep the one they were created with. Sent on each line's ERP channel that makes the item.
   * For `change: 'uom'`, `item` is the component whose alternative unit `uom` changed its factor
   * (1 `uom` = `from` → `to` × `base`, the factors as decimal text); sent on each line's ERP channel
   * whose products' BOMs state the component in that unit.
   */
  'erp.masterdata.changed': { change: 'routing' | 'bom' | 'uom'; item: string; from: string; to: string; effective: string; uom?: string; base?: string };
  /**
   * ERP changed a released order: its quantity (`qty`, the new order quantity) and/or its due date.
   * Keyed `{order}/CHG/{change}`, `change` counting the order's changes from 1; MES acknowledges it.
   */
  'erp.order.changed': { order: string; qty: number; uom: string; change: number; due?: string };
  /** ERP cancelled a released order (`{order}/CANCEL`); MES acknowledges it and stops the order after its running operation. */
  'erp.order.cancelled': { order: string; reason: string };
  /** MES took change `change` of the order: operations not yet started run to `qty`. */
  'mes.order.change-acknowledged': { order: string; qty: number; uom: string; change: number };
  /** MES took the cancellation: the order stops after its running operation (`operation`, absent when none was running). */
  'mes.order.cancel-acknowledged': { order: string; operation?: string };

  'int.message.duplicate-suppressed': IntMessageRef & { firstMessageId: string };
  'int.message.resequenced': IntMessageRef & { expectedSequence: string; receivedSequence: string };
  'int.message.gated': IntMessageRef & { gate: Gate; reason: string };
  'int.message.released': IntMessageRef & { gate: Gate; heldMs: number };
  'int.message.retried': IntMessageRef & { attempt: number; error: string; backoffMs: number };
  'int.message.dead-lettered': IntMessageRef & { category: ExceptionCategory; reason: string; attempts: number };
  /** bytes that could not be decoded: no message id or type can be trusted, so the channel is named instead */
  'int.message.quarantined': { quarantineRef: string; channel: string; reason: QuarantineReason; detail: string; bytes: number };
  'int.message.buffered': IntMessageRef & { bufferDepth: number };
  'int.message.forwarded': IntMessageRef & { bufferedMs: number };
  'int.message.discarded': IntMessageRef & { reason: string };
  /**
   * The tolerant schema reader read a newer payload version (`dataschema`) into the version it
   * knows: `renamed` lists `new→old` for each field it mapped, `ignored` the fields it does not know.
   */
  'int.message.schema-mapped': IntMessageRef & { dataschema: string; renamed: string[]; ignored: string[] };

  'operator.fault-toggled': OperatorAction & { fault: string; enabled: boolean };
  'operator.control-changed': OperatorAction & { control: string; enabled: boolean; params?: Record<string, unknown> };
  'operator.event-injected': OperatorAction & { eventId: string; eventType: string; template?: string };
  'operator.exception-retried': OperatorAction & { messageId: string };
  'operator.exception-resent': OperatorAction & { messageId: string; newMessageId: string; changes: Record<string, unknown> };
  'operator.exception-discarded': OperatorAction & { messageId: string };
  /** An operator asked ERP to reverse the posting of `reverses`; `messageId` is the reversal message sent. */
  'operator.reversal-requested': OperatorAction & { reverses: string; messageId: string; messageType: string };
  /** A trainee took hint `hint` (1, 2, …) of exercise `exercise`. */
  'operator.hint-taken': OperatorAction & { exercise: string; hint: number };
  /** A trainee answered question `question` of exercise `exercise` (a diagnosis: which order, what root cause). */
  'operator.answer-given': OperatorAction & { exercise: string; question: string; answer: string };
};

/** What every `int.message.*` payload names: the message concerned and the interface it travels on. */
export type IntMessageRef = {
  /** CloudEvent id of the message the integration layer handled. */
  messageId: string;
  messageType: string;
  interface: Interface;
};

/** Who did it and why; required on every operator action. */
export type OperatorAction = { who: string; why: string };

/**
 * The canonical event: a CloudEvents 1.0 structured-mode JSON object with Linesight's extension
 * attributes. Every source (simulator, MQTT, replay, import, injector) produces exactly this.
 */
export type CanonicalEvent<T extends EventType = EventType> = {
  readonly specversion: '1.0';
  readonly id: string;
  /** `/{plant}/{line}/{system}` */
  readonly source: string;
  readonly type: T;
  /** simulated (or observed) time, RFC 3339 in UTC with milliseconds */
  readonly time: string;
  /** the production order, where there is one */
  readonly subject?: string;
  readonly datacontenttype: 'application/json';
  /**
   * The payload's version, the CloudEvents way (`urn:linesight:schema:{type}:{version}`, see
   * model/schema-versions.ts). Absent: version 1, the payload of EventData.
   */
  readonly dataschema?: string;
  readonly data: Readonly<EventData[T]>;
  readonly correlationid: string;
  readonly causationid?: string;
  /** identity of the business transaction; an ERP posting carries the key of the MES event it posts */
  readonly businesskey: string;
  readonly plant: string;
  readonly line: string;
  readonly lot?: string;
  /** decimal string, contiguous per `source` */
  readonly sequence: string;
  readonly origin: Origin;
};

/** Any canonical event, discriminated by `type`. */
export type AnyEvent = { [T in EventType]: CanonicalEvent<T> }[EventType];

/** Narrow an event by type. */
export function isType<T extends EventType>(e: AnyEvent, type: T): e is Extract<AnyEvent, { type: T }> {
  return e.type === type;
}

/** Build a `source` attribute. */
export function sourceOf(plant: string, line: string, system: System): string {
  return `/${plant}/${line}/${system}`;
}

/** The system segment of a `source` attribute, or undefined when it is not one of ours. */
export function systemOf(source: string): System | undefined {
  const s = source.slice(source.lastIndexOf('/') + 1);
  return (['erp', 'mes', 'wms', 'qms', 'int', 'operator'] as const).find((x) => x === s);
}

/** Format epoch milliseconds as RFC 3339 UTC with milliseconds (`2026-03-02T06:00:00.000Z`). */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}
