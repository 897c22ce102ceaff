import type { Monitor } from '../../monitor/index.js';
import type { TopicInspector } from './topic-inspector.js';
import type { AnyEvent } from '../../model/index.js';
import type { ActResult, OperatorCommand } from '../../simulator/index.js';
import type {
  ConnectionStatus,
  ExceptionsListArgs,
  ExceptionView,
  Gap,
  GapsListArgs,
  JournalState,
  LiveSettings,
  MappingsCheck,
  Reconciliation,
  ResendPreview,
  ReversalPreview,
  SessionInfo,
  SessionStatus,
  Speed,
} from '../contract/index.js';
import { buildFrame } from './build-frame.js';
import type { FrameGate } from './frame-gate.js';
import type { HostClock } from './host-clock.js';
import type { InjectTarget } from './live-inject.js';
import type { LiveChecks } from './live-checks.js';
import { listExceptions, listGaps } from './monitor-queries.js';
import { createTicker, serialQueue } from './serial.js';

/**
 * What a session may be asked beyond showing what it holds. Each kind of session declares what it
 * cannot do, with the reason the API answers: a watch cannot be paced (it runs in real time), a
 * replay cannot act (it shows what happened), only a replay can seek, only a watch has connections.
 */
export type Capability = 'pace' | 'step' | 'seek' | 'act' | 'resend' | 'reverse' | 'connections';
export type Cannot = Partial<Record<Capability, string>>;

/** A watched connection's mappings file, to read and replace from the console. */
export type MappingsHandle = { readonly path: string | null; text(): string; save(text: string): MappingsCheck };

/** A running session as the API sees it: whatever its kind, the same calls; what it cannot do is refused with the reason it declared. */
export type Session = {
  readonly id: number;
  /** what this session cannot do, and why */
  readonly cannot: Cannot;
  info(): SessionInfo;
  play(): Promise<void>;
  pause(): Promise<void>;
  step(events: number): Promise<void>;
  setSpeed(speed: Speed): Promise<void>;
  /** move to a virtual instant (a replay) */
  seek(time: number): Promise<void>;
  /** stop: pending work is journaled, the session's end recorded; no more frames */
  stop(): Promise<void>;
  /** carry out an operator action now; resolves once its events are journaled and applied */
  act(cmd: OperatorCommand, target?: InjectTarget): Promise<ActResult>;
  /** open dead letters, oldest first */
  exceptions(filter: ExceptionsListArgs): ExceptionView[];
  /** open gaps, oldest first */
  gaps(filter: GapsListArgs): Gap[];
  reconciliation(): Reconciliation;
  /** the monitor judging the session now (read it; never apply to it) */
  monitor(): Monitor;
  /** what a resend would send and whether ERP already posted its business key (`journalPostings` for keys the monitor let go) */
  preview(messageId: string, changes: Readonly<Record<string, unknown>>, journalPostings: (key: string) => number): ResendPreview;
  /** which posting a reversal of `key` would net, what it nets to and which gap it closes — or why it is refused */
  previewReversal(key: string): ReversalPreview;
  settings(operator: string): Pick<LiveSettings, 'controls' | 'faults' | 'operator'>;
  /** the mappings file of a watched connection */
  mappingsOf(connection: string): MappingsHandle;
  /** what a watch received on each topic, mapped or not (undefined: the session watches no broker) */
  topics(): TopicInspector | undefined;
  /** stop watching a connection and end its session on the broker */
  forget(connection: string): Promise<void>;
  /** whether the journal takes this session's writes (a watch says it per connection, `watching[].journal`) */
  journalWrites(): JournalState;
};

/** What the kernel hands a source: how to say its state changed, and how to stop the session on its own. */
export type SessionHost = {
  /** its state changed: a frame goes out (within the frame rate) */
  changed(): void;
  /** it cannot go on (the journal refused writes past the limit): the session ends, saying why, with a final frame */
  readonly halt: (err: Error) => void;
  /** stop was asked for (not queued behind work that waits for a refusing journal) */
  readonly stopping: boolean;
};

