import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createMonitor } from '../../monitor/index.js';
import { DEFAULT_GRACE_MS, DEFAULT_MAX_MESSAGE_BYTES, sequenceNumber, type AnyEvent, type CheckRule } from '../../model/index.js';
import type { ConnectionStatus, JournalState } from '../contract/index.js';
import type { JournalWriter } from '../journal/index.js';
import type { ClientIdClaim } from '../sources/mqtt/client-identity.js';
import { forgetBrokerSession } from '../sources/mqtt/forget-session.js';
import { displayUrl, type Arrived, type BrokerConfig } from '../sources/mqtt/broker-connection.js';
import { toLineRef } from '../sources/mqtt/connection-fields.js';
import { openConnections, type WatchedConnection } from './watched-connection.js';
import { OperatorError, type ActResult, type OperatorCommand } from '../../simulator/index.js';
import type { InjectTarget } from './live-inject.js';
import { planInjection, planReversal, publishingRefusal } from './watch-inject.js';
import type { JournalInput } from '../journal/journal-input.js';
import { createCommitPipeline } from './commit-pipeline.js';
import type { JournalRetry } from './journal-retry.js';
import { createApplied } from './applied.js';
import { createLiveChecks, liveRules, type LiveChecksOptions } from './live-checks.js';
import { createOutageRecorder } from './outage-recorder.js';
import type { FrameGate } from './frame-gate.js';
import type { HostClock } from './host-clock.js';
import { openSession, type Session, type SessionHost, type SessionSource } from './kernel.js';
import type { InspectorLimits } from '../contract/index.js';
import { createTopicInspector } from './topic-inspector.js';

export type WatchSessionOptions = {
  readonly writer: JournalWriter;
  readonly clock: HostClock;
  readonly frames: FrameGate;
  readonly brokers: readonly BrokerConfig[];
  /** largest message accepted, checked before parsing (default 256 KiB) */
  readonly maxMessageBytes?: number;
  /** a batch goes to the journal when it holds this many messages … (default 500, or the smallest receiveMaximum) */
  readonly batchMax?: number;
  /** … or this many wall ms after its first message (default 5) */
  readonly flushMs?: number;
  /** messages received but not yet committed above which reading stops until half are (default 10 000) */
  readonly maxBacklog?: number;
  /**
   * A journal that refuses writes: the refused batch is retried from `firstMs` (100) doubling to
   * `maxMs` (5 000), nothing acknowledged meanwhile; after `giveUpMs` (5 min) of refusals the watch stops.
   */
  readonly journalRetry?: Pick<JournalRetry, 'firstMs' | 'maxMs' | 'giveUpMs'>;
  /** claims a connection's client id on this machine before it connects (see `claimClientId`) */
  readonly claim?: (clientId: string) => ClientIdClaim;
  /** the journaled events of one business key in this session, in journal order: what a reversal is built from */
  readonly keyEvents?: (businesskey: string) => readonly AnyEvent[];
  /** the contract rules it checks live (default: the bundled rules; a host passes its own, `loadRules(rulesFile)`) */
  readonly checkRules?: readonly CheckRule[];
  /** bounds of the raw topic inspector (default `DEFAULT_INSPECTOR_LIMITS`) */
  readonly inspector?: Partial<InspectorLimits>;
  /** how often and how far the live checks measure and remember (tests make them small) */
  readonly liveChecks?: LiveChecksOptions;
};


const REAL_TIME = 'a watched broker runs in real time: there is nothing to play, pause, step or speed up';
const NOT_OURS =
  'this session watches a live broker: its faults, controls and dead letters belong to the middleware there, so work on them in that middleware (injecting test events is possible on a connection with a publish allowlist)';

type Pending = { readonly outputs: JournalInput[]; readonly acks: (() => void)[] };

/**
 * Watch live brokers: every message → canonical event (or quarantine, with its bytes and a reason)
 * → journal → monitor → frames, the same path a simulation takes. A QoS 1 message is acknowledged
 * to its broker only once its journal transaction has committed; messages are committed in
 * batches (full, or a few ms after the first), so acknowledgements do not cost a commit each.
 */
export async function startWatchSession(opts: WatchSessionOptions): Promise<Session> {
  return openSession({ clock: opts.clock, frames: opts.frames }, (host) => watch(opts, host));
}

