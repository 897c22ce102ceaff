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
      controls: {
        duplicatesSuppressed: s.controls.duplicatesSuppressed,
        resequenced: s.controls.resequenced,
        gated: s.controls.gated,
        retried: s.controls.retried,
        deadLettered: s.controls.deadLettered,
        quarantined: s.controls.quarantined,
        buffered: s.controls.buffered,
        forwarded: s.controls.forwarded,
        discarded: s.controls.discarded,
      },
      conservation: { ...s.conservation },
      lines: s.lines.map((l) => ({
        plant: l.plant,
        line: l.line,
        ordersReleased: l.ordersReleased,
        ordersCompleted: l.ordersCompleted,
        ordersClosed: l.ordersClosed,
        queueDepthMax: l.queueDepthMax,
        postingLatencyMs: { p50: l.postingLatencyMs.p50, p95: l.postingLatencyMs.p95, max: l.postingLatencyMs.max },
        openGaps: l.openGaps,
        exceptions: { ...l.exceptions },
      })),
      gaps: s.gaps.map((g) => ({
        kind: g.kind,
        plant: g.plant,
        line: g.line,
        order: g.order,
        mes: g.mes,
        erp: g.erp,
        delta: g.delta,
        cause: g.cause,
        openedAt: g.openedAt,
        ageMs: g.ageMs,
      })),
      reconciliation: {
        ordersCompared: s.reconciliation.ordersCompared,
        ordersMatched: s.reconciliation.ordersMatched,
        mismatches: s.reconciliation.mismatches.map((m) => ({ ...m })),
      },
      journal: { path: result.journalPath, session: result.session, events: total, quarantined, digest: sessionDigest(db, result.session) },
    };
  } finally {
    journal.close();
  }
}