/**
 * One kind of session, plugged into the kernel: a simulation, a replay of a recorded session (from
 * the journal, or to a broker), watched brokers. `paced` sources release what is due by a virtual
 * instant when the kernel asks; a `live` one (a watch) is driven by what arrives and runs on the
 * wall clock, the kernel only ticking it once a second so grace periods run out.
 */
export type SessionSource = {
  readonly id: number;
  readonly pacing: 'paced' | 'live';
  readonly cannot: Cannot;
  /** the monitor that judges what was released (a replay swaps it on a seek) */
  monitor(): Monitor;
  /** virtual time reached */
  simTime(): number;
  /** events applied, and the newest of them */
  events(): number;
  tail(): readonly AnyEvent[];
  /** what only this kind says in `session.status`: the scenario, the connections, publishing, the recorded session */
  describe(): Pick<SessionInfo, 'scenario' | 'watching'> & Partial<Pick<SessionInfo, 'publishing' | 'replay'>>;
  /** the watched connections a frame carries (a watch) */
  watching?(): ConnectionStatus[];
  /** the integration contract rules it judges live, over the events it applies (a frame carries them) */
  readonly checks?: LiveChecks;
  /** release what is due by virtual instant `until` (Infinity: as fast as it goes), one slice of work; true when more was due */
  advance(until: number): boolean | Promise<boolean>;
  /** nothing is left to release */
  done(): boolean;
  /** everything released so far is journaled and applied */
  settle(): void | Promise<void>;
  /** the end is reached: what comes before the final frame (a simulation lets its grace periods run out) */
  finish?(): void | Promise<void>;
  /** release exactly `events` more events (paused) */
  step?(events: number): void | Promise<void>;
  /** move to virtual instant `time` */
  seek?(time: number): void;
  act?(cmd: OperatorCommand, target: InjectTarget): Promise<ActResult>;
  preview?(messageId: string, changes: Readonly<Record<string, unknown>>, journalPostings: (key: string) => number): ResendPreview;
  previewReversal?(key: string): ReversalPreview;
  settings?(operator: string): Pick<LiveSettings, 'controls' | 'faults' | 'operator'>;
  mappingsOf?(connection: string): MappingsHandle;
  topics?(): TopicInspector;
  forget?(connection: string): Promise<void>;
  journalWrites?(): JournalState;
  /** stop was asked for: stop waiting for a journal that refuses writes (called at once, not queued) */
  abandon?(): void;
  /**
   * Release what the source holds. `failure`: the source halted (the returned text, if any,
   * becomes the session's error); null: an operator's stop (the returned text is an error worth
   * keeping, e.g. what was not stored).
   */
  close(failure: Error | null): string | null | Promise<string | null>;
  /**
   * Journal the session's end and outcome (after the last frame: a refusing journal may keep it
   * waiting); the text it returns, if any, is kept as the session's error unless it has one.
   */
  record?(): string | null | void | Promise<string | null | void>;
};

export type KernelOptions = {
  readonly clock: HostClock;
  readonly frames: FrameGate;
  /** initial pace of a paced source (default 60) */
  readonly speed?: Speed;
  /** wall ms between slices while paced (default 50); a live source is ticked once a second */
  readonly tickMs?: number;
};

/** Validate a speed from the outside world. */
export function checkSpeed(speed: unknown): Speed {
  if (speed === 'max' || (typeof speed === 'number' && Number.isFinite(speed) && speed > 0)) return speed;
  throw new Error(`speed must be a positive number of virtual ms per wall ms or 'max', got ${JSON.stringify(speed)}`);
}

/** A live source's tick: grace periods run on the wall clock, so a gap opens when a posting is late even if nothing arrives. */
const LIVE_TICK_MS = 1000;

