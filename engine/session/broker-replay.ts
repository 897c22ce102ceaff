import { createMonitor } from '../../monitor/index.js';
import type { AnyEvent, Interface } from '../../model/index.js';
import type { SessionInfo, SessionStatus, Speed } from '../api/contract.js';
import { eventsPage, openJournal, type JournalWriter } from '../journal/index.js';
import type { BrokerConfig } from '../sources/mqtt/broker-connection.js';
import { createApplied } from './applied.js';
import { buildFrame } from './build-frame.js';
import { createCommitPipeline, type PipelineOutput } from './commit-pipeline.js';
import type { FrameGate } from './frame-gate.js';
import type { HostClock } from './host-clock.js';
import { checkSpeed, type LiveSession } from './live-session.js';
import { listExceptions, listGaps } from './monitor-queries.js';
import { openSessionPublisher } from './session-publisher.js';
import type { ClientIdClaim } from '../sources/mqtt/client-identity.js';
import { createTicker, serialQueue } from './serial.js';

const NO_REVERSAL =
  'a replay to a broker republishes a recorded session as it happened: nothing else is sent from it. Reverse the posting in a running simulation, or on the plant while watching its broker';

export type BrokerReplayOptions = {
  readonly journalPath: string;
  readonly writer: JournalWriter;
  /** the recorded session */
  readonly session: number;
  readonly scenario: { readonly id: string; readonly name: string; readonly seed: number | null };
  readonly gracePeriods: Readonly<Record<Interface, number>>;
  readonly publish: BrokerConfig;
  /** claims a connection's client id on this machine before it connects (see `claimClientId`) */
  readonly claim?: (clientId: string) => ClientIdClaim;
  readonly clock: HostClock;
  readonly frames: FrameGate;
  readonly speed?: Speed;
};

/** events per journal transaction */
const BATCH = 1000;

/**
 * Rewrite a recorded event for a replay to a live broker, so that a test ERP does not take it for
 * what it already posted: order, lot, id, business key, correlation and causation get the same
 * suffix wherever they appear — a deterministic function of the value, so every reference stays
 * consistent (a causation id still names its cause) — and `origin` becomes `replayed`.
 */
export function rewriteForReplay(e: AnyEvent, suffix: string): AnyEvent {
  const r = (v: string) => `${v}${suffix}`;
  const out: Record<string, unknown> = { ...e, id: r(e.id), businesskey: r(e.businesskey), correlationid: r(e.correlationid), origin: 'replayed' };
  if (e.causationid !== undefined) out.causationid = r(e.causationid);
  if (e.subject !== undefined) out.subject = r(e.subject);
  if (e.lot !== undefined) out.lot = r(e.lot);
  const data = { ...(e.data as Record<string, unknown>) };
  for (const k of ['order', 'lot', 'messageId', 'eventId', 'newMessageId'] as const) {
    if (typeof data[k] === 'string') data[k] = r(data[k] as string);
  }
  out.data = data;
  return out as AnyEvent;
}

/**
 * Republish a recorded session to a broker: its events, rewritten (above), are journaled as a new
 * session of kind `replay` and queued in the outbox in the same transaction, then published at QoS 1
 * under the connection's allowlist, paced like the original (1×, 10×, 100× … or max). Forward only:
 * what was published cannot be taken back, so there is no seek.
 */
