import { createMonitor } from '../../monitor/index.js';
import type { AnyEvent, CheckRule, Interface } from '../../model/index.js';
import type { Speed } from '../contract/index.js';
import { openJournal, type Journal, type JournalWriter } from '../journal/index.js';
import type { BrokerConfig } from '../sources/mqtt/broker-connection.js';
import type { ClientIdClaim } from '../sources/mqtt/client-identity.js';
import { createApplied } from './applied.js';
import { createLiveChecks, liveRules, type LiveChecksOptions } from './live-checks.js';
import type { JournalInput } from '../journal/journal-input.js';
import { createCommitPipeline } from './commit-pipeline.js';
import type { FrameGate } from './frame-gate.js';
import type { HostClock } from './host-clock.js';
import { journalReader } from './journal-reader.js';
import { openSession, type Session } from './kernel.js';
import { openSessionPublisher, type SessionPublisher } from './session-publisher.js';

const FORWARD_ONLY = 'a replay to a broker goes forward only: what was published cannot be taken back';
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
  /** default max */
  readonly speed?: Speed;
  /** wall ms between slices while paced (default 50) */
  readonly tickMs?: number;
  /** the contract rules it checks live (default: the bundled rules; a host passes its own, `loadRules(rulesFile)`) */
  readonly checkRules?: readonly CheckRule[];
  /** how often and how far the live checks measure and remember (tests make them small) */
  readonly liveChecks?: LiveChecksOptions;
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
    if (typeof data[k] === 'string') data[k] = r(data[k]);
  }
  out.data = data;
  return out as AnyEvent;
}

/**
 * Republish a recorded session to a broker: its events, rewritten (above), are journaled as a new
 * session of kind `replay` and queued in the outbox in the same transaction, then published at QoS 1
 * under the connection's allowlist, paced like the original (1×, 10×, 100× … or max). Forward only:
 * what was published cannot be taken back, so there is no step and no seek.
 */
export async function startBrokerReplay(opts: BrokerReplayOptions): Promise<Session> {
  const { writer, clock } = opts;
  return openSession({ clock, frames: opts.frames, speed: opts.speed ?? 'max', ...(opts.tickMs === undefined ? {} : { tickMs: opts.tickMs }) }, async (host) => {
    // whatever was opened is closed again when the start fails (a refused allowlist, a journal that refuses the session)
    let publisher: SessionPublisher | undefined;
    let journal: Journal | undefined;
    try {
      // a rules file that does not parse is refused before anything is opened
      const rules = liveRules(opts.checkRules);
      publisher = openSessionPublisher(opts.publish, writer, clock, () => host.changed(), opts.claim);
      journal = openJournal(opts.journalPath, { readonly: true });
      const total = (journal.db.prepare('SELECT count(*) AS n FROM events WHERE session = ?').get(opts.session) as { n: number }).n;
      const id = await writer.startSession({
        scenario: opts.scenario.id,
        seed: opts.scenario.seed,
        kind: 'replay',
        meta: { name: opts.scenario.name, replayOf: opts.session, publishedTo: opts.publish.name ?? null },
      });
      return republish(id, total, publisher, journal, rules);
    } catch (err) {
      await publisher?.close();
      journal?.close();
      throw err;
    }
  });

  function republish(id: number, total: number, publisher: SessionPublisher, journal: Journal, rules: readonly CheckRule[]) {
    const suffix = `~r${id}`;
    const monitor = createMonitor({ gracePeriods: opts.gracePeriods });
    const checks = createLiveChecks(rules, opts.gracePeriods, clock, opts.liveChecks);
    const applied = createApplied(monitor, checks);
    const pipeline = createCommitPipeline(writer, id, 3, clock, applied.apply);
    const reader = journalReader(journal.db, opts.session, BATCH);
    const first = reader.peek();
    let simTime = first ? Date.parse(first.event.time) : clock.epochMs();
    const startMs = simTime;
    return {
      id,
      pacing: 'paced' as const,
      cannot: {
        step: FORWARD_ONLY,
        seek: 'only a replay can seek: replay a recorded session first (session.replay)',
        act: FORWARD_ONLY,
        resend: 'a replay to a broker reproduces a recorded session: act on the plant in a simulation',
        reverse: NO_REVERSAL,
        connections: 'a replay has no watched connections',
      },
      monitor: () => monitor,
      checks,
      simTime: () => simTime,
      events: () => applied.count,
      tail: () => applied.tail,
      describe: () => ({
        scenario: { id: opts.scenario.id, name: `${opts.scenario.name} (replay to ${publisher.status().name})`, seed: opts.scenario.seed ?? 0, startMs, endMs: simTime },
        watching: null,
        publishing: publisher.status(),
        replay: { of: opts.session, events: total },
      }),
      /** journal and queue the next events due by `until` (at most one batch) */
      async advance(until: number): Promise<boolean> {
        const outputs: JournalInput[] = [];
        for (let row = reader.peek(); row !== undefined && Date.parse(row.event.time) <= until && outputs.length < BATCH; row = reader.peek()) {
          reader.take();
          const event = rewriteForReplay(row.event, suffix);
          // a retained original stays old news in the replay's journal and monitor (it is published like any other)
          outputs.push(row.retained ? { kind: 'event', event, retained: true } : { kind: 'event', event });
          simTime = Math.max(simTime, Date.parse(row.event.time));
        }
        if (outputs.length === 0) return false;
        await publisher.room();
        await pipeline.push(outputs, publisher.committed, publisher.outbox(outputs));
        return true;
      },
      done: () => reader.peek() === undefined,
      settle: () => pipeline.drain(),
      async close() {
        await pipeline.drain();
        await publisher.close();
        journal.close();
        return null;
      },
      async record() {
        await writer.endSession(id);
        const snap = monitor.snapshot();
        await writer.recordOutcome(id, { gaps: snap.gaps.length, exceptions: snap.exceptions.length, checks: checks.outcome(simTime) });
      },
    };
  }
}
