import type { ErpBehaviour, FaultKind, OrderMix } from '../../model/index.js';

/**
 * Defaults of the scenario file that model/ does not publish (the integration and fault defaults
 * live in model/scenario.ts as DEFAULT_INTEGRATION and FAULT_DEFAULTS). docs/scenarios.md lists them.
 */

/** The plant model used when a scenario names none. */
export const DEFAULT_PLANT = 'pumps';

/**
 * Defaults of the `orders:` section when neither the scenario nor its plant model (`production:`)
 * sets them: lines producing 85 % of the time, orders of 4–16 units (about 30–60 minutes of pump
 * work), takt from the routings.
 */
export const DEFAULT_ORDERS: OrderMix = {
  utilisation: 0.85,
  minQty: 4,
  maxQty: 16,
  taktMs: {},
  releaseDelayMs: 5 * 60_000,
  inspectionFailRate: 0,
  partials: { min: 1, max: 1 },
  partialReceipts: false,
};

/** `orders:` properties that older files used, and what replaced them (the loader refuses them with this hint). */
export const RETIRED_ORDER_FIELDS: Readonly<Record<string, string>> = {
  perLinePerHour: 'no longer used: ERP keeps each line loaded; set utilisation, orderSize or takt instead',
  downtimeProbability: 'no longer used: downtime fills the time a line does not produce; set utilisation instead',
  minQty: 'replaced by orderSize: {min, max}',
  maxQty: 'replaced by orderSize: {min, max}',
};

/** Defaults of the `erp:` section. */
export const DEFAULT_ERP: ErpBehaviour = {
  postingLatencyMinMs: 1_000,
  postingLatencyMaxMs: 20_000,
  closeDelayMs: 10 * 60_000,
  receiptNeedsFinalConfirmation: false,
  correctDoublePostingsMs: undefined,
  periodClose: undefined,
};

/** Most partial confirmations of one operation a scenario may ask for. */
export const MAX_PARTIALS = 20;

/** How each fault parameter is spelled in a file, and its name in the resolved FaultSpec params. */
export type FaultParam = { readonly name: string; readonly duration: boolean };

const p = (name: string): FaultParam => ({ name, duration: false });
const d = (name: string): FaultParam => ({ name, duration: true });

/** File name → resolved name of every kind's own parameters (`after: 2s` → `afterMs: 2000`). */
export const FAULT_FILE_PARAMS: Readonly<Record<FaultKind, Readonly<Record<string, FaultParam>>>> = {
  duplicate: { copies: p('copies'), after: d('afterMs') },
  reorder: { window: d('windowMs') },
  delay: { by: d('byMs') },
  drop: {},
  'wan-outage': {},
  'erp-outage': {},
  'erp-rate-limit': { perSecond: p('perSecond') },
  'uom-mismatch': { uom: p('uom') },
  'expired-lot': { expiredByDays: p('expiredByDays'), pick: p('pick') },
  'revision-mismatch': { revision: p('revision') },
  'quality-fail': { disposition: p('disposition'), hold: d('holdMs') },
  malformed: { mode: p('mode') },
  'mis-entry': { factor: p('factor'), after: d('afterMs') },
  'over-consumption': { factor: p('factor') },
  'mes-restart': {},
  'master-data-change': { change: p('change'), item: p('item'), component: p('component'), uom: p('uom'), factor: p('factor') },
  'schema-drift': {},
  'order-change': { factor: p('factor'), after: d('afterMs'), dueIn: d('dueInMs') },
  'order-cancel': { after: d('afterMs'), reason: p('reason') },
};

/** Properties every fault entry may have, whatever its kind. */
export const COMMON_FAULT_PROPERTIES = ['kind', 'at', 'for', 'line', 'eventType', 'probability', 'count'] as const;

/** Faults active over a window of time; their `for` defaults to FAULT_DEFAULTS[kind].forMs. */
export const WINDOWED_FAULTS: ReadonlySet<FaultKind> = new Set(['wan-outage', 'erp-outage', 'erp-rate-limit', 'mes-restart']);

/** Faults that pick production orders rather than messages; `eventType` does not apply to them. */
export const ORDER_FAULTS: ReadonlySet<FaultKind> = new Set(['expired-lot', 'revision-mismatch', 'quality-fail', 'order-change', 'order-cancel']);

/** Faults of the plant's own people, each acting on one message type; `eventType` does not apply to them either. */
export const ENTRY_FAULTS: Readonly<Partial<Record<FaultKind, string>>> = {
  'mis-entry': 'mes.operation.confirmed',
  'over-consumption': 'mes.material.consumed',
};
