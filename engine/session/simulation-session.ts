import { createMonitor } from '../../monitor/index.js';
import type { CheckRule, Scenario } from '../../model/index.js';
import { createSimulation, resendProblems, type SimOutput } from '../../simulator/index.js';
import type { JournalState, PlantInfo, Speed } from '../contract/index.js';
import type { JournalWriter } from '../journal/index.js';
import type { BrokerConfig } from '../sources/mqtt/broker-connection.js';
import type { ClientIdClaim } from '../sources/mqtt/client-identity.js';
import { createApplied } from './applied.js';
import { createCommitPipeline, settledAt } from './commit-pipeline.js';
import type { FrameGate } from './frame-gate.js';
import type { HostClock } from './host-clock.js';
import { appendsInOrder, isJournalRefusal, type JournalRetry } from './journal-retry.js';
import { openSession, type Session } from './kernel.js';
import { createLiveChecks, liveRules, type LiveChecksOptions } from './live-checks.js';
import { openSessionPublisher } from './session-publisher.js';

export type SimulationSessionOptions = {
  /** the journal's one writer; owned by the caller (a host runs many sessions through it) */
  readonly writer: JournalWriter;
  readonly clock: HostClock;
  readonly frames: FrameGate;
  readonly speed?: Speed;
  /** outputs per journal transaction (default 1000) */
  readonly batchSize?: number;
  /** batches in flight to the writer before the simulator waits (default 3) */
  readonly maxInFlight?: number;
  /** batches released per slice of work before yielding to the event loop (default 20) */
  readonly batchesPerSlice?: number;
  /** wall ms between slices while paced (default 50) */
  readonly tickMs?: number;
  /** publish the simulated conversation to this broker (under its allowlist), for middleware under test */
  readonly publish?: BrokerConfig | undefined;
  /** claims a connection's client id on this machine before it connects (see `claimClientId`) */
  readonly claim?: (clientId: string) => ClientIdClaim;
  /** journal it as a what-if replay of another session (default: a simulation of its own) */
  readonly replayOf?: { readonly session: number; readonly rules: Readonly<Record<string, unknown>> } | undefined;
  /**
   * A journal that refuses writes (a full disk, a lock held by another program) is waited for: the
   * refused batch is retried from `firstMs` (100) doubling to `maxMs` (5 000), the run holding still
   * meanwhile; after `giveUpMs` (5 min) of refusals the session stops advancing with that error.
   */
  readonly journalRetry?: Pick<JournalRetry, 'firstMs' | 'maxMs' | 'giveUpMs'>;
  /** the contract rules it checks live (default: the bundled rules; a host passes its own, `loadRules(rulesFile)`) */
  readonly checkRules?: readonly CheckRule[];
  /** how often and how far the live checks measure and remember (tests make them small) */
  readonly liveChecks?: LiveChecksOptions;
};

type Held = { readonly output: SimOutput; readonly t: number };

/**
 * A scenario running against wall time, opened paused at its start: simulator → journal writer →
 * monitor (the pipeline of run-simulation.ts; the monitor applies a batch only after its commit).
 * Paced play releases outputs whose virtual time has come; `'max'` releases as fast as the writer
 * commits. Operator actions reach the simulator from here.
 */
