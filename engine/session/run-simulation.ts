import { createMonitor, type Monitor, type MonitorSnapshot } from '../../monitor/index.js';
import type { CheckRule, Scenario } from '../../model/index.js';
import { createSimulation, type ActResult, type OperatorCommand } from '../../simulator/index.js';
import type { JournalState } from '../contract/index.js';
import { openJournalWriter } from '../journal/index.js';
import { defaultRules } from '../scenario/index.js';
import { createCommitPipeline, settledAt } from './commit-pipeline.js';
import { systemClock, type HostClock } from './host-clock.js';
import { appendsInOrder, createJournalRetry, isJournalRefusal, type JournalRetry } from './journal-retry.js';
import { createLiveChecks } from './live-checks.js';

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
  /** outputs pulled from the simulator per journal transaction (default `batchSizeFor(lines)`) */
  readonly batchSize?: number;
  /** batches allowed in flight to the journal writer before the simulator waits */
  readonly maxInFlight?: number;
  /** wall clock for progress pacing and received_at (default the system's) */
  readonly clock?: HostClock;
  /** called after the monitor applied each committed batch (benchmarks sample its memory here); must not change it */
  readonly onApplied?: (monitor: Monitor) => void;
  /**
   * A journal that refuses writes (a full disk, a lock held by another program, a read-only file)
   * is waited for: a refused write is tried again from `firstMs` (100) doubling to `maxMs` (5 000);
   * after `giveUpMs` (5 min) of refusals the run fails with that reason.
   */
  readonly journalRetry?: Pick<JournalRetry, 'firstMs' | 'maxMs' | 'giveUpMs'>;
  /** the journal's state each time it changes: refusing writes (and each refused retry), taking them again, given up */
  readonly onJournal?: (state: JournalState) => void;
  /** cap the journal at this many pages: writes beyond fail with SQLITE_FULL (tests provoke a full disk this way) */
  readonly maxPageCount?: number;
  /**
   * Operator steps at virtual instants (a scripted trainee): the run stops at each `atMs` (epoch ms),
   * everything before it journaled and applied, and calls `run`; an action it takes is journaled
   * and applied before the run goes on. Steps after the scenario's end run once the rest has drained.
   */
  readonly script?: readonly ScriptStep[];
  /** the contract rules the run checks as it goes, for the session's outcome (default the bundled rules) */
  readonly checkRules?: readonly CheckRule[];
};

/** What a script step may do at its instant: act as an operator, and look at the monitor. */
export type ScriptContext = {
  /** the journal session of the run */
  readonly session: number;
  /** the virtual instant, epoch ms */
  readonly nowMs: number;
  readonly monitor: Monitor;
  /** carry out an operator action now (throws an OperatorError when it cannot be done: nothing journaled) */
  act(cmd: OperatorCommand): Promise<ActResult>;
};

export type ScriptStep = { readonly atMs: number; run(ctx: ScriptContext): void | Promise<void> };

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
  /** the monitor as it stood at the end (previews, postings of a key) */
  readonly monitor: Monitor;
  readonly wallMs: number;
};

/**
 * Outputs per journal transaction for a run of `lines` lines: 1,000, or 100 a line beyond ten. Each
 * index of the journal (order, business key, lot, line…) takes a run's rows at one place per order
 * in flight, so a commit of a 30-line site dirties about fifteen times the index pages of a 2-line
 * one for the same rows; a larger transaction writes each such page once for more rows. Measured on
 * large-site (30 lines, 286k events): 10.2 s at 1,000 a transaction, 7.0 s at 3,000; the 2-line
 * baseline with the same number of events: 6.2 s and 5.9 s.
 */
export function batchSizeFor(lines: number): number {
  return Math.max(1000, 100 * lines);
}

/**
 * Run a scenario at full speed: simulator → journal (committed by the writer worker) → monitor.
 * The monitor applies a batch only after the journal has committed it, so what it shows is
 * exactly what the journal holds; the simulator keeps producing while the worker commits.
 */