async function watch(opts: WatchSessionOptions, host: SessionHost): Promise<SessionSource> {
  const { writer, clock } = opts;
  const maxBytes = opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  // a batch commits as soon as it holds what the smallest in-flight window allows unacknowledged:
  // waiting longer would only let that broker stall on PUBACKs we hold (MQTT 5 receiveMaximum)
  const batchMax = opts.batchMax ?? Math.min(500, ...opts.brokers.map((b) => b.receiveMaximum ?? 500));
  const flushMs = opts.flushMs ?? 5;
  const maxBacklog = opts.maxBacklog ?? 10_000;
  /** received, not yet committed: bounded, so a flood waits in the broker instead of in memory */
  let backlog = 0;
  let resume: (() => void) | null = null;
  let resumed: Promise<void> | null = null;
  if (opts.brokers.length === 0) throw new Error('a watch session needs at least one broker');
  // a rules file that does not parse is refused before a journal session is opened
  const rules = liveRules(opts.checkRules);
  const names = opts.brokers.map((b) => b.name ?? displayUrl(b.url));
  const id = await writer.startSession({ scenario: `watch ${names.join(', ')}`, seed: null, kind: 'live', meta: { brokers: names, connections: opts.brokers.map(connectionRecord) } });
  const monitor = createMonitor({ gracePeriods: DEFAULT_GRACE_MS });
  // the lines the connections name are on the overview from the start, idle since the watch began
  monitor.declareLines(opts.brokers.flatMap((b) => (b.lines ?? []).map(toLineRef)), clock.epochMs());
  // judged on the wall clock like the monitor's grace periods: a posting that never comes is missing once its time is up
  const checks = createLiveChecks(rules, DEFAULT_GRACE_MS, clock, opts.liveChecks);
  const applied = createApplied(monitor, checks);
  // every message under the subscriptions, mapped or not, bounded in memory: the host's API reads it (inspector.*)
  const inspector = createTopicInspector(id, clock, opts.inspector ?? {});
  /** no more messages are taken in */
  let stopped = false;
  /** whether the journal takes what arrives: every connection shows it, as its acknowledgements wait for it */
  let journal: JournalState = { state: 'ok' };

  const connections: WatchedConnection[] = [];
  // when a connection was down goes on record too: written apart from the messages, and tried again
  // each second while the journal refuses it (the journal's state says when it takes writes again)
  const outages = createOutageRecorder(writer, id);
  let recording = false;
  const recordOutages = () => {
    if (recording || !outages.pending || journal.state !== 'ok') return;
    recording = true;
    void outages
      .flush()
      .catch(() => undefined)
      .finally(() => (recording = false));
  };
  const watching = (): ConnectionStatus[] => connections.map((c) => ({ ...c.status(), journal }));
  /** the highest sequence seen per source: an injected message goes out as that source's next */
  const lastSequence = new Map<string, number>();

  const pipeline = createCommitPipeline(
    writer,
    id,
    3,
    clock,
    (batch, retained) => {
      applied.apply(batch, retained);
      host.changed();
    },
    // a journal that refuses writes is waited for, nothing acknowledged meanwhile (the broker keeps it)
    {
      clock,
      ...opts.journalRetry,
      changed: (state) => {
        journal = state;
        // a watch being stopped does not wait out an outage
        if (host.stopping && state.state === 'unavailable') pipeline.abandon(`the watch was stopped while the journal was unavailable — ${state.reason}`);
        host.changed();
      },
    },
  );

  let pending: Pending = { outputs: [], acks: [] };
  let cancelFlush: (() => void) | undefined;
  let chain: Promise<void> = Promise.resolve();
  const flush = () => {
    cancelFlush?.();
    cancelFlush = undefined;
    const batch = pending;
    if (batch.outputs.length === 0) {
      if (batch.acks.length === 0) return;
      // nothing to journal: acknowledged once everything before it is (PUBACKs go in arrival order)
      pending = { outputs: [], acks: [] };
      chain = chain.then(() => pipeline.drain()).then(() => durable(batch), broken);
      return;
    }
    pending = { outputs: [], acks: [] };
    // one batch at a time, in arrival order
    // Up to three batches on their way to the writer thread while the next one is decoded; each is
    // acknowledged as soon as it commits. The monitor takes them in order as the pipeline hands
    // them on, and catches up completely whenever the stream pauses.
    chain = chain
      .then(() => pipeline.push(batch.outputs, () => durable(batch)))
      .then(() => (pending.outputs.length === 0 ? pipeline.drain() : undefined))
      .then(() => undefined, broken);
  };
  /** the journal refused writes past the limit: the watch stops, saying why */
  const broken = (err: unknown) => host.halt(err as Error);
  const durable = (batch: Pending) => {
    for (const ack of batch.acks) ack();
    backlog -= batch.outputs.length;
    if (resume !== null && backlog <= maxBacklog / 2) {
      resume();
      resume = null;
      resumed = null;
    }
  };
  const arrived = (c: WatchedConnection, m: Arrived) => {
    if (stopped) return;
    const outs = c.map(m.topic, m.payload, clock.epochMs(), m.retain);
    inspector.record(c.name, m, outs, c.lastMapping());
    for (const o of outs) {
      if (o.kind === 'event') noteSequence(o.event.source, o.event.sequence);
      // a retained message is old news the broker kept: journaled as such, and state but not timing to the monitor
      pending.outputs.push(m.retain && o.kind === 'event' ? { ...o, retained: true } : o);
    }
    // a message that means nothing to us (a Sparkplug birth, a running state) is acknowledged in its turn
    if (m.ack) pending.acks.push(m.ack);
    backlog += outs.length;
    if (pending.outputs.length >= batchMax) flush();
    else cancelFlush ??= clock.setTimer(flush, flushMs);
    if (backlog < maxBacklog) return undefined;
    flush();
    resumed ??= new Promise<void>((r) => (resume = r));
    return resumed;
  };
  const noteSequence = (source: string, sequence: string) => {
    const n = sequenceNumber(sequence);
    if (n !== null && n > (lastSequence.get(source) ?? 0)) lastSequence.set(source, n);
  };
  let firstAttempts: Promise<void>[];
  try {
    ({ firstAttempts } = openConnections(opts.brokers, connections, {
      writer,
      maxBytes,
      arrived,
      ...(opts.claim ? { claim: opts.claim } : {}),
      changed: (c, s) => {
        outages.observe(c.name, s);
        recordOutages();
        host.changed();
      },
    }));
  } catch (err) {
    await Promise.all(connections.map((c) => c.close()));
    await writer.endSession(id).catch(() => undefined);
    throw err;
  }
  // what an earlier session left unacknowledged goes first
  for (const c of connections) c.kickOutbox();
  // Answer once every broker has subscribed or failed its first attempt (a few seconds at most):
  // whoever starts a watch and then publishes should not lose what they publish to a subscription
  // that is not there yet. An unreachable broker keeps being retried in the background.
  let cancelWait: (() => void) | undefined;
  await Promise.race([Promise.all(firstAttempts), new Promise<void>((r) => (cancelWait = clock.setTimer(r, 5000)))]);
  cancelWait?.();

  const nextSequence = (source: string): number => {
    const n = (lastSequence.get(source) ?? 0) + 1;
    lastSequence.set(source, n);
    return n;
  };
  /**
   * Injected test events and requested reversals: journaled with their operator events and queued in
   * the outbox in one transaction, then published.
   */
  const inject = async (cmd: OperatorCommand, target: InjectTarget): Promise<ActResult> => {
    if (cmd.kind !== 'inject' && cmd.kind !== 'reverse') throw new OperatorError(NOT_OURS);
    if (cmd.kind === 'reverse') {
      // what arrived so far is journaled first: the reversal is built from the key's journaled events
      flush();
      await chain;
      await pipeline.drain();
    }
    const plan =
      cmd.kind === 'inject'
        ? planInjection(cmd, target, connections, monitor.snapshot().orders, nextSequence, clock.epochMs())
        : planReversal(cmd, target, connections, monitor.previewReversal(cmd.reverses), opts.keyEvents?.(cmd.reverses) ?? [], nextSequence, clock.epochMs());
    flush();
    await chain;
    await pipeline.push(plan.outputs, undefined, plan.outbox);
    await pipeline.drain();
    plan.connection.kickOutbox();
    return plan.result;
  };

  /** what the journal did not store at the stop (it refused writes until then, or past the limit) */
  let lost: Error | null = null;
  const unacked = 'what it had not stored was not acknowledged, so the broker keeps it for the next watch with the same client id';
  const named = (connection: string): WatchedConnection => {
    const c = connections.find((x) => x.name === connection);
    if (c === undefined) throw new Error(`no connection named ${connection} in this session (${connections.map((x) => x.name).join(', ')})`);
    return c;
  };

  return {
    id,
    pacing: 'live',
    cannot: { pace: REAL_TIME, step: REAL_TIME, seek: 'only a replay can seek: replay a recorded session first (session.replay)', resend: NOT_OURS },
    monitor: () => monitor,
    checks,
    // a watched plant runs on real time: its "simulated" clock is the wall clock (epoch ms)
    simTime: () => clock.epochMs(),
    events: () => applied.count,
    tail: () => applied.tail,
    describe: () => ({ scenario: null, watching: watching() }),
    watching,
    // grace periods run on the wall clock: a gap opens when a posting is late, even if nothing arrives
    advance(now) {
      monitor.advance(now);
      recordOutages();
      return false;
    },
    done: () => false,
    async settle() {
      flush();
      await chain;
      await pipeline.drain();
    },
    act: (cmd, target) => inject(cmd, target),
    previewReversal(key) {
      const preview = monitor.previewReversal(key);
      // a reversal goes to the plant's broker like an injected message: only where a connection may
      // publish (several that may: the request names one, nothing to refuse yet)
      const refused = preview.ok && !connections.some((c) => c.config.publish !== undefined) ? publishingRefusal({}, connections, 'send a reversal to its broker') : null;
      return refused === null ? preview : { ok: false, refused };
    },
    topics: () => inspector,
    mappingsOf(connection) {
      const c = named(connection);
      return {
        path: c.config.mappings ?? null,
        text: () => c.mappingsText(),
        save(text) {
          const check = c.saveMappings(text);
          host.changed();
          return check;
        },
      };
    },
    async forget(connection) {
      const c = named(connection);
      // what arrived is committed and acknowledged first: the broker has nothing of ours to redeliver
      flush();
      await chain;
      await pipeline.drain();
      const { clientId } = c.status();
      await c.close();
      host.changed();
      await forgetBrokerSession({ ...c.config, clientId });
    },
    abandon() {
      if (journal.state === 'unavailable') pipeline.abandon(`the watch was stopped while the journal was unavailable — ${journal.reason}`);
    },
    /**
     * Stop watching. `failure` null: an operator's stop — what arrived is committed and acknowledged
     * first, unless the journal refuses writes (then it stays unacknowledged with the broker).
     * Otherwise the journal refused writes past the limit, and the watch stops on its own, saying why.
     */
    async close(failure) {
      stopped = true;
      lost = failure;
      if (failure === null) {
        flush();
        await chain;
        await pipeline.drain().catch((err: unknown) => {
          lost = err as Error;
        });
      }
      // reading that waits for the journal goes on, to an end: the connections close now
      resume?.();
      // what is still unacknowledged stays in the outbox: the next session with this connection sends it
      await Promise.all(connections.map((c) => c.close()));
      if (failure !== null) return `${failure.message}: the watch stopped; ${unacked}`;
      return lost === null ? null : `${(lost).message}; ${unacked}`;
    },
    async record() {
      // an outage still open stays so: the session's end bounds it. Not written: said, and the session still ends
      let said: string | null = null;
      await outages.flush().catch((err: unknown) => {
        said = `connection outages were not all journaled: ${(err as Error).message}`;
      });
      try {
        await writer.endSession(id);
        const snap = monitor.snapshot();
        await writer.recordOutcome(id, { gaps: snap.gaps.length, exceptions: snap.exceptions.length, checks: checks.outcome(clock.epochMs()) });
      } catch (err) {
        // a journal that refuses writes may refuse these too: the session's error already says why
        if (lost === null) throw err;
      }
      return said;
    },
  };
}

/**
 * What a watch records of a connection when it starts, for its reports and evidence pack: where it
 * listened and how, and the mappings file it translated with (path, size and SHA-256 of the text it
 * started with; a save during the watch is in the audit log with its own SHA-256). Never a password
 * or the URL's user info.
 */
function connectionRecord(b: BrokerConfig): Record<string, unknown> {
  let mappings: Record<string, unknown> | null = null;
  if (b.mappings !== undefined) {
    try {
      const text = readFileSync(b.mappings);
      mappings = { path: b.mappings, bytes: text.length, sha256: createHash('sha256').update(text).digest('hex') };
    } catch (err) {
      mappings = { path: b.mappings, problem: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file when the watch started' : (err as Error).message };
    }
  }
  return {
    name: b.name ?? displayUrl(b.url),
    url: displayUrl(b.url),
    clientId: b.clientId ?? null,
    username: b.username ?? null,
    subscriptions: b.subscriptions ?? null,
    qos: b.qos ?? 1,
    protocolVersion: b.protocolVersion ?? 5,
    publish: b.publish?.allow ?? null,
    lines: b.lines ?? [],
    mappings,
  };
}
