import type { Conservation, ControlCounts, Gap, LineStats, OrderView, ReconciliationMismatch } from '../../monitor/index.js';
import type { FaultKind } from '../../model/index.js';

/**
 * The JSON report of `linesight run --report FILE`, described by resources/schema/report.schema.json.
 * Counts come straight from the journal (events, fault ledger, quarantine); the rest is the
 * monitor's projections over journaled events, in the monitor's own shapes.
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
  readonly controls: ControlCounts;
  /** distinct business keys that need an ERP posting: needsPosting = posted + deadLettered + pending + lost */
  readonly conservation: Conservation;
  readonly lines: ReadonlyArray<
    Pick<LineStats, 'plant' | 'line' | 'ordersReleased' | 'ordersCompleted' | 'ordersClosed' | 'queueDepthMax' | 'openGaps' | 'exceptions'> & {
      readonly postingLatencyMs: Omit<LineStats['postingLatencyMs'], 'count'>;
    }
  >;
  readonly gaps: ReadonlyArray<Pick<Gap, 'kind' | 'plant' | 'line' | 'order' | 'mes' | 'erp' | 'delta' | 'cause' | 'openedAt' | 'ageMs'>>;
  /** open orders waiting longer than their threshold: where they wait and since when */
  readonly stuckOrders: ReadonlyArray<Pick<OrderView, 'order' | 'plant' | 'line' | 'state' | 'since' | 'ageInStateMs' | 'waitingFor'>>;
  readonly reconciliation: {
    readonly ordersCompared: number;
    readonly ordersMatched: number;
    readonly mismatches: readonly ReconciliationMismatch[];
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
