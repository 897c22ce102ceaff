import { rfc3339, type FaultKind, type Scenario } from '../../model/index.js';
import { openJournal, sessionDigest } from '../journal/index.js';
import type { RunResult } from '../session/run-simulation.js';
import type { RunReport } from './report.js';

/**
 * Assemble the run report: counts straight from the journal (events by type, fault ledger,
 * quarantine), everything else from the monitor's snapshot over journaled events.
 */
export function buildRunReport(scenario: Scenario, result: RunResult): RunReport {
  const journal = openJournal(result.journalPath, { readonly: true });
  try {
    const db = journal.db;
    const byType: Record<string, number> = {};
    for (const r of db.prepare('SELECT type, count(*) AS n FROM events WHERE session = ? GROUP BY type ORDER BY type').all(result.session) as {
      type: string;
      n: number;
    }[]) {
      byType[r.type] = r.n;
    }
    const faults: Partial<Record<FaultKind, number>> = {};
    for (const r of db.prepare('SELECT kind, count(*) AS n FROM fault_ledger WHERE session = ? GROUP BY kind ORDER BY kind').all(result.session) as {
      kind: FaultKind;
      n: number;
    }[]) {
      faults[r.kind] = r.n;
    }
    const total = (db.prepare('SELECT count(*) AS n FROM events WHERE session = ?').get(result.session) as { n: number }).n;
    const quarantined = (db.prepare('SELECT count(*) AS n FROM quarantine WHERE session = ?').get(result.session) as { n: number }).n;
    const s = result.snapshot;
    return {
      scenario: scenario.id,
      scenarioName: scenario.name,
      seed: scenario.seed,
      simulatedMs: result.simulatedMs,
      settledAt: rfc3339(result.settledAtMs),
      events: { total, byType },
      faults,
      controls: s.controls,
      conservation: s.conservation,
      lines: s.lines.map(({ plant, line, ordersReleased, ordersCompleted, ordersClosed, queueDepthMax, openGaps, exceptions, postingLatencyMs }) => ({
        plant,
        line,
        ordersReleased,
        ordersCompleted,
        ordersClosed,
        queueDepthMax,
        postingLatencyMs: { p50: postingLatencyMs.p50, p95: postingLatencyMs.p95, max: postingLatencyMs.max },
        openGaps,
        exceptions,
      })),
      gaps: s.gaps.map(({ kind, plant, line, order, mes, erp, delta, cause, openedAt, ageMs }) => ({ kind, plant, line, order, mes, erp, delta, cause, openedAt, ageMs })),
      stuckOrders: s.orders
        .filter((o) => o.stuck)
        .map(({ order, plant, line, state, since, ageInStateMs, waitingFor }) => ({ order, plant, line, state, since, ageInStateMs, waitingFor })),
      reconciliation: s.reconciliation,
      journal: { path: result.journalPath, session: result.session, events: total, quarantined, digest: sessionDigest(db, result.session) },
    };
  } finally {
    journal.close();
  }
}
