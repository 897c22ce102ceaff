import { listBundledScenarios, loadScenario } from '../scenario/index.js';
import { openJournalWriter, type JournalWriter } from '../journal/index.js';
import { createFrameGate } from '../session/frame-gate.js';
import { systemClock, type HostClock } from '../session/host-clock.js';
import { checkSpeed, startLiveSession, type LiveSession } from '../session/live-session.js';
import type { Commands, FrameListener, LinesightApi, Queries, SessionInfo, Speed } from './contract.js';
import { createJournalQueries } from './journal-queries.js';

export type LocalApiOptions = {
  /** the SQLite journal every session of this host appends to (created and migrated if needed) */
  readonly journalPath: string;
  /** wall clock and timers (default the real ones); tests inject a fake */
  readonly clock?: HostClock;
  /** minimum wall ms between frames (default 100: at most 10 frames a second) */
  readonly frameIntervalMs?: number;
  /** outputs per journal transaction (default 1000) */
  readonly batchSize?: number;
  /** wall ms between slices while paced (default 50) */
  readonly tickMs?: number;
  /** journal batches released per slice of work before yielding (default 20) */
  readonly batchesPerSlice?: number;
};

/** An in-process engine host; `close()` ends the session and stops the journal writer. */
export type LocalApi = LinesightApi & { close(): Promise<void> };

const IDLE: SessionInfo = { status: 'idle', session: null, scenario: null, simTime: null, speed: 60, events: 0, error: null };

/**
 * `LinesightApi` in the calling thread: the host a worker thread or utilityProcess wraps, and what
 * tests drive. One journal writer for the host's life, one live session at a time.
 */
export function createLocalApi(opts: LocalApiOptions): LocalApi {
  const clock = opts.clock ?? systemClock;
  const listeners = new Set<FrameListener>();
  const frames = createFrameGate(clock, opts.frameIntervalMs ?? 100, (frame) => {
    for (const l of listeners) {
      try {
        l(frame);
      } catch (err) {
        console.error(`linesight: a frame listener threw: ${(err as Error).message}`);
      }
    }
  });
  let writer: Promise<JournalWriter> | undefined;
  let live: LiveSession | undefined;
  let lastSpeed: Speed = IDLE.speed;
  const journal = createJournalQueries(opts.journalPath, () => live?.id);

  const current = (): LiveSession => {
    if (!live) throw new Error('no session: call session.start first');
    return live;
  };
  const status = (): SessionInfo => (live ? live.info() : { ...IDLE, speed: lastSpeed });
  const command =
    <A>(fn: (s: LiveSession, args: A) => Promise<void>) =>
    async (args: A): Promise<SessionInfo> => {
      const s = current();
      await fn(s, args);
      return s.info();
    };

  const commands: Commands = {
    async 'session.start'(args) {
      const speed = checkSpeed(args.speed ?? lastSpeed);
      const scenario = loadScenario(args.scenario, { seed: args.seed, until: args.until });
      await live?.stop();
      live = undefined;
      writer ??= openJournalWriter(opts.journalPath);
      live = await startLiveSession(scenario, {
        writer: await writer,
        clock,
        frames,
        speed,
        ...(opts.batchSize === undefined ? {} : { batchSize: opts.batchSize }),
        ...(opts.tickMs === undefined ? {} : { tickMs: opts.tickMs }),
        ...(opts.batchesPerSlice === undefined ? {} : { batchesPerSlice: opts.batchesPerSlice }),
      });
      lastSpeed = speed;
      return live.info();
    },
    'session.play': command((s) => s.play()),
    'session.pause': command((s) => s.pause()),
    'session.step': command((s, args?: { readonly events?: number }) => s.step(args?.events ?? 1)),
    'session.setSpeed': command(async (s, args: { readonly speed: Speed }) => {
      await s.setSpeed(args.speed);
      lastSpeed = args.speed;
    }),
  };

  const queries: Queries = {
    'scenarios.list': async () => listBundledScenarios(),
    'session.status': async () => status(),
    'events.page': async (args) => journal.eventsPage(args),
    'lineage.forOrder': async (args) => journal.lineageForOrder(args),
  };

  return {
    commands,
    queries,
    onFrame(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async close() {
      await live?.stop();
      frames.cancel();
      journal.close();
      if (writer) await (await writer).close();
    },
  } satisfies LinesightApi & { close(): Promise<void> };
}