export async function startBrokerReplay(opts: BrokerReplayOptions): Promise<LiveSession> {
  const { writer, clock, frames } = opts;
  let changed = () => {};
  const publisher = openSessionPublisher(opts.publish, writer, clock, () => changed(), opts.claim);
  const journal = openJournal(opts.journalPath, { readonly: true });
  const total = (journal.db.prepare('SELECT count(*) AS n FROM events WHERE session = ?').get(opts.session) as { n: number }).n;
  const id = await writer.startSession({
    scenario: opts.scenario.id,
    seed: opts.scenario.seed,
    kind: 'replay',
    meta: { name: opts.scenario.name, replayOf: opts.session, publishedTo: opts.publish.name ?? null },
  });
  const suffix = `~r${id}`;
  const monitor = createMonitor({ gracePeriods: opts.gracePeriods });
  const applied = createApplied(monitor);
  const pipeline = createCommitPipeline(writer, id, 3, clock, applied.apply);
  let buffer = eventsPage(journal.db, opts.session, { afterSeq: 0, limit: BATCH });
  let at = 0;
  let lastSeq = 0;
  let status: SessionStatus = 'paused';
  let speed: Speed = checkSpeed(opts.speed ?? 'max');
  let simTime = buffer[0] ? Date.parse(buffer[0].event.time) : clock.epochMs();
  const startMs = simTime;
  let anchor = { wall: 0, sim: simTime };
  let stopped = false;
  let error: string | null = null;

  const peek = (): AnyEvent | undefined => {
    if (at >= buffer.length) {
      buffer = eventsPage(journal.db, opts.session, { afterSeq: lastSeq, limit: BATCH });
      at = 0;
    }
    return buffer[at]?.event;
  };
  const info = (): SessionInfo => ({
    status,
    session: id,
    scenario: { id: opts.scenario.id, name: `${opts.scenario.name} (replay to ${publisher.status().name})`, seed: opts.scenario.seed ?? 0, startMs, endMs: simTime },
    simTime,
    speed,
    events: applied.count,
    error,
    watching: null,
    publishing: publisher.status(),
    replay: { of: opts.session, events: total },
  });
  const frame = (final: boolean) => (seq: number) =>
    buildFrame({ seq, session: id, status, simTime, speed, events: applied.count, tail: applied.tail, final }, monitor.snapshot());
  changed = () => frames.dirty(frame(false));

  /** journal and queue the next events due by `target` (at most one batch) */
  const release = async (target: number): Promise<boolean> => {
    const outputs: PipelineOutput[] = [];
    for (let e = peek(); e !== undefined && Date.parse(e.time) <= target && outputs.length < BATCH; e = peek()) {
      const event = rewriteForReplay(e, suffix);
      // a retained original stays old news in the replay's journal and monitor (it is published like any other)
      outputs.push(buffer[at]!.retained ? { kind: 'event', event, retained: true } : { kind: 'event', event });
      lastSeq = buffer[at]!.seq;
      at++;
      simTime = Math.max(simTime, Date.parse(e.time));
    }
    if (outputs.length === 0) return false;
    await publisher.room();
    await pipeline.push(outputs, publisher.committed, publisher.outbox(outputs));
    return true;
  };
  const enqueue = serialQueue();
  const ticker = createTicker(clock, enqueue, () => tick(), (err) => {
    status = 'paused';
    error = (err as Error).message;
    frames.dirty(frame(false));
  });
  const schedule = ticker.schedule;
  const tick = async () => {
    if (status !== 'running' || stopped) return;
    const target = speed === 'max' ? Infinity : anchor.sim + speed * (clock.now() - anchor.wall);
    const more = await release(target);
    if (peek() === undefined) {
      await pipeline.drain();
      status = 'finished';
      frames.final(frame(true));
      return;
    }
    frames.dirty(frame(false));
    schedule(speed === 'max' || more ? 0 : 50);
  };
  const refuse = async (): Promise<never> => {
    throw new Error('a replay to a broker goes forward only: what was published cannot be taken back');
  };
  return {
    id,
    info,
    play: () =>
      enqueue(async () => {
        if (status !== 'paused' || stopped) return;
        status = 'running';
        anchor = { wall: clock.now(), sim: simTime };
        schedule(0);
      }),
    pause: () =>
      enqueue(async () => {
        if (status !== 'running') return;
        ticker.cancel();
        await pipeline.drain();
        status = 'paused';
        frames.dirty(frame(false));
      }),
    step: refuse,
    setSpeed: (s) =>
      enqueue(async () => {
        speed = checkSpeed(s);
        anchor = { wall: clock.now(), sim: simTime };
      }),
    act: refuse,
    exceptions: (f) => listExceptions(monitor.snapshot(), f),
    preview() {
      throw new Error('a replay to a broker reproduces a recorded session: act on the plant in a simulation');
    },
    cannotReverse: NO_REVERSAL,
    previewReversal: () => ({ ok: false, refused: NO_REVERSAL }),
    reconciliation: () => monitor.snapshot().reconciliation,
    gaps: (f) => listGaps(monitor.snapshot(), f),
    settings: (operator) => ({ controls: null, faults: [], operator }),
    mappingsOf() {
      throw new Error('a replay has no watched connections');
    },
    stop: () =>
      enqueue(async () => {
        if (stopped) return;
        stopped = true;
        ticker.cancel();
        frames.cancel();
        await pipeline.drain();
        await publisher.close();
        journal.close();
        await writer.endSession(id);
        const snap = monitor.snapshot();
        await writer.recordOutcome(id, { gaps: snap.gaps.length, exceptions: snap.exceptions.length });
      }),
  };
}
