import type { Expectation } from './expectation.js';
import { DEFAULT_GRACE_MS, type Control, type FaultKind, type Interface } from './names.js';
import type { PlantModel } from './plant.js';
import type { ShiftSpec } from './shifts.js';

/**
 * A scenario after loading: every default applied, durations in milliseconds, the plant model
 * resolved. The file format (YAML or JSON, durations as text) is described by
 * `resources/schema/scenario.schema.json`.
 */
export type Scenario = {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** unsigned 32-bit integer */
  readonly seed: number;
  /** epoch ms of the scenario's `start` instant */
  readonly startMs: number;
  readonly durationMs: number;
  readonly plant: PlantModel;
  /** `plant/line` pairs that run; all lines of the model when the file lists none */
  readonly lines: ReadonlyArray<{ readonly plant: string; readonly line: string }>;
  readonly orders: OrderMix;
  readonly erp: ErpBehaviour;
  readonly integration: IntegrationConfig;
  readonly faults: readonly FaultSpec[];
  /** minimum outcomes the run's report must show (`expect:`), in file order */
  readonly expect: readonly Expectation[];
  /**
   * Working shifts in each plant's wall clock (`shifts:`): ERP releases each line's backlog at each
   * shift start and creates no order outside a shift; MES starts none outside one. Absent (never
   * set to an empty list): the run is one shift of `duration` from `start`.
   */
  readonly shifts?: readonly ShiftSpec[];
  /**
   * Clock offset (ms, signed) of each system that runs its own clock (`clocks:`): its events carry
   * the true instant + this. The integration layer is the reference and is never skewed. Absent:
   * every clock is true.
   */
  readonly clocks?: ClockOffsets;
};

/** Signed clock offsets in ms of the plant's systems (the integration layer is the reference). */
export type ClockOffsets = Readonly<Partial<Record<'erp' | 'mes' | 'wms' | 'qms', number>>>;

/**
 * How the lines are loaded. ERP releases a backlog at shift start and tops it up as each order
 * starts, so a line never waits on an empty schedule; it produces for `utilisation` of its time and
 * the rest is downtime its MES reports.
 */
export type OrderMix = {
  /** share of each line's time spent producing, 0 < u ≤ 1; reported downtime fills the rest */
  readonly utilisation: number;
  /** smallest order quantity, in the item's base unit */
  readonly minQty: number;
  /** largest order quantity, in the item's base unit */
  readonly maxQty: number;
  /**
   * Run time (ms) of one unit through a product's whole routing, by item id, for the products the
   * scenario sets it for; operations keep their shares and set-up times. Others run at their routing's `minutesPerUnit`.
   */
  readonly taktMs: Readonly<Record<string, number>>;
  /** delay between ERP creating and releasing an order during the shift (the shift's first orders are released at its start) */
  readonly releaseDelayMs: number;
  /** probability that an inspection fails without any fault (process noise) */
  readonly inspectionFailRate: number;
  /**
   * Confirmations per operation: MES confirms each operation in this many partials (drawn per
   * operation, min ≤ n ≤ max), keyed `{order}/CONF/{op}/{n}`, the last one final. Default 1 … 1.
   */
  readonly partials: { readonly min: number; readonly max: number };
  /**
   * Each partial confirmation of the last operation but the final one declares its yield as a
   * partial goods receipt (`mes.output.declared`, `{order}/GR/{n}`); the completion asks for the
   * rest. Default false: one receipt at completion.
   */
  readonly partialReceipts: boolean;
};

export type ErpBehaviour = {
  /** ERP processing time for one posting: uniform between min and max */
  readonly postingLatencyMinMs: number;
  readonly postingLatencyMaxMs: number;
  /** time from receipt posting to order close */
  readonly closeDelayMs: number;
  /**
   * A goods receipt is refused ("order not confirmed") until the last operation's final
   * confirmation is posted. Off by default, as in SAP.
   */
  readonly receiptNeedsFinalConfirmation: boolean;
  /**
   * ERP's controller reverses a double posting (the second and later postings of one business key)
   * this long after it (`erp.*.reversed` keyed `{key}/REV/{n}`, with no plant message). Undefined: never.
   */
  readonly correctDoublePostingsMs: number | undefined;
  /**
   * ERP closes its posting period at `atMs` (epoch ms; undefined: at the end of the month the
   * scenario starts in, in each plant's time zone) and, with `reopenAfterMs`, reopens it that much later. A
   * posting dated in a closed period is refused. Undefined: periods never close during the run.
   */
  readonly periodClose: { readonly atMs: number | undefined; readonly reopenAfterMs: number | undefined } | undefined;
};

