import type { Conservation, ControlCounts, Gap, LineStats, OrderView, ReconciliationMismatch } from '../../monitor/index.js';
import type { Disposition, FaultKind } from '../../model/index.js';
import type { ExpectationResult } from '../expect/evaluate.js';
import type { FaultWindowRow } from '../journal/index.js';
import type { ReportTime } from './report-time.js';

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
  /** QMS usage decisions by disposition (`qms.hold.released` events of the journal) */
  readonly dispositions: Readonly<Record<Disposition, number>>;
  /** goods receipts ERP posted for a lot QMS held before that hold was released (from the journal, by event time) */
  readonly receiptsBeforeRelease: number;
  /** faults injected per kind, as the fault ledger records them */
  readonly faults: Readonly<Partial<Record<FaultKind, number>>>;
  /** each window of a windowed fault (wan-outage, erp-outage, erp-rate-limit) per line, with the messages it affected there (possibly 0) */
  readonly faultWindows: readonly FaultWindowRow[];
  readonly controls: ControlCounts;
  /** distinct business keys that need an ERP posting: needsPosting = posted + reversed + deadLettered + pending + lost */
  readonly conservation: Conservation;
  readonly lines: ReadonlyArray<
    Pick<LineStats, 'plant' | 'line' | 'ordersReleased' | 'ordersCompleted' | 'ordersClosed' | 'queueDepthMax' | 'openGaps' | 'exceptions' | 'latencyByKind' | 'heldMs' | 'controls' | 'latePostings' | 'clocks' | 'latencyClamped'> & {
      /** transit latency: message → first posting, less the time the integration layer held the message */
      readonly postingLatencyMs: Omit<LineStats['postingLatencyMs'], 'count'>;
    }
  >;
  /** open gaps: values of the largest difference with its unit, every differing row, and the cause chain root first */
  readonly gaps: ReadonlyArray<Pick<Gap, 'kind' | 'plant' | 'line' | 'order' | 'mes' | 'erp' | 'delta' | 'summary' | 'rows' | 'cause' | 'causeChain' | 'rootCause' | 'openedAt' | 'ageMs'>>;
  /** open orders waiting longer than their threshold: where they wait and since when */
  readonly stuckOrders: ReadonlyArray<Pick<OrderView, 'order' | 'plant' | 'line' | 'state' | 'since' | 'ageInStateMs' | 'waitingFor'>>;
  readonly reconciliation: {
    readonly ordersCompared: number;
    readonly ordersMatched: number;
    readonly mismatches: readonly ReconciliationMismatch[];
  };
  /** each running plant's time zone and, with `shifts:`, the shifts in plant time (RFC 3339 with the plant's offset) */
  readonly time: ReportTime;
  /** the scenario's `expect:` entries, each with the value the report holds and its verdict, in file order */
  readonly expectations: readonly ExpectationResult[];
  readonly journal: {
    readonly path: string;
    readonly session: number;
    readonly events: number;
    readonly quarantined: number;
    /** SHA-256 over the session's events in seq order, each as RFC 8785 canonical JSON + "\n" */
    readonly digest: string;
  };
};
