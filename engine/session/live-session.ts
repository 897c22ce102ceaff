import { createMonitor } from '../../monitor/index.js';
import type { Scenario } from '../../model/index.js';
import { createSimulation, resendProblems, type ActResult, type OperatorCommand, type SimOutput } from '../../simulator/index.js';
import type { MappingsCheck, ExceptionsListArgs, ExceptionView, Gap, GapsListArgs, JournalState, LiveSettings, PlantInfo, Reconciliation, ResendPreview, ReversalPreview, SessionInfo, SessionStatus, Speed } from '../api/contract.js';
import type { JournalWriter } from '../journal/index.js';
import { createCommitPipeline, settledAt } from './commit-pipeline.js';
import { createApplied } from './applied.js';
import { buildFrame } from './build-frame.js';
import { listExceptions, listGaps } from './monitor-queries.js';
import type { FrameGate } from './frame-gate.js';
import type { HostClock } from './host-clock.js';
import { appendsInOrder, isJournalRefusal, type JournalRetry } from './journal-retry.js';
import type { InjectTarget } from './live-inject.js';
import { openSessionPublisher } from './session-publisher.js';
import type { ClientIdClaim } from '../sources/mqtt/client-identity.js';
import type { BrokerConfig } from '../sources/mqtt/broker-connection.js';
import { createTicker, serialQueue } from './serial.js';

export type LiveSessionOptions = {
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
};

/** A scenario running against wall time: the engine side of play / pause / step / speed. */
export type LiveSession = {
  readonly id: number;
  info(): SessionInfo;
  play(): Promise<void>;
  pause(): Promise<void>;
  step(events: number): Promise<void>;
  setSpeed(speed: Speed): Promise<void>;
  /** stop without finishing the run: pending work is journaled, the session's end recorded; no more frames */
  stop(): Promise<void>;
  /**
   * carry out an operator action now; resolves once its events are journaled and applied (a watch
   * session: injections only, published through the outbox of `target.connection`)
   */
  act(cmd: OperatorCommand, target?: InjectTarget): Promise<ActResult>;
  /** open dead letters, oldest first */
  exceptions(filter: ExceptionsListArgs): ExceptionView[];
  /** what a resend would send and whether ERP already posted its business key (`journalPostings` for keys the monitor let go) */
  preview(messageId: string, changes: Readonly<Record<string, unknown>>, journalPostings: (key: string) => number): ResendPreview;
  /**
   * Why this session cannot request a reversal (a replay reproduces a recorded session), or null
   * when it can: a declared capability, answered without calling `act`.
   */
  readonly cannotReverse: string | null;
  /** which posting a reversal of `key` would net, what it nets to and which gap it closes — or why it is refused */
  previewReversal(key: string): ReversalPreview;
  reconciliation(): Reconciliation;
  /** open gaps, oldest first */
  gaps(filter: GapsListArgs): Gap[];
  settings(operator: string): Pick<LiveSettings, 'controls' | 'faults' | 'operator'>;
  /** move a replay to a virtual instant (other sessions have no seek) */
  seek?(time: number): Promise<void>;
  /** the mappings file of a watched connection (a simulation has none: it throws) */
  mappingsOf(connection: string): { readonly path: string | null; text(): string; save(text: string): MappingsCheck };
  /** stop watching a connection and end its session on the broker (only a watch has connections) */
  forget?(connection: string): Promise<void>;
  /**
   * Whether the journal takes this session's writes (a simulation's: the host shows it as
   * `JournalHealth.writes`; a watch says it per connection, `watching[].journal`).
   */
  journalWrites?(): JournalState;
};

type Held = { readonly output: SimOutput; readonly t: number };

/** Validate a speed from the outside world. */
export function checkSpeed(speed: unknown): Speed {
  if (speed === 'max' || (typeof speed === 'number' && Number.isFinite(speed) && speed > 0)) return speed;
  throw new Error(`speed must be a positive number of virtual ms per wall ms or 'max', got ${JSON.stringify(speed)}`);
}

/**
 * Open a journal session for `scenario`, paused at its start. The pipeline is run-simulation.ts's:
 * simulator → journal writer → monitor, the monitor applying a batch only after its commit. Paced
 * play releases outputs whose virtual time has come (`speed` virtual ms per wall ms); `'max'`
 * releases as fast as the writer commits. Every operation runs in order on one chain, so a pause
 * or step never interleaves with a slice of work.
 */
