import { deserialize, serialize } from 'node:v8';
import { createMonitor, type Monitor, type MonitorCheckpoint } from '../../monitor/index.js';
import type { AnyEvent, CheckRule, Interface } from '../../model/index.js';
import type { Speed } from '../contract/index.js';
import { openJournal, type Journal } from '../journal/index.js';
import { FRAME_TAIL } from './build-frame.js';
import type { FrameGate } from './frame-gate.js';
import type { HostClock } from './host-clock.js';
import { journalReader, type JournalReader } from './journal-reader.js';
import { openSession, type Session, type SessionHost, type SessionSource } from './kernel.js';
import { createLiveChecks, liveRules, type LiveChecks, type LiveChecksOptions } from './live-checks.js';

export type ReplaySessionOptions = {
  readonly journalPath: string;
  /** the recorded session */
  readonly session: number;
  readonly scenario: { readonly id: string; readonly name: string; readonly seed: number | null };
  readonly gracePeriods: Readonly<Record<Interface, number>>;
  readonly clock: HostClock;
  readonly frames: FrameGate;
  readonly speed?: Speed;
  /** events read from the journal per query (default 5000) */
  readonly pageSize?: number;
  /** events applied between two monitor checkpoints (default 5 000): the most a seek re-applies */
  readonly checkpointEvery?: number;
  /**
   * memory the checkpoints may take (default 384 MB, serialized): beyond it every other one is
   * dropped and the interval doubles, so a long session costs seek time, not unbounded memory
   */
  readonly checkpointBytes?: number;
  /** wall ms between slices while paced (default 50) */
  readonly tickMs?: number;
  /** the contract rules it checks live (default: the bundled rules; a host passes its own, `loadRules(rulesFile)`) */
  readonly checkRules?: readonly CheckRule[];
  /** how often and how far the live checks measure and remember (tests make them small) */
  readonly liveChecks?: LiveChecksOptions;
};

const NOT_HERE =
  'a replay shows a recorded session as it happened (its operator actions included): to act on the plant, start the scenario again, or replay what-if with changed rules';
const NO_REVERSAL =
  'a replay shows a recorded session as it happened: nothing can be sent from it. Reverse the posting in a running simulation, or on the plant while watching its broker';
/** events applied per slice before yielding to the event loop, at max speed */
const SLICE = 20_000;

type Checkpoint = { readonly count: number; readonly seq: number; readonly simTime: number; readonly state: Buffer };

/**
 * Replay a journaled session: its events, in journal order, through a fresh monitor, paced against
 * wall time (1×, 10×, 100× … or max), with pause, step and seek. Nothing is journaled again: the
 * views read the recorded session itself. A seek resumes from the nearest monitor checkpoint at or
 * before its instant (one every `checkpointEvery` events, kept as the replay first passes them),
 * so once the replay has been that far it re-applies at most that many events, whatever the
 * session's size, in either direction.
 */
