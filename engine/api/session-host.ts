import { dirname, join } from 'node:path';
import type { AnyEvent, Frame, FrameListener, JournalHealth, JournalState, SessionInfo, Speed } from '../contract/index.js';
import { MAX_PAGE, openJournalWriter, type JournalWriter } from '../journal/index.js';
import { watchJournalHealth } from '../journal/journal-health.js';
import { createFrameGate, type FrameGate } from '../session/frame-gate.js';
import { systemClock, type HostClock } from '../session/host-clock.js';
import type { Session } from '../session/kernel.js';
import type { HostContext, LocalApiOptions } from './host-context.js';
import { createJournalQueries } from './journal-queries.js';

/** The session the host runs now, whatever its kind, as the handlers drive it. */
export type RunningSession = Session;

/**
 * What the session handlers share: the host's one journal (file health, reader, writer), the frame
 * stream, and the one session running now. Created once per host by `createSessionHost`.
 */
export type SessionHost = {
  /** the journal side, for the handlers of sessions, reports, events and lineage */
  readonly ctx: HostContext;
  readonly clock: HostClock;
  readonly frames: FrameGate;
  /** the session running now, if any */
  live(): RunningSession | undefined;
  /** the session running now; throws when none */
  readonly current: () => RunningSession;
  /** End the running session (if any) and open the next on the host's one journal writer: it is the current session from then on. */
  replace(open: (writer: JournalWriter) => Promise<RunningSession>): Promise<RunningSession>;
  /** a session's info as every answer gives it: with the journal's health */
  infoOf(s: RunningSession): SessionInfo;
  /** `session.status`: the current session's info, or idle */
  status(): SessionInfo;
  /** the latest frame of the current session (null before its first) */
  lastFrame(): Frame | null;
  /** the pace the next session starts at, unless it names one: the last one asked for */
  lastSpeed: Speed;
  /** the journal's refusal of the current session's writes: a simulation's own, or a watch's (per connection) */
  refusing(): Exclude<JournalState, { readonly state: 'ok' }> | undefined;
  /** the current session's journaled events of one business key, in journal order */
  readonly keyEvents: (businesskey: string) => readonly AnyEvent[];
  readonly onFrame: (listener: FrameListener) => () => void;
  /**
   * End the session, stop the health check and the frames, close the journal; `also` stops what
   * else the host runs (the embedded broker) once the session has ended.
   */
  close(also?: () => Promise<void>): Promise<void>;
};

const IDLE: SessionInfo = { status: 'idle', session: null, scenario: null, simTime: null, speed: 60, events: 0, error: null, watching: null };

/** The host's journal and its one running session. */
export function createSessionHost(opts: LocalApiOptions): SessionHost {
  // Checked before anything writes to it: a damaged journal is left untouched and a new one is
  // started beside it (both paths in `session.status`'s `journal`); its full integrity check runs
  // in the background, and a frame goes out when it ends.
  const journalHealth = watchJournalHealth(opts.journalPath, () => {
    // a running session's next frame carries it anyway; a paused or finished one sends its last again
    const last = lastFrame;
    if (last !== null && live?.info().status !== 'running') frames.dirty((seq) => ({ ...last, seq }));
  });
  const journalPath = journalHealth.path;
  const writerOptions = opts.maxPageCount === undefined ? {} : { maxPageCount: opts.maxPageCount };
  const clock = opts.clock ?? systemClock;
  const listeners = new Set<FrameListener>();
  let lastFrame: Frame | null = null;
  /** the journal file's health, with the running simulation's writes while the journal refuses them */
  const healthNow = (): JournalHealth => {
    const writes = live?.journalWrites?.();
    return writes === undefined || writes.state === 'ok' ? journalHealth.health() : { ...journalHealth.health(), writes };
  };
  const frames = createFrameGate(clock, opts.frameIntervalMs ?? 100, (frame) => {
    frame = { ...frame, journal: healthNow() };
    lastFrame = frame;
    for (const l of listeners) {
      try {
        l(frame);
      } catch (err) {
        console.error(`linesight: a frame listener threw: ${(err as Error).message}`);
      }
    }
  });
  let writer: Promise<JournalWriter> | undefined;
  let live: RunningSession | undefined;
  const journal = createJournalQueries(journalPath, () => live?.id);

  const ctx: HostContext = {
    journalPath,
    exportDir: opts.exportDir ?? join(dirname(journalPath), 'exports'),
    exportBaseUrl: opts.exportBaseUrl ?? null,
    journal,
    writer: () => (writer ??= openJournalWriter(journalPath, writerOptions)),
    currentSession: () => live?.id,
    currentCounts: () => (live ? { gaps: live.gaps({}).length, exceptions: live.exceptions({}).length } : undefined),
    async withJournalClosed(work) {
      if (live && live.info().status !== 'finished') throw new Error('stop or finish the running session first: the journal is rewritten');
      // the background integrity check reads the file being replaced: let it go
      journalHealth.stop();
      await live?.stop();
      live = undefined;
      lastFrame = null;
      journal.close();
      const w = writer;
      writer = undefined;
      if (w) await (await w).close();
      return work();
    },
  };
  const infoOf = (s: RunningSession): SessionInfo => ({ ...s.info(), journal: healthNow() });

  const host: SessionHost = {
    ctx,
    clock,
    frames,
    live: () => live,
    current() {
      if (!live) throw new Error('no session: call session.start first');
      return live;
    },
    async replace(open) {
      await live?.stop();
      live = undefined;
      lastFrame = null;
      writer ??= openJournalWriter(journalPath, writerOptions);
      live = await open(await writer);
      return live;
    },
    infoOf,
    status: () => (live ? infoOf(live) : { ...IDLE, speed: host.lastSpeed, journal: healthNow() }),
    lastFrame: () => lastFrame,
    lastSpeed: IDLE.speed,
    refusing() {
      const own = live?.journalWrites?.();
      if (own !== undefined && own.state !== 'ok') return own;
      const j = live?.info().watching?.find((c) => c.journal !== undefined && c.journal.state !== 'ok')?.journal;
      return j === undefined || j.state === 'ok' ? undefined : j;
    },
    // the monitor keeps counts, not messages: what a reversal is built from comes from the journal
    keyEvents: (businesskey) => journal.eventsPage({ businesskey, limit: MAX_PAGE }).events.map((e) => e.event),
    onFrame(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async close(also) {
      journalHealth.stop();
      await live?.stop();
      // a closed host lets go of what the session saw (monitor, checks, sources): whoever still holds
      // the api object does not keep a finished session's state alive with it
      live = undefined;
      lastFrame = null;
      listeners.clear();
      await also?.();
      frames.cancel();
      journal.close();
      if (writer) await (await writer).close();
    },
  };
  return host;
}
