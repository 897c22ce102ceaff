/**
 * Every name that has a fixed set, published once. Docs (`docs/names.md`) list the same values;
 * a test keeps them in step.
 */

/** Systems that may appear as the last segment of an event `source` (`/{plant}/{line}/{system}`). */
export const SYSTEMS = ['erp', 'mes', 'wms', 'qms', 'int', 'operator'] as const;
export type System = (typeof SYSTEMS)[number];

/** Where an event came from. The envelope never reveals whether a simulated message was made by a fault. */
export const ORIGINS = ['simulated', 'injected', 'replayed', 'live'] as const;
export type Origin = (typeof ORIGINS)[number];

/** Business events of the plant conversation. */
export const BUSINESS_EVENT_TYPES = [
  'erp.order.created',
  'erp.order.released',
  'mes.order.acknowledged',
  'mes.operation.started',
  'mes.operation.confirmed',
  'mes.material.consumed',
  'mes.downtime.reported',
  'wms.material.staged',
  'wms.lot.split',
  'wms.pick.refused',
  'qms.inspection.requested',
  'qms.inspection.recorded',
  'qms.hold.placed',
  'qms.hold.released',
  'mes.order.completed',
  'mes.output.declared',
  'mes.confirmation.cancelled',
  'mes.consumption.reversed',
  'mes.receipt.reversed',
  'qms.usage.decided',
  'erp.confirmation.posted',
  'erp.consumption.posted',
  'erp.goods.received',
  'erp.stock.blocked',
  'erp.stock.released',
  'erp.stock.transferred',
  'erp.confirmation.cancelled',
  'erp.consumption.reversed',
  'erp.goods.reversed',
  'erp.order.closed',
  'erp.order.changed',
  'erp.order.cancelled',
  'mes.order.change-acknowledged',
  'mes.order.cancel-acknowledged',
  'erp.period.closed',
  'erp.period.reopened',
  'erp.masterdata.changed',
] as const;

/** What the integration layer reports about a message it handled. */
export const INT_EVENT_TYPES = [
  'int.message.duplicate-suppressed',
  'int.message.resequenced',
  'int.message.gated',
  'int.message.released',
  'int.message.retried',
  'int.message.dead-lettered',
  'int.message.quarantined',
  'int.message.buffered',
  'int.message.forwarded',
  'int.message.discarded',
  'int.message.schema-mapped',
] as const;

/** Operator actions, journaled so that a replay reproduces a session. Each carries `who` and `why`. */
export const OPERATOR_EVENT_TYPES = [
  'operator.fault-toggled',
  'operator.control-changed',
  'operator.event-injected',
  'operator.exception-retried',
  'operator.exception-resent',
  'operator.exception-discarded',
  'operator.reversal-requested',
  'operator.hint-taken',
  'operator.answer-given',
] as const;

export const EVENT_TYPES = [...BUSINESS_EVENT_TYPES, ...INT_EVENT_TYPES, ...OPERATOR_EVENT_TYPES] as const;
export type BusinessEventType = (typeof BUSINESS_EVENT_TYPES)[number];
export type IntEventType = (typeof INT_EVENT_TYPES)[number];
export type OperatorEventType = (typeof OPERATOR_EVENT_TYPES)[number];
export type EventType = (typeof EVENT_TYPES)[number];

/** Production order lifecycle; each state is entered by exactly one named event type. */
export const ORDER_STATES = [
  'created',
  'released',
  'acknowledged',
  'in-process',
  'completed',
  'quality-pending',
  'inspected',
  'on-hold',
  'hold-released',
  'received',
  'closed',
  'cancelled',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/** The event type that moves an order into each lifecycle state. */
export const ORDER_STATE_ENTERED_BY: Readonly<Record<OrderState, BusinessEventType>> = {
  created: 'erp.order.created',
  released: 'erp.order.released',
  acknowledged: 'mes.order.acknowledged',
  'in-process': 'mes.operation.started',
  completed: 'mes.order.completed',
  'quality-pending': 'qms.inspection.requested',
  inspected: 'qms.inspection.recorded',
  'on-hold': 'qms.hold.placed',
  'hold-released': 'qms.hold.released',
  received: 'erp.goods.received',
  closed: 'erp.order.closed',
  cancelled: 'erp.order.cancelled',
};

/** Flows between systems that the monitor watches for sync gaps. */
export const INTERFACES = ['order-release', 'confirmation', 'consumption', 'goods-receipt', 'quality-hold'] as const;
export type Interface = (typeof INTERFACES)[number];

/** Default grace period per interface, in milliseconds (override with `integration.gracePeriods`). */
export const DEFAULT_GRACE_MS: Readonly<Record<Interface, number>> = {
  'order-release': 2 * 60_000,
  confirmation: 5 * 60_000,
  consumption: 5 * 60_000,
  'goods-receipt': 10 * 60_000,
  'quality-hold': 5 * 60_000,
};

/** Kinds of sync gap between MES and ERP. */
export const GAP_KINDS = ['quantity', 'consumption', 'receipt', 'hold', 'duplicate-posting', 'status', 'reversal', 'order-change'] as const;
export type GapKind = (typeof GAP_KINDS)[number];

/** Exception queue categories of the integration layer. */
export const EXCEPTION_CATEGORIES = ['technical', 'business-rule', 'data-quality'] as const;
export type ExceptionCategory = (typeof EXCEPTION_CATEGORIES)[number];

/** Fault kinds a scenario may inject. */
export const FAULT_KINDS = [
  'duplicate',
  'reorder',
  'delay',
  'drop',
  'wan-outage',
  'erp-outage',
  'erp-rate-limit',
  'uom-mismatch',
  'expired-lot',
  'revision-mismatch',
  'quality-fail',
  'malformed',
  'mis-entry',
  'over-consumption',
  'order-change',
  'order-cancel',
  'schema-drift',
  'mes-restart',
  'master-data-change',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Integration-layer controls, each switchable per scenario and live. */
export const CONTROLS = [
  'idempotency',
  'resequencing',
  'gates',
  'validation',
  'retry',
  'storeAndForward',
  'rateLimit',
] as const;
export type Control = (typeof CONTROLS)[number];

/** Dependency gates of the integration layer. */
export const GATES = ['goods-receipt', 'lot-validity', 'routing-revision'] as const;
export type Gate = (typeof GATES)[number];

/** Reason codes for quarantined input (raw bytes kept with the reason). */
export const QUARANTINE_REASONS = [
  'oversize',
  'not-json',
  'not-object',
  'prototype-poisoning',
  'schema',
  'unknown-type',
  'id-conflict',
  'unmappable',
  'not-protobuf',
] as const;
export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

/**
 * Stock categories of a goods receipt and of ERP's stock transfers. A material under quality
 * management is received into `quality-inspection`; the usage decision moves it to `unrestricted`,
 * `blocked` or `scrap` (which is not stock any more, but where a transfer can end).
 */
export const STOCK_CATEGORIES = ['unrestricted', 'quality-inspection', 'blocked', 'scrap'] as const;
export type StockCategory = (typeof STOCK_CATEGORIES)[number];

/** What a usage decision does with a lot in quality-inspection stock. */
export const USAGE_DECISIONS = ['unrestricted', 'blocked', 'scrap'] as const;
export type UsageDecision = (typeof USAGE_DECISIONS)[number];

/** Quality dispositions for a released hold. */
export const DISPOSITIONS = ['release', 'rework', 'scrap'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