export async function startSimulationSession(scenario: Scenario, opts: SimulationSessionOptions): Promise<Session> {
  const { writer, clock } = opts;
  const batchSize = opts.batchSize ?? 1000;
  const maxInFlight = opts.maxInFlight ?? 3;
  const batchesPerSlice = opts.batchesPerSlice ?? 20;
  return openSession({ clock, frames: opts.frames, ...(opts.speed === undefined ? {} : { speed: opts.speed }), ...(opts.tickMs === undefined ? {} : { tickMs: opts.tickMs }) }, async (host) => {
    // opened first: a broker without a publish allowlist is refused before a journal session is opened
    // a rules file that does not parse is refused before anything is opened
    const rules = liveRules(opts.checkRules);
    const publisher = opts.publish ? openSessionPublisher(opts.publish, writer, clock, () => host.changed(), opts.claim) : undefined;
    let id: number;
    try {
      id = await writer.startSession({
        scenario: scenario.id,
        seed: scenario.seed,
        kind: opts.replayOf ? 'replay' : 'simulation',
        meta: {
          name: scenario.name,
          start: new Date(scenario.startMs).toISOString(),
          durationMs: scenario.durationMs,
          // what a later report or replay judges the session by (a what-if may have changed them)
          gracePeriods: scenario.integration.gracePeriods,
          live: true,
          ...(opts.replayOf ? { replayOf: opts.replayOf.session, rules: opts.replayOf.rules } : {}),
        },
      });
    } catch (err) {
      await publisher?.close();
      throw err;
    }
    const sim = createSimulation(scenario);
    const monitor = createMonitor({ gracePeriods: scenario.integration.gracePeriods });
    // every line of the scenario is on the overview from the first frame, idle since the start, before it sends anything
    monitor.declareLines(scenario.lines, scenario.startMs);
    const checks = createLiveChecks(rules, scenario.integration.gracePeriods, clock, opts.liveChecks);
    const applied = createApplied(monitor, checks);
    let simTime = scenario.startMs;
    let held: Held | undefined;
    /** whether the journal takes what the run produces (a refused batch is retried meanwhile) */
    let journal: JournalState = { state: 'ok' };
    const abandonFor = (reason: string) => pipeline.abandon(`the session was stopped while the journal refused writes — ${reason}`);
    // A refused batch is appended again until the journal takes it, in order (the journal's order is
    // the run's: its digest, a replay of it). The run holds still meanwhile (every later step waits
    // behind it on the serial queue), and its state is there for the banner.
    const pipeline = createCommitPipeline(appendsInOrder(writer), id, maxInFlight, clock, applied.apply, {
      clock,
      ...opts.journalRetry,
      retryable: isJournalRefusal,
      changed: (state) => {
        journal = state;
        // a session being stopped does not wait out an outage
        if (host.stopping) {
          if (state.state === 'unavailable') abandonFor(state.reason);
          return;
        }
        host.changed();
      },
    });
    const release = async (outputs: readonly SimOutput[]) => {
      if (publisher === undefined) {
        await pipeline.push(outputs);
        return;
      }
      // the outbox rows commit with the events: what was journaled is what will be published
      await publisher.room();
      await pipeline.push(outputs, publisher.committed, publisher.outbox(outputs));
    };
    /** the next output and its virtual time (pulling one at a time keeps the simulator from running ahead) */
    const next = (): Held | undefined => {
      if (held) return held;
      const o = sim.pull(1)[0];
      held = o === undefined ? undefined : { output: o, t: sim.nowMs };
      return held;
    };
    const over = () => held === undefined && sim.done;
    const plants = plantsOf(scenario);
    /** what the journal did not store at the stop (it refused writes until then, or past the limit) */
    let lost: Error | null = null;

    return {
      id,
      pacing: 'paced',
      cannot: {
        seek: 'only a replay can seek: replay a recorded session first (session.replay)',
        connections: 'a simulation has no broker connections: mappings belong to a watched broker (session.watch)',
      },
      monitor: () => monitor,
      checks,
      simTime: () => simTime,
      events: () => applied.count,
      tail: () => applied.tail,
      describe: () => ({
        scenario: { id: scenario.id, name: scenario.name, seed: scenario.seed, startMs: scenario.startMs, endMs: sim.endMs, plants },
        watching: null,
        ...(publisher ? { publishing: publisher.status() } : {}),
      }),
      async advance(until) {
        if (until === Infinity) {
          for (let b = 0; b < batchesPerSlice && !over(); b++) {
            const outputs = held ? [held.output] : [];
            held = undefined;
            outputs.push(...sim.pull(batchSize - outputs.length));
            await release(outputs);
            simTime = Math.max(simTime, sim.nowMs);
          }
          return !over();
        }
        let batch: SimOutput[] = [];
        let batches = 0;
        let lastT = simTime;
        for (let h = next(); h !== undefined && h.t <= until; h = next()) {
          batch.push(h.output);
          lastT = h.t;
          held = undefined;
          if (batch.length >= batchSize) {
            await release(batch);
            batch = [];
            if (++batches >= batchesPerSlice) break;
          }
        }
        await release(batch);
        const capped = batches >= batchesPerSlice;
        simTime = Math.max(simTime, capped ? lastT : until);
        await pipeline.drain();
        // let gaps open as virtual time passes without events; safe because the next event is later
        if (held !== undefined && held.t > simTime) monitor.advance(simTime);
        return capped;
      },
      done: over,
      settle: () => pipeline.drain(),
      finish() {
        const settledAtMs = settledAt(scenario, sim.nowMs, sim.endMs);
        monitor.advance(settledAtMs);
        // the journal session ends when the host stops it: an operator may still act on a finished run
        simTime = settledAtMs;
      },
      async step(events) {
        const batch: SimOutput[] = [];
        let n = 0;
        for (let h = next(); h !== undefined && n < events; h = next()) {
          batch.push(h.output);
          simTime = Math.max(simTime, h.t);
          held = undefined;
          if (h.output.kind === 'event') n++;
        }
        await release(batch);
      },
      async act(cmd) {
        // acting on a drained run reopens it: what the action sets off (a resend's posting) still has to happen
        const result = sim.act(cmd, held === undefined ? simTime : undefined);
        // the held output comes first: it was made before the action
        const outputs = held ? [held.output] : [];
        held = undefined;
        outputs.push(...sim.flush());
        // journaled and applied before the kernel answers: it settles the source after every action
        await release(outputs);
        simTime = Math.max(simTime, sim.nowMs);
        return result;
      },
      preview(messageId, changes, journalPostings) {
        const original = sim.deadLetter(messageId);
        if (original === undefined) throw new Error(`${messageId} is not an open dead letter (already retried, resent or discarded?)`);
        const key = original.businesskey;
        const known = monitor.postingsOf(key);
        const postings = known?.count ?? journalPostings(key);
        const wouldDoublePost = postings > 0;
        const verdict = wouldDoublePost
          ? `Would double-post: ERP has already posted business key ${key} ${postings === 1 ? 'once' : `${postings} times`}${known ? ` (first at ${known.firstAt})` : ''}, and a resend is a new message, so ERP would post it again.`
          : `Would not double-post: ERP has not posted business key ${key}.`;
        return {
          messageId,
          businesskey: key,
          original,
          resend: { type: original.type, data: { ...(original.data as Record<string, unknown>), ...changes } },
          postings,
          wouldDoublePost,
          verdict,
          problems: resendProblems(original, changes),
        };
      },
      // the simulator builds a reversal from the line's MES and refuses a key it did not post
      settings(operator) {
        const now = sim.settings();
        return { controls: now.controls, faults: now.faults.map((f) => ({ ...f, since: new Date(f.since).toISOString() })), operator };
      },
      journalWrites: () => journal,
      abandon() {
        if (journal.state === 'unavailable') abandonFor(journal.reason);
      },
      async close() {
        await pipeline.drain().catch((err: unknown) => {
          lost = err as Error;
        });
        await publisher?.close();
        return null;
      },
      async record() {
        try {
          await writer.endSession(id);
          const snap = monitor.snapshot();
          await writer.recordOutcome(id, { gaps: snap.gaps.length, exceptions: snap.exceptions.length, checks: checks.outcome(simTime) });
        } catch (err) {
          // a journal that refuses writes may refuse these too: the session is then listed as interrupted
          if (lost === null) throw err;
        }
      },
    };
  });
}

/** The plants of the scenario's lines (all lines when it lists none), for the overview's headings and filter. */
function plantsOf(scenario: Scenario): PlantInfo[] {
  const wanted = new Set(scenario.lines.map((l) => `${l.plant}/${l.line}`));
  const out: PlantInfo[] = [];
  for (const p of scenario.plant.plants) {
    const lines = p.lines.filter((l) => wanted.size === 0 || wanted.has(`${p.id}/${l.id}`)).map((l) => ({ id: l.id, name: l.name, products: l.products }));
    if (lines.length > 0) out.push({ id: p.id, name: p.name, timeZone: p.timeZone, kind: p.kind ?? scenario.plant.kind, lines });
  }
  return out;
}