export async function startReplaySession(opts: ReplaySessionOptions): Promise<Session & { checkpoints(): { count: number; bytes: number; every: number } }> {
  const pageSize = opts.pageSize ?? 5000;
  let every = opts.checkpointEvery ?? 5_000;
  const budget = opts.checkpointBytes ?? 384 * 1024 * 1024;
  let checkpointBytes = 0;
  const checkpoints: Checkpoint[] = [];
  const session = await openSession(
    { clock: opts.clock, frames: opts.frames, ...(opts.speed === undefined ? {} : { speed: opts.speed }), ...(opts.tickMs === undefined ? {} : { tickMs: opts.tickMs }) },
    (host) => {
      // a rules file that does not parse is refused before the journal is opened
      const rules = liveRules(opts.checkRules);
      const journal: Journal = openJournal(opts.journalPath, { readonly: true });
      try {
        return source(journal, host, createLiveChecks(rules, opts.gracePeriods, opts.clock, opts.liveChecks));
      } catch (err) {
        journal.close();
        throw err;
      }
    },
  );
  return { ...session, checkpoints: () => ({ count: checkpoints.length, bytes: checkpointBytes, every }) };

  function source(journal: Journal, host: SessionHost, checks: LiveChecks): SessionSource {
    const reader = journalReader(journal.db, opts.session, pageSize);
    const first = reader.peek();
    if (first === undefined) throw new Error(`session ${opts.session} has no events to replay`);
    const startMs = Date.parse(first.event.time);
    const lastRow = journal.db.prepare('SELECT max(seq) AS seq FROM events WHERE session = ?').get(opts.session) as { seq: number };
    const last = journal.db.prepare('SELECT time FROM events WHERE seq = ?').get(lastRow.seq) as { time: string };
    const endMs = Date.parse(last.time);
    const total = (journal.db.prepare('SELECT count(*) AS n FROM events WHERE session = ?').get(opts.session) as { n: number }).n;

    let monitor: Monitor = createMonitor({ gracePeriods: opts.gracePeriods });
    let count = 0;
    let tail: AnyEvent[] = [];
    let simTime = startMs;

    /** the next recorded event, or undefined at the end */
    const peek = (): AnyEvent | undefined => reader.peek()?.event;
    const applyNext = (): AnyEvent => {
      const row = reader.take();
      monitor.apply(row.event, row.retained === true);
      // while the checks catch up after a jump, they take this event in their turn
      if (catchUp === undefined) checks.apply(row.event, row.retained === true);
      count++;
      tail.push(row.event);
      if (tail.length > 4 * FRAME_TAIL) tail = tail.slice(-FRAME_TAIL);
      const t = Date.parse(row.event.time);
      if (t > simTime) simTime = t;
      if (count % every === 0 && (checkpoints.length === 0 || checkpoints[checkpoints.length - 1]!.count < count)) keep();
      return row.event;
    };
    /** checkpoint the monitor here: serialized (compact, off the JS heap), within the memory budget */
    const keep = () => {
      const state = monitor.writeState((st) => serialize(st));
      checkpoints.push({ count, seq: reader.lastSeq, simTime, state });
      checkpointBytes += state.byteLength;
      while (checkpointBytes > budget && checkpoints.length > 1) {
        // thin out: every other checkpoint goes, and the next ones come half as often
        for (let i = checkpoints.length - 2; i >= 0; i -= 2) checkpointBytes -= checkpoints.splice(i, 1)[0]!.state.byteLength;
        every *= 2;
      }
    };
    /** apply every event due by virtual time `t` (at most `max`); true when stopped by `max` */
    const applyUntil = (t: number, max = Infinity): boolean => {
      let n = 0;
      for (let e = peek(); e !== undefined && Date.parse(e.time) <= t; e = peek()) {
        if (n++ >= max) return true;
        applyNext();
      }
      return false;
    };
    const over = () => peek() === undefined;
    /** the latest checkpoint at or before virtual time `t` */
    const nearest = (t: number): Checkpoint | undefined => {
      let cp: Checkpoint | undefined;
      for (const c of checkpoints) if (c.simTime <= t) cp = c;
      return cp;
    };
    /** resume from checkpoint `cp` (undefined: the start) */
    const rewind = (cp: Checkpoint | undefined) => {
      monitor = cp
        ? createMonitor({ gracePeriods: opts.gracePeriods, from: deserialize(cp.state) as MonitorCheckpoint, adopt: true })
        : createMonitor({ gracePeriods: opts.gracePeriods });
      count = cp?.count ?? 0;
      simTime = cp?.simTime ?? startMs;
      reader.from(cp?.seq ?? 0);
      tail = [];
      // the checks start over and go through the session again up to the replay, in the background
      checks.reset();
      stopCatchUp();
      if (cp !== undefined) {
        catchUp = journalReader(journal.db, opts.session, pageSize);
        cancelCatchUp = opts.clock.setTimer(catchUpSlice, 0);
      }
    };

    /**
     * The contract checks go over a session from its start, and a checkpoint of everything they
     * remember would cost far more than the monitor's (every key of the session). So after a jump to
     * a checkpoint they read the session again from its start on a reader of their own, a slice at
     * a time between the replay's own work, until they reach the replay; frames carry no checks
     * meanwhile rather than checks of the wrong instant.
     */
    let catchUp: JournalReader | undefined;
    let cancelCatchUp: (() => void) | undefined;
    const stopCatchUp = () => {
      cancelCatchUp?.();
      cancelCatchUp = undefined;
      catchUp = undefined;
    };
    const catchUpSlice = () => {
      cancelCatchUp = undefined;
      const r = catchUp;
      if (r === undefined) return;
      let n = 0;
      for (let row = r.peek(); row !== undefined && row.seq <= reader.lastSeq && n < SLICE; row = r.peek(), n++) {
        const taken = r.take();
        checks.apply(taken.event, taken.retained === true);
      }
      const next = r.peek();
      if (next !== undefined && next.seq <= reader.lastSeq) {
        cancelCatchUp = opts.clock.setTimer(catchUpSlice, 0);
        return;
      }
      catchUp = undefined;
      host.changed();
    };
    const shownChecks: LiveChecks = { ...checks, summary: (nowMs, fresh) => (catchUp === undefined ? checks.summary(nowMs, fresh) : []) };

    return {
      id: opts.session,
      pacing: 'paced',
      cannot: { act: NOT_HERE, resend: NOT_HERE, reverse: NO_REVERSAL, connections: 'a replay has no broker connections' },
      monitor: () => monitor,
      checks: shownChecks,
      simTime: () => simTime,
      events: () => count,
      tail: () => tail,
      describe: () => ({
        scenario: { id: opts.scenario.id, name: `${opts.scenario.name} (replay)`, seed: opts.scenario.seed ?? 0, startMs, endMs },
        watching: null,
        replay: { of: opts.session, events: total },
      }),
      advance(until) {
        const more = applyUntil(until, SLICE);
        if (until !== Infinity && !more && until > simTime && !over()) {
          simTime = until;
          monitor.advance(simTime);
        }
        return more;
      },
      done: over,
      settle: () => undefined,
      step(events) {
        for (let i = 0; i < events && !over(); i++) applyNext();
      },
      seek(time) {
        const t = Math.min(Math.max(time, startMs), endMs);
        // from the nearest checkpoint at or before t, when that is behind us or ahead of where we are
        const best = nearest(t);
        if (t < simTime || (best !== undefined && best.count > count)) rewind(best);
        applyUntil(t);
        if (t > simTime) simTime = t;
        monitor.advance(simTime);
      },
      close() {
        stopCatchUp();
        journal.close();
        return null;
      },
    };
  }
}
