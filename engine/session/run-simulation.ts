import { createMonitor, type MonitorSnapshot } from '../../monitor/index.js';
import type { AnyEvent, LedgerEntry, QuarantineRecord, Scenario } from '../../model/index.js';
import { createSimulation } from '../../simulator/index.js';
import { openJournalWriter } from '../journal/index.js';
import { toEventRow, type EventRow } from '../journal/index.js';

/** Progress of a run, reported at most a few times per second by the caller's choice. */
export type RunProgress = {
  readonly simulatedMs: number;
  readonly durationMs: number;
  readonly events: number;
  /** true once the scenario's duration is over and work in flight is draining */
  readonly draining: boolean;
};

export type RunOptions = {
  readonly journalPath: string;
  readonly onProgress?: (p: RunProgress) => void;
  /** outputs pulled from the simulator per journal transaction */
  readonly batchSize?: number;
  /** batches allowed in flight to the journal writer before the simulator waits */
  readonly maxInFlight?: number;
};

export type RunResult = {
  readonly session: number;
  readonly journalPath: string;
  readonly events: number;
  readonly quarantined: number;
  readonly ledgerEntries: number;
  readonly simulatedMs: number;
  /** virtual time at which the monitor evaluated the final state (end of drain + longest grace period) */
  readonly settledAtMs: number;
  readonly snapshot: MonitorSnapshot;
  readonly wallMs: number;
};

type Pending = { readonly done: Promise<unknown>; readonly events: AnyEvent[] };

/**
 * Run a scenario at full speed: simulator → journal (committed by the writer worker) → monitor.
 * The monitor applies a batch only after the journal has committed it, so what it shows is
 * exactly what the journal holds; the simulator keeps producing while the worker commits.
 */
export async function runSimulation(scenario: Scenario, opts: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const batchSize = opts.batchSize ?? 1000;
  const maxInFlight = opts.maxInFlight ?? 3;
  const writer = await openJournalWriter(opts.journalPath);
  const monitor = createMonitor({ gracePeriods: scenario.integration.gracePeriods });
  let session = 0;
  let events = 0;
  let quarantined = 0;
  let ledgerEntries = 0;
  try {
    session = await writer.startSession({
      scenario: scenario.id,
      seed: scenario.seed,
      kind: 'simulation',
      meta: { name: scenario.name, start: new Date(scenario.startMs).toISOString(), durationMs: scenario.durationMs },
    });
    const sim = createSimulation(scenario);
    const inFlight: Pending[] = [];
    const settle = async (p: Pending) => {
      await p.done;
      for (const e of p.events) monitor.apply(e);
    };
    let lastProgress = 0;
    while (!sim.done) {
      const outputs = sim.pull(batchSize);
      if (outputs.length === 0) break;
      const receivedAt = Date.now();
      const rows: EventRow[] = [];
      const batchEvents: AnyEvent[] = [];
      const quarantine: QuarantineRecord[] = [];
      const ledger: LedgerEntry[] = [];
      for (const o of outputs) {
        if (o.kind === 'event') {
          rows.push(toEventRow(o.event, receivedAt));
          batchEvents.push(o.event);
        } else if (o.kind === 'quarantine') quarantine.push(o.record);
        else ledger.push(o.entry);
      }
      events += rows.length;
      quarantined += quarantine.length;
      ledgerEntries += ledger.length;
      inFlight.push({ done: writer.append(session, { events: rows, quarantine, ledger }), events: batchEvents });
      while (inFlight.length > maxInFlight) await settle(inFlight.shift()!);
      if (opts.onProgress && receivedAt - lastProgress >= 100) {
        lastProgress = receivedAt;
        opts.onProgress({
          simulatedMs: sim.nowMs - scenario.startMs,
          durationMs: scenario.durationMs,
          events,
          draining: sim.nowMs >= sim.endMs,
        });
      }
    }
    while (inFlight.length > 0) await settle(inFlight.shift()!);
    const simulatedMs = Math.max(sim.nowMs, sim.endMs) - scenario.startMs;
    // Give every message the full grace period of its interface before judging it: a real monitor
    // would see the same state once that time has passed with nothing more arriving.
    const settledAtMs = Math.max(sim.nowMs, sim.endMs) + Math.max(...Object.values(scenario.integration.gracePeriods));
    monitor.advance(settledAtMs);
    await writer.endSession(session);
    opts.onProgress?.({ simulatedMs, durationMs: scenario.durationMs, events, draining: true });
    return {
      session,
      journalPath: opts.journalPath,
      events,
      quarantined,
      ledgerEntries,
      simulatedMs,
      settledAtMs,
      snapshot: monitor.snapshot(),
      wallMs: performance.now() - started,
    };
  } finally {
    await writer.close();
  }
}