export async function startLiveSession(scenario: Scenario, opts: LiveSessionOptions): Promise<LiveSession> {
  const { writer, clock, frames } = opts;
  const batchSize = opts.batchSize ?? 1000;
  const maxInFlight = opts.maxInFlight ?? 3;
  const batchesPerSlice = opts.batchesPerSlice ?? 20;
  const tickMs = opts.tickMs ?? 50;
  // opened first: a broker without a publish allowlist is refused before a journal session is opened
  let publisherChanged = () => {};
  const publisher = opts.publish ? openSessionPublisher(opts.publish, writer, clock, () => publisherChanged(), opts.claim) : undefined;
  const id = await writer.startSession({
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
  const sim = createSimulation(scenario);
  const monitor = createMonitor({ gracePeriods: scenario.integration.gracePeriods });
  // every line of the scenario is on the overview from the first frame, idle since the start, before it sends anything
  monitor.declareLines(scenario.lines, scenario.startMs);
  const applied = createApplied(monitor);
  let status: SessionStatus = 'paused';
  let speed: Speed = checkSpeed(opts.speed ?? 60);
  let simTime = scenario.startMs;
  let anchor = { wall: 0, sim: simTime };
  let held: Held | undefined;
  let stopped = false;
  /** stop was asked for: a refusing journal is no longer waited for */
  let stopping = false;
  let error: string | null = null;
  /** whether the journal takes what the run produces (a refused batch is retried meanwhile) */
  let journal: JournalState = { state: 'ok' };

  const plants = plantsOf(scenario);
  const info = (): SessionInfo => ({
    status,
    session: id,
    scenario: { id: scenario.id, name: scenario.name, seed: scenario.seed, startMs: scenario.startMs, endMs: sim.endMs, plants },
    simTime,
    speed,
    events: applied.count,
    error,
    watching: null,
    ...(publisher ? { publishing: publisher.status() } : {}),
  });
  const frame = (final: boolean) => (seq: number) =>
    buildFrame({ seq, session: id, status, simTime, speed, events: applied.count, tail: applied.tail, final }, monitor.snapshot());

  publisherChanged = () => frames.dirty(frame(false));
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
      if (stopping) {
        if (state.state === 'unavailable') abandonFor(state.reason);
        return;
      }
      frames.dirty(frame(false));
    },
  });
  const settleAll = () => pipeline.drain();
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

  /** Release what is due at wall time `now`; true when the slice stopped early with work left. */
  const advance = async (now: number): Promise<boolean> => {
    if (speed === 'max') {
      for (let b = 0; b < batchesPerSlice && !over(); b++) {
        const outputs = held ? [held.output] : [];
        held = undefined;
        outputs.push(...sim.pull(batchSize - outputs.length));
        await release(outputs);
        simTime = Math.max(simTime, sim.nowMs);
      }
      return !over();
    }
    const target = anchor.sim + speed * (now - anchor.wall);
    let batch: SimOutput[] = [];
    let batches = 0;
    let lastT = simTime;
    for (let h = next(); h !== undefined && h.t <= target; h = next()) {
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
    simTime = Math.max(simTime, capped ? lastT : target);
    await settleAll();
    // Let gaps open as virtual time passes without events; safe because the next event is later.
    if (held !== undefined && held.t > simTime) monitor.advance(simTime);
    return capped;
  };
  const finish = async () => {
    await settleAll();
    const settledAtMs = settledAt(scenario, sim.nowMs, sim.endMs);
    monitor.advance(settledAtMs);
    // the journal session ends when the host stops it: an operator may still act on a finished run
    status = 'finished';
    simTime = settledAtMs;
    frames.final(frame(true));
  };

  const enqueue = serialQueue();
  const ticker = createTicker(clock, enqueue, () => tick(), (err) => fail(err));
  const schedule = ticker.schedule;
  const unschedule = ticker.cancel;
  const fail = (err: unknown) => {
    // a slice cut short by the stop (a journal no longer waited for): the session is going, no frame for it
    if (stopping) return;
    unschedule();
    if (status === 'running') status = 'paused';
    error = (err as Error).message;
    frames.dirty(frame(false));
  };
  // the paused start is a state worth showing: its lines, before anything has happened
  frames.dirty(frame(false));
  const tick = async () => {
    if (status !== 'running' || stopped) return;
    const more = await advance(clock.now());
    if (over()) return finish();
    frames.dirty(frame(false));
    schedule(speed === 'max' || more ? 0 : tickMs);
  };

  return {
    id,
    info,
    play: () =>
      enqueue(async () => {
        if (status !== 'paused' || stopped) return;
        status = 'running';
        anchor = { wall: clock.now(), sim: simTime };
        frames.dirty(frame(false));
        schedule(0);
      }),
    pause: () =>
      enqueue(async () => {
        if (status !== 'running') return;
        unschedule();
        if (speed !== 'max') await advance(clock.now());
        await settleAll();
        if (over()) return finish();
        status = 'paused';
        frames.dirty(frame(false));
      }),
    step: (events) =>
      enqueue(async () => {
        if (!Number.isInteger(events) || events < 1) throw new Error(`step needs a positive whole number of events, got ${events}`);
        if (status === 'running') throw new Error('session.step needs a paused session; pause first');
        if (status !== 'paused' || stopped) return;
        const batch: SimOutput[] = [];
        let n = 0;
        for (let h = next(); h !== undefined && n < events; h = next()) {
          batch.push(h.output);
          simTime = Math.max(simTime, h.t);
          held = undefined;
          if (h.output.kind === 'event') n++;
        }
        await release(batch);
        await settleAll();
        if (over()) return finish();
        frames.dirty(frame(false));
      }),
    setSpeed: (s) =>
      enqueue(async () => {
        const nextSpeed = checkSpeed(s);
        if (status === 'running') {
          if (speed !== 'max') await advance(clock.now());
          anchor = { wall: clock.now(), sim: simTime };
        }
        speed = nextSpeed;
        frames.dirty(frame(false));
      }),
    act: (cmd) =>
      enqueue(async () => {
        if (stopped) throw new Error('the session has stopped');
        // acting on a drained run reopens it: what the action sets off (a resend's posting) still has to happen
        const result = sim.act(cmd, held === undefined ? simTime : undefined);
        const reopened = status === 'finished';
        // the held output comes first: it was made before the action
        const outputs = held ? [held.output] : [];
        held = undefined;
        outputs.push(...sim.flush());
        await release(outputs);
        await settleAll();
        simTime = Math.max(simTime, sim.nowMs);
        if (reopened) {
          // a drained run plays on by itself until what the action set off has happened
          status = 'running';
          schedule(0);
        }
        if (status === 'running') anchor = { wall: clock.now(), sim: simTime };
        frames.dirty(frame(false));
        return result;
      }),
    exceptions: (filter) => listExceptions(monitor.snapshot(), filter),
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
    // the simulator builds the reversal from the line's MES and refuses a key it did not post
    cannotReverse: null,
    previewReversal: (key) => monitor.previewReversal(key),
    reconciliation: () => monitor.snapshot().reconciliation,
    gaps: (filter) => listGaps(monitor.snapshot(), filter),
    settings(operator) {
      const now = sim.settings();
      return { controls: now.controls, faults: now.faults.map((f) => ({ ...f, since: new Date(f.since).toISOString() })), operator };
    },
    mappingsOf() {
      throw new Error('a simulation has no broker connections: mappings belong to a watched broker (session.watch)');
    },
    journalWrites: () => journal,
    stop: () => {
      // not queued behind a slice that waits for a refusing journal: that wait ends now
      stopping = true;
      if (journal.state === 'unavailable') abandonFor(journal.reason);
      return enqueue(async () => {
        if (stopped) return;
        stopped = true;
        unschedule();
        frames.cancel();
        /** what the journal did not store (it refused writes until the stop, or past the limit) */
        let lost: Error | null = null;
        await settleAll().catch((err: unknown) => {
          lost = err as Error;
        });
        await publisher?.close();
        try {
          await writer.endSession(id);
          const snap = monitor.snapshot();
          await writer.recordOutcome(id, { gaps: snap.gaps.length, exceptions: snap.exceptions.length });
        } catch (err) {
          // a journal that refuses writes may refuse these too: the session is then listed as interrupted
          if (lost === null) throw err;
        }
      });
    },
  };
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