export async function runSimulation(scenario: Scenario, opts: RunOptions): Promise<RunResult> {
  const clock = opts.clock ?? systemClock;
  const started = clock.now();
  const batchSize = opts.batchSize ?? batchSizeFor(scenario.lines.length);
  const maxInFlight = opts.maxInFlight ?? 3;
  const writer = await openJournalWriter(opts.journalPath, opts.maxPageCount === undefined ? {} : { maxPageCount: opts.maxPageCount });
  // A refused write is waited out, not fatal: the batch is appended again (the same rows; a batch
  // the journal did store after all is recognised by its event ids, which derive from the seed).
  const retry: JournalRetry = { clock, ...opts.journalRetry, retryable: isJournalRefusal, changed: (state) => opts.onJournal?.(state) };
  // the session's own rows (its start, end and outcome) are waited for the same way, one at a time
  const bookkeeping = createJournalRetry(retry);
  const patiently = <T>(op: () => Promise<T>): Promise<T> => op().catch((err: unknown) => bookkeeping.again(op, Promise.resolve(), err));
  const monitor = createMonitor({ gracePeriods: scenario.integration.gracePeriods });
  // a line that sends nothing is still a line of the run: zero counters, idle since the start
  monitor.declareLines(scenario.lines, scenario.startMs);
  // the contract checks, over the same events in the same order: what the session's outcome records
  const checks = createLiveChecks(opts.checkRules ?? defaultRules(), scenario.integration.gracePeriods, clock);
  let session = 0;
  let events = 0;
  let quarantined = 0;
  let ledgerEntries = 0;
  try {
    session = await patiently(() => writer.startSession({
      scenario: scenario.id,
      seed: scenario.seed,
      kind: 'simulation',
      meta: { name: scenario.name, start: new Date(scenario.startMs).toISOString(), durationMs: scenario.durationMs },
    }));
    const sim = createSimulation(scenario);
    // in order even across refusals: the journal's order is the run's (its digest, a replay of it)
    const pipeline = createCommitPipeline(appendsInOrder(writer), session, maxInFlight, clock, (batch) => {
      for (const e of batch) {
        monitor.apply(e);
        checks.apply(e);
      }
      opts.onApplied?.(monitor);
    }, retry);
    let lastProgress = 0;
    const push = async (outputs: Parameters<typeof pipeline.push>[0]) => {
      const added = await pipeline.push(outputs);
      events += added.events;
      quarantined += added.quarantined;
      ledgerEntries += added.ledger;
    };
    const script = [...(opts.script ?? [])].sort((a, b) => a.atMs - b.atMs);
    let step = 0;
    while (!sim.done || step < script.length) {
      const due = script[step];
      const outputs = due === undefined ? sim.pull(batchSize) : sim.pullUntil(due.atMs, batchSize);
      if (outputs.length === 0) {
        if (due === undefined) break;
        // everything due by the step's instant is journaled and applied: the operator sees what is there
        await pipeline.drain();
        const nowMs = sim.nowMs;
        if (nowMs > monitor.nowMs) monitor.advance(nowMs);
        await due.run({
          session,
          nowMs,
          monitor,
          async act(cmd) {
            const result = sim.act(cmd, nowMs);
            await push(sim.flush());
            await pipeline.drain();
            return result;
          },
        });
        step++;
        continue;
      }
      await push(outputs);
      const now = clock.now();
      if (opts.onProgress && now - lastProgress >= 100) {
        lastProgress = now;
        opts.onProgress({
          simulatedMs: sim.nowMs - scenario.startMs,
          durationMs: scenario.durationMs,
          events,
          draining: sim.nowMs >= sim.endMs,
        });
      }
    }
    await pipeline.drain();
    const simulatedMs = Math.max(sim.nowMs, sim.endMs) - scenario.startMs;
    const settledAtMs = settledAt(scenario, sim.nowMs, sim.endMs);
    monitor.advance(settledAtMs);
    await patiently(() => writer.endSession(session));
    opts.onProgress?.({ simulatedMs, durationMs: scenario.durationMs, events, draining: true });
    const snapshot = monitor.snapshot();
    const wallMs = clock.now() - started;
    // for the session list (counts and the digest, kept so a list never re-reads a whole session)
    const checked = checks.outcome(settledAtMs);
    await patiently(() => writer.recordOutcome(session, { gaps: snapshot.gaps.length, exceptions: snapshot.exceptions.length, checks: checked }));
    return { session, journalPath: opts.journalPath, events, quarantined, ledgerEntries, simulatedMs, settledAtMs, snapshot, monitor, wallMs };
  } finally {
    await writer.close();
  }
}
