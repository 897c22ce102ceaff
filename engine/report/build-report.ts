import { rfc3339, type Scenario } from '../../model/index.js';
import { countEvents, countQuarantine, dispositionCounts, receiptsBeforeRelease, faultCounts, faultWindows, openJournal, sessionDigest, typeCounts } from '../journal/index.js';
import type { MonitorSnapshot } from '../../monitor/index.js';
import { evaluateExpectations } from '../expect/evaluate.js';
import type { RunReport } from './report.js';
import { reportTime } from './report-time.js';

/** What a finished simulation run tells the report (a `RunResult` of `runSimulation`: the report sits beside the session, not above it). */
export type ReportedRun = {
  readonly session: number;
  readonly journalPath: string;
  readonly simulatedMs: number;
  /** virtual time at which the monitor evaluated the final state */
  readonly settledAtMs: number;
  readonly snapshot: MonitorSnapshot;
};

/**
 * Assemble the run report: counts straight from the journal (events by type, fault ledger,
 * quarantine), everything else from the monitor's snapshot over journaled events.
 */
export function buildRunReport(scenario: Scenario, result: ReportedRun): RunReport {
  const journal = openJournal(result.journalPath, { readonly: true });
  try {
    const db = journal.db;
    const total = countEvents(db, result.session);
    const quarantined = countQuarantine(db, result.session);
    const s = result.snapshot;
    const report: Omit<RunReport, 'expectations'> = {
      scenario: scenario.id,
      scenarioName: scenario.name,
      seed: scenario.seed,
      simulatedMs: result.simulatedMs,
      settledAt: rfc3339(result.settledAtMs),
      events: { total, byType: typeCounts(db, result.session) },
      dispositions: dispositionCounts(db, result.session),
      // judged on ERP's clock where the monitor found QMS's clock off it (a gate by event time, not by whose clock is right)
      receiptsBeforeRelease: receiptsBeforeRelease(db, result.session, s.lines.flatMap((l) => (l.clocks?.qms ? [{ plant: l.plant, line: l.line, offsetMs: l.clocks.qms.offsetMs }] : []))),
      faults: faultCounts(db, result.session),
      faultWindows: faultWindows(db, result.session),
      controls: s.controls,
      conservation: s.conservation,
      lines: s.lines.map(({ plant, line, ordersReleased, ordersCompleted, ordersClosed, queueDepthMax, openGaps, exceptions, postingLatencyMs, latencyByKind, heldMs, controls, latePostings, clocks, latencyClamped }) => ({
        plant,
        line,
        ordersReleased,
        ordersCompleted,
        ordersClosed,
        queueDepthMax,
        postingLatencyMs: { p50: postingLatencyMs.p50, p95: postingLatencyMs.p95, max: postingLatencyMs.max },
        latencyByKind,
        heldMs,
        openGaps,
        exceptions,
        controls,
        ...(latePostings === undefined ? {} : { latePostings }),
        ...(clocks === undefined ? {} : { clocks }),
        ...(latencyClamped === undefined ? {} : { latencyClamped }),
      })),
      gaps: s.gaps.map(({ kind, plant, line, order, mes, erp, delta, summary, rows, cause, causeChain, rootCause, openedAt, ageMs }) => ({
        kind,
        plant,
        line,
        order,
        mes,
        erp,
        delta,
        summary,
        rows,
        cause,
        causeChain,
        rootCause,
        openedAt,
        ageMs,
      })),
      stuckOrders: s.orders
        .filter((o) => o.stuck)
        .map(({ order, plant, line, state, since, ageInStateMs, waitingFor }) => ({ order, plant, line, state, since, ageInStateMs, waitingFor })),
      reconciliation: s.reconciliation,
      time: reportTime(scenario),
      journal: { path: result.journalPath, session: result.session, events: total, quarantined, digest: sessionDigest(db, result.session) },
    };
    // judged on the report as written, so what `expect:` names is what a reader of the report finds
    return { ...report, expectations: evaluateExpectations(report, scenario.expect) };
  } finally {
    journal.close();
  }
}