export type IntegrationConfig = {
  readonly idempotency: { readonly enabled: boolean };
  readonly resequencing: { readonly enabled: boolean; readonly windowMs: number };
  readonly gates: { readonly enabled: boolean };
  readonly validation: {
    readonly enabled: boolean;
    /**
     * Which master-data version a message is validated against: the one its order was created with
     * (`order`, what absence means) or the newest (`newest`, to see the false refusals that gives).
     */
    readonly against?: 'order' | 'newest';
  };
  readonly retry: {
    readonly enabled: boolean;
    readonly maxAttempts: number;
    readonly initialBackoffMs: number;
    readonly multiplier: number;
    readonly maxBackoffMs: number;
  };
  readonly storeAndForward: { readonly enabled: boolean; readonly capacity: number };
  readonly rateLimit: { readonly enabled: boolean; readonly perSecond: number };
  readonly gracePeriods: Readonly<Record<Interface, number>>;
  /**
   * How the layer reads a payload version newer than the one it knows (`dataschema`, schema drift):
   * `tolerant` maps renamed fields and ignores unknown ones, `strict` dead-letters the message as
   * data-quality naming the field. Absent: tolerant.
   */
  readonly schemaReader?: 'tolerant' | 'strict';
};

/** One fault entry of a scenario, defaults applied. Exactly one of `probability` or `count` is set. */
export type FaultSpec = {
  readonly kind: FaultKind;
  /** offset from scenario start when the fault becomes active (default 0) */
  readonly atMs: number;
  /** how long it stays active (default: until the end) */
  readonly forMs: number | undefined;
  /** `plant/line` or line id; all lines when absent */
  readonly line: string | undefined;
  readonly eventType: string | undefined;
  readonly probability: number | undefined;
  readonly count: number | undefined;
  /** kind-specific parameters, defaults applied (see FAULT_DEFAULTS) */
  readonly params: Readonly<Record<string, string | number | boolean>>;
};

/** Documented default parameters of each fault kind (durations in milliseconds). */
export const FAULT_DEFAULTS: Readonly<Record<FaultKind, Readonly<Record<string, string | number | boolean>>>> = {
  duplicate: { copies: 1, afterMs: 2_000 },
  reorder: { windowMs: 5_000 },
  delay: { byMs: 120_000 },
  drop: {},
  'wan-outage': { forMs: 15 * 60_000 },
  'erp-outage': { forMs: 10 * 60_000 },
  'erp-rate-limit': { perSecond: 0.05, forMs: 30 * 60_000 },
  'uom-mismatch': { uom: 'PC' },
  // pick: WMS checks the expiry at the pick and refuses the lot (wms.pick.refused) instead of staging it
  'expired-lot': { expiredByDays: 3, pick: false },
  'revision-mismatch': { revision: 'Z' },
  'quality-fail': { disposition: 'release', holdMs: 20 * 60_000 },
  malformed: { mode: 'truncated' },
  // MES's operator types a confirmation's good quantity wrong (× factor), notices after afterMs, cancels it and re-enters it
  'mis-entry': { factor: 10, afterMs: 15 * 60_000 },
  // MES consumes more of a component than the BOM plans (× factor): beyond the component's tolerance ERP refuses it
  'over-consumption': { factor: 1.25 },
  // the line's MES stops sending for forMs (it keeps working and queues its messages), then sends the backlog at once
  'mes-restart': { forMs: 2 * 3_600_000 },
  // at `at`, ERP changes `item`'s routing (drops an operation) or BOM (drops `component`); '' = the first product of the first line / its first component.
  // change uom: `item` is a component a BOM states in its alternative unit `uom` ('' = the first such component / its first alternative unit), whose factor becomes `factor` (0 = the old × 0.8)
  'master-data-change': { change: 'bom', item: '', component: '', uom: '', factor: 0 },
  // from `at`, MES sends the newer payload version (model/schema-versions.ts) of eventType (absent: of every type that has one)
  'schema-drift': {},
  // ERP changes a released order afterMs after its release: the new quantity is the old × factor (whole units in a discrete plant, 3 decimals in a batch one); dueInMs > 0 also sets the due date that long after the change
  'order-change': { factor: 0.6, afterMs: 20 * 60_000, dueInMs: 0 },
  // ERP cancels a released order afterMs after its release; MES stops it after its running operation
  'order-cancel': { afterMs: 30 * 60_000, reason: 'customer cancelled' },
};

/** Defaults of the `integration:` section: every control on, so a clean run is correct. */
export const DEFAULT_INTEGRATION: IntegrationConfig = {
  idempotency: { enabled: true },
  resequencing: { enabled: true, windowMs: 10_000 },
  gates: { enabled: true },
  validation: { enabled: true },
  retry: { enabled: true, maxAttempts: 8, initialBackoffMs: 5_000, multiplier: 2, maxBackoffMs: 5 * 60_000 },
  storeAndForward: { enabled: true, capacity: 10_000 },
  rateLimit: { enabled: true, perSecond: 20 },
  gracePeriods: DEFAULT_GRACE_MS,
};

/** Names of the integration controls as they appear in the `integration:` section. */
export type ControlName = Control;
