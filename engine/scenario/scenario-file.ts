import type { FaultKind, Interface, PlantModel } from '../../model/index.js';

/** A duration as written in a file: a number followed by `ms`, `s`, `m`, `h` or `d`. */
export type DurationText = string;

/**
 * A scenario file as written (YAML or JSON), after it passed `resources/schema/scenario.schema.json`.
 * The loader turns it into a model `Scenario`: defaults applied, durations in milliseconds.
 */
export type ScenarioFile = {
  readonly $schema?: string;
  readonly name: string;
  readonly description?: string;
  /** one line: what to look for when running it (the console's first screen shows it) */
  readonly lookFor?: string;
  readonly seed: number;
  readonly start: string;
  readonly duration: DurationText;
  readonly plant?: string | PlantModel;
  readonly lines?: readonly string[];
  readonly orders?: {
    readonly utilisation?: number;
    readonly orderSize?: { readonly min?: number; readonly max?: number };
    /** one duration for every product, or a duration per product item */
    readonly takt?: DurationText | Readonly<Record<string, DurationText>>;
    readonly releaseDelay?: DurationText;
    readonly inspectionFailRate?: number;
    readonly partials?: { readonly min?: number; readonly max?: number };
    readonly partialReceipts?: boolean;
  };
  readonly erp?: {
    readonly postingLatency?: { readonly min?: DurationText; readonly max?: DurationText };
    readonly closeDelay?: DurationText;
    readonly receiptNeedsFinalConfirmation?: boolean;
    readonly correctDoublePostings?: DurationText;
    readonly periodClose?: PeriodCloseSection;
  };
  readonly integration?: IntegrationSection;
  readonly faults?: readonly FaultEntry[];
  /** minimum outcomes: report path → number, boolean or comparison (model/expectation.ts) */
  readonly expect?: Readonly<Record<string, number | string | boolean>>;
  /** working shifts in plant time: `{name, start: "HH:MM", end: "HH:MM"}` */
  readonly shifts?: ReadonlyArray<{ readonly name: string; readonly start: string; readonly end: string }>;
  /** signed clock offsets per system, e.g. `{ mes: "+90s", erp: "-40s" }` */
  readonly clocks?: Readonly<Partial<Record<'erp' | 'mes' | 'wms' | 'qms', string>>>;
};

export type IntegrationSection = {
  readonly idempotency?: { readonly enabled?: boolean };
  readonly resequencing?: { readonly enabled?: boolean; readonly window?: DurationText };
  readonly gates?: { readonly enabled?: boolean };
  readonly validation?: { readonly enabled?: boolean; readonly against?: 'order' | 'newest' };
  readonly retry?: {
    readonly enabled?: boolean;
    readonly maxAttempts?: number;
    readonly initialBackoff?: DurationText;
    readonly multiplier?: number;
    readonly maxBackoff?: DurationText;
  };
  readonly storeAndForward?: { readonly enabled?: boolean; readonly capacity?: number };
  readonly rateLimit?: { readonly enabled?: boolean; readonly perSecond?: number };
  readonly gracePeriods?: Partial<Readonly<Record<Interface, DurationText>>>;
  readonly schemaReader?: 'tolerant' | 'strict';
};

/** One entry of `faults:`; the kind's own parameters sit beside the common fields. */
export type FaultEntry = {
  readonly kind: FaultKind;
  readonly at?: DurationText;
  readonly for?: DurationText;
  readonly line?: string;
  readonly eventType?: string;
  readonly probability?: number;
  readonly count?: number;
  readonly [param: string]: unknown;
};

/** `erp.periodClose`: when ERP closes its posting period (`at`: an RFC 3339 instant or `month-end`), and whether it reopens it. */
export type PeriodCloseSection = { readonly at?: string; readonly reopenAfter?: DurationText };