/**
 * Open a session around the source `make` builds (it gets the host's hooks): status, pacing, the
 * serial queue every operation runs on (so a pause or a step never interleaves with a slice of
 * work), the ticker, frames, errors and the stop — the same for every kind.
 */
export async function openSession(opts: KernelOptions, make: (host: SessionHost) => SessionSource | Promise<SessionSource>): Promise<Session> {
  const { clock, frames } = opts;
  const tickMs = opts.tickMs ?? 50;
  // checked before anything is opened: a bad pace leaves no journal session behind
  const initialSpeed = checkSpeed(opts.speed ?? 60);
  let source: SessionSource | undefined;
  let stopped = false;
  let stopping = false;
  let ending: Promise<void> | undefined;
  const host: SessionHost = {
    changed: () => {
      if (source !== undefined && !stopped) frames.dirty(frame(false));
    },
    halt: (err) => void end(err).catch(() => undefined),
    get stopping() {
      return stopping;
    },
  };
  const src = (source = await make(host));
  const live = src.pacing === 'live';
  let status: SessionStatus = live ? 'running' : 'paused';
  let speed: Speed = live ? 1 : initialSpeed;
  let anchor = { wall: 0, sim: src.simTime() };
  let error: string | null = null;

  const frame = (final: boolean) => (seq: number) => {
    const watching = src.watching?.();
    const simTime = src.simTime();
    // measured at most about once a second while it runs; a paused or finished session, and the last frame, show it now
    const checks = src.checks?.summary(simTime, final || status !== 'running') ?? [];
    return buildFrame(
      { seq, session: src.id, status, simTime, speed, events: src.events(), tail: src.tail(), checks, final, ...(watching === undefined ? {} : { watching }) },
      src.monitor().snapshot(),
    );
  };
  const info = (): SessionInfo => ({ status, session: src.id, simTime: src.simTime(), speed, events: src.events(), error, ...src.describe() });
  const refuseIf = (what: keyof Cannot) => {
    const why = src.cannot[what];
    if (why !== undefined) throw new Error(why);
  };
  /** the virtual instant wall time `now` has reached at the current pace */
  const target = (now: number) => (speed === 'max' ? Infinity : anchor.sim + speed * (now - anchor.wall));
  const reanchor = () => (anchor = { wall: clock.now(), sim: src.simTime() });

  const enqueue = serialQueue();
  const ticker = createTicker(clock, enqueue, () => tick(), (err) => fail(err));
  const fail = (err: unknown) => {
    // a slice cut short by the stop (a journal no longer waited for): the session is going, no frame for it
    if (stopping) return;
    ticker.cancel();
    if (status === 'running' && !live) status = 'paused';
    error = (err as Error).message;
    host.changed();
  };
  const finish = async () => {
    await src.settle();
    await src.finish?.();
    status = 'finished';
    frames.final(frame(true));
  };
  const tick = async () => {
    if (status !== 'running' || stopped) return;
    if (live) {
      await src.advance(clock.epochMs());
      host.changed();
      ticker.schedule(LIVE_TICK_MS);
      return;
    }
    const more = await src.advance(target(clock.now()));
    if (src.done()) return finish();
    host.changed();
    ticker.schedule(speed === 'max' || more ? 0 : tickMs);
  };
  /**
   * Stop. `failure` null: an operator's stop — what was released is journaled first (unless the
   * journal refuses writes: then it stays where it came from), no more frames. Otherwise the source
   * halted: the session ends with its reason in a final frame.
   */
  const end = (failure: Error | null): Promise<void> => {
    stopping = true;
    // not queued behind a slice that waits for a refusing journal: that wait ends now
    src.abandon?.();
    return (ending ??= (async () => {
      // a halt may come from inside queued work (the journal gave up under it): it does not wait for the queue
      if (failure === null) await enqueue(() => undefined);
      stopped = true;
      ticker.cancel();
      if (failure === null) frames.cancel();
      const said = await src.close(failure);
      if (failure !== null) {
        status = 'finished';
        error = said ?? failure.message;
        frames.final(frame(true));
      } else {
        // a watch is over once stopped; a paced session keeps the status it had, for a last look
        if (live) status = 'finished';
        if (said !== null) error = said;
      }
      const later = await src.record?.();
      if (typeof later === 'string') error ??= later;
    })());
  };

  // the start is a state worth showing (a simulation's lines, paused, before anything has happened)
  host.changed();
  if (live) ticker.schedule(0);

  return {
    id: src.id,
    cannot: src.cannot,
    info,
    play: async () => {
      refuseIf('pace');
      return enqueue(() => {
        if (status !== 'paused' || stopped) return;
        status = 'running';
        reanchor();
        host.changed();
        ticker.schedule(0);
      });
    },
    pause: async () => {
      refuseIf('pace');
      return enqueue(async () => {
        if (status !== 'running') return;
        ticker.cancel();
        // what was due by now has happened
        if (speed !== 'max') await src.advance(target(clock.now()));
        await src.settle();
        if (src.done()) return finish();
        status = 'paused';
        host.changed();
      });
    },
    step: async (events) => {
      refuseIf('step');
      return enqueue(async () => {
        if (!Number.isInteger(events) || events < 1) throw new Error(`step needs a positive whole number of events, got ${events}`);
        if (status === 'running') throw new Error('session.step needs a paused session; pause first');
        if (status !== 'paused' || stopped) return;
        await src.step!(events);
        await src.settle();
        if (src.done()) return finish();
        host.changed();
      });
    },
    setSpeed: async (s) => {
      refuseIf('pace');
      return enqueue(async () => {
        const next = checkSpeed(s);
        if (status === 'running' && speed !== 'max') await src.advance(target(clock.now()));
        speed = next;
        if (status === 'running') reanchor();
        host.changed();
      });
    },
    seek: async (time) => {
      refuseIf('seek');
      return enqueue(async () => {
        if (typeof time !== 'number' || !Number.isFinite(time)) throw new Error(`seek needs a virtual instant (epoch ms), got ${JSON.stringify(time)}`);
        src.seek!(time);
        if (status === 'finished' && !src.done()) status = 'paused';
        reanchor();
        if (src.done()) return finish();
        host.changed();
      });
    },
    act: async (cmd, target) => {
      refuseIf('act');
      return enqueue(async () => {
        if (stopped) throw new Error('the session has stopped');
        const reopened = status === 'finished';
        const result = await src.act!(cmd, target ?? {});
        await src.settle();
        if (reopened && !live) {
          // a drained run plays on by itself until what the action set off has happened
          status = 'running';
          ticker.schedule(0);
        }
        if (status === 'running' && !live) reanchor();
        host.changed();
        return result;
      });
    },
    exceptions: (filter) => listExceptions(src.monitor().snapshot(), filter),
    gaps: (filter) => listGaps(src.monitor().snapshot(), filter),
    reconciliation: () => src.monitor().snapshot().reconciliation,
    monitor: () => src.monitor(),
    preview(messageId, changes, journalPostings) {
      refuseIf('resend');
      return src.preview!(messageId, changes, journalPostings);
    },
    previewReversal(key) {
      const refused = src.cannot.reverse;
      if (refused !== undefined) return { ok: false, refused };
      return src.previewReversal?.(key) ?? src.monitor().previewReversal(key);
    },
    settings: (operator) => src.settings?.(operator) ?? { controls: null, faults: [], operator },
    mappingsOf(connection) {
      refuseIf('connections');
      return src.mappingsOf!(connection);
    },
    topics: () => src.topics?.(),
    forget: async (connection) => {
      refuseIf('connections');
      return src.forget!(connection);
    },
    journalWrites: () => src.journalWrites?.() ?? { state: 'ok' },
    stop: () => end(null),
  };
}
