import type { FaultKind, GapKind } from '../../model/index.js';

/**
 * The JSON report of `linesight run --report FILE`, described by resources/schema/report.schema.json.
 * Everything in it is derived from the journal (events, fault ledger, quarantine) and from the
 * monitor's projections over journaled events.
 */
export type RunReport = {
  readonly scenario: string;
  readonly scenarioName: string;
  readonly seed: number;
  readonly simulatedMs: number;
  /** virtual time (RFC 3339) at which open gaps were judged: end of drain + the longest grace period */
  readonly settledAt: string;
  readonly events: { readonly total: number; readonly byType: Readonly<Record<string, number>> };
  /** faults injected per kind, as the fault ledger records them */
  readonly faults: Readonly<Partial<Record<FaultKind, number>>>;
  readonly controls: {
    readonly duplicatesSuppressed: number;
    readonly resequenced: number;
    readonly gated: number;
    readonly retried: number;
    readonly deadLettered: number;
    readonly quarantined: number;
    readonly buffered: number;
    readonly forwarded: number;
    readonly discarded: number;
  };
  readonly conservation: {
    readonly needsPosting: number;
    readonly posted: number;
    readonly deadLettered: number;
    readonly pending: number;
    readonly lost: number;
    readonly notNeeded: number;
  };
  readonly lines: ReadonlyArray<{
    readonly plant: string;
    readonly line: string;
    readonly ordersReleased: number;
    readonly ordersCompleted: number;
    readonly ordersClosed: number;
    readonly queueDepthMax: number;
    readonly postingLatencyMs: { readonly p50: number | null; readonly p95: number | null; readonly max: number | null };
    readonly openGaps: number;
    readonly exceptions: Readonly<Record<string, number>>;
  }>;
  readonly gaps: ReadonlyArray<{
    readonly kind: GapKind;
    readonly plant: string;
    readonly line: string;
    readonly order: string;
    readonly mes: number | string;
    readonly erp: number | string;
    readonly delta: number | null;
    readonly cause: string;
    readonly openedAt: string;
    readonly ageMs: number;
  }>;
  readonly reconciliation: {
    readonly ordersCompared: number;
    readonly ordersMatched: number;
    readonly mismatches: ReadonlyArray<{
      readonly order: string;
      readonly plant: string;
      readonly line: string;
      readonly field: string;
      readonly mes: number | string;
      readonly erp: number | string;
    }>;
  };
  readonly journal: {
    readonly path: string;
    readonly session: number;
    readonly events: number;
    readonly quarantined: number;
    /** SHA-256 over the session's events in seq order, each as RFC 8785 canonical JSON + "\n" */
    readonly digest: string;
  };
};
