import { listBundledScenarios, loadScenario } from '../scenario/index.js';
import { openJournalWriter, type JournalWriter } from '../journal/index.js';
import { createFrameGate } from '../session/frame-gate.js';
import { systemClock, type HostClock } from '../session/host-clock.js';
import { checkSpeed, startLiveSession, type LiveSession } from '../session/live-session.js';
import { startWatchSession } from '../session/watch-session.js';
import type { InjectTarget } from '../session/live-inject.js';
import { checkMappings } from '../session/watched-connection.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../sources/broker/embedded-broker.js';
import { displayUrl, isBrokerUrl, type BrokerConfig } from '../sources/mqtt/broker-connection.js';
import { lineProblem } from '../sources/mqtt/connection-fields.js';
import { claimClientId, stableClientId, type ClientRole } from '../sources/mqtt/client-identity.js';
import { userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { CONTROLS, FAULT_KINDS, INJECTABLE_TYPES, isPosting, payloadProblems, templateOf } from '../../model/index.js';
import { MAX_PAGE } from '../journal/index.js';
import { fixedControlReason, type OperatorCommand } from '../../simulator/index.js';
import type { Commands, EmbeddedBrokerInfo, Frame, FrameListener, JournalHealth, JournalState, LinesightApi, OperatorContext, OperatorResult, Queries, SessionInfo, Speed } from './contract.js';
import { createJournalQueries } from './journal-queries.js';
import type { HostContext } from './host-context.js';
import { reportHandlers } from './report-handlers.js';
import { reversalHandlers } from './reversal-handlers.js';
import { sessionsHandlers } from './sessions-handlers.js';
import { compareSessions } from './compare-sessions.js';
import { checkRules, gracePeriodsOf, recordedSession, scenarioLabel, whatIfScenario } from './replay-handlers.js';
import { startBrokerReplay } from '../session/broker-replay.js';
import { startReplaySession } from '../session/replay-session.js';
import { checkLineageCompareArgs, diffLineages } from '../session/lineage-diff.js';
import { defaultConfigDir } from '../host/config-dir.js';
import { confinePath, type PathPolicy } from '../host/confine-path.js';
import { watchJournalHealth } from '../journal/journal-health.js';

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
  /** where `events.export` writes (default `exports/` beside the journal) */
  readonly exportDir?: string;
  /** URL prefix under which the host serves exported files (the browser host does); the file name is appended, encoded */
  readonly exportBaseUrl?: string;
  /** whom operator actions are recorded as when a call names nobody (default the OS user) */
  readonly operator?: string;
  /** where this installation remembers things (default `defaultConfigDir()`): client ids, mappings files */
  readonly configDir?: string;
  /**
   * Files named on the command line or in a connections file (mappings): usable wherever they are.
   * Any other path that arrives over the API must lie in the config directory's `mappings/` folder.
   */
  readonly trustedPaths?: readonly string[];
  /** cap the journal at this many pages: writes beyond fail with SQLITE_FULL (tests provoke a full disk this way) */
  readonly maxPageCount?: number;
};

/** An in-process engine host; `close()` ends the session and stops the journal writer. */
export type LocalApi = LinesightApi & { close(): Promise<void> };

const IDLE: SessionInfo = { status: 'idle', session: null, scenario: null, simTime: null, speed: 60, events: 0, error: null, watching: null };

/**
 * `LinesightApi` in the calling thread: the host a worker thread or utilityProcess wraps, and what
 * tests drive. One journal writer for the host's life, one live session at a time.
 */
export function createLocalApi(opts: LocalApiOptions): LocalApi {
  // Checked before anything writes to it: a damaged journal is left untouched and a new one is
  // started beside it (both paths in `session.status`'s `journal`); its full integrity check runs
  // in the background, and a frame goes out when it ends.
  const journalHealth = watchJournalHealth(opts.journalPath, () => {
    // a running session's next frame carries it anyway; a paused or finished one sends its last again
    const last = lastFrame;
    if (last !== null && live?.info().status !== 'running') frames.dirty((seq) => ({ ...last, seq }));
  });
  opts = { ...opts, journalPath: journalHealth.path };
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
  let live: LiveSession | undefined;
  let embedded: { readonly broker: EmbeddedBroker; readonly auth: boolean } | undefined;
  let lastSpeed: Speed = IDLE.speed;
  const journal = createJournalQueries(opts.journalPath, () => live?.id);

  const ctx: HostContext = {
    journalPath: opts.journalPath,
    exportDir: opts.exportDir ?? join(dirname(opts.journalPath), 'exports'),
    exportBaseUrl: opts.exportBaseUrl ?? null,
    journal,
    writer: () => (writer ??= openJournalWriter(opts.journalPath, writerOptions)),
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
  const configDir = opts.configDir ?? defaultConfigDir();
  const mappingsPolicy: PathPolicy = { folder: join(configDir, 'mappings'), trusted: opts.trustedPaths ?? [] };
  /** a connection without a configured client id gets this installation's stable one for it */
  const withClientId = (b: BrokerConfig, role: ClientRole): BrokerConfig =>
    b.clientId !== undefined ? b : { ...b, clientId: stableClientId(configDir, role, b.name ?? displayUrl(b.url)) };
  const claim = (clientId: string) => claimClientId(configDir, clientId);
  const operator = opts.operator ?? defaultOperator();
  /** who and why of an operator call: `why` must say something; `who` defaults to the host's user */
  const actor = (args: OperatorContext | undefined, action: string): { who: string; why: string } => {
    const why = typeof args?.why === 'string' ? args.why.trim() : '';
    if (why === '') throw new Error(`${action} needs a reason (why): it is journaled with the action`);
    const who = typeof args?.who === 'string' && args.who.trim() !== '' ? args.who.trim() : operator;
    return { who: who.slice(0, 200), why: why.slice(0, 2000) };
  };
  /** End the running session (if any) and open the next on the host's one journal writer. */
  const replaceSession = async (open: (writer: JournalWriter) => Promise<LiveSession>): Promise<LiveSession> => {
    await live?.stop();
    live = undefined;
    lastFrame = null;
    writer ??= openJournalWriter(opts.journalPath, writerOptions);
    return open(await writer);
  };
  const current = (): LiveSession => {
    if (!live) throw new Error('no session: call session.start first');
    return live;
  };
  /** run an operator action on the current session and answer with what it did and the session after it */
  const act = async (cmd: OperatorCommand, target?: InjectTarget): Promise<OperatorResult> => {
    const s = current();
    // an action would wait behind a journal that refuses writes (a simulation's run holds still meanwhile)
    refuseWhileJournalRefuses(`the ${ACTION_NAMES[cmd.kind]}`, cmd.kind === 'inject' ? 'sent' : 'carried out');
    const result = await s.act(cmd, target);
    return { ...result, info: infoOf(s) };
  };
  /** The journal's refusal of the current session's writes: a simulation's own, or a watch's (per connection). */
  const refusing = (): Exclude<JournalState, { readonly state: 'ok' }> | undefined => {
    const own = live?.journalWrites?.();
    if (own !== undefined && own.state !== 'ok') return own;
    const j = live?.info().watching?.find((c) => c.journal !== undefined && c.journal.state !== 'ok')?.journal;
    return j === undefined || j.state === 'ok' ? undefined : j;
  };
  /**
   * While the journal refuses the session's writes (a full disk, a lock held by another program),
   * nothing new is offered to it: an operator action would wait behind the outage with nobody told.
   * Refused at once instead, saying why; it may be sent again once the journal takes writes.
   */
  const refuseWhileJournalRefuses = (what: string, done = 'sent'): undefined => {
    const j = refusing();
    if (j === undefined) return undefined;
    const where = j.path === undefined ? 'the journal' : `the journal ${j.path}`;
    const stopped = live?.info().watching === null ? 'the run stopped' : 'the watch stopped';
    throw new Error(
      j.state === 'failed'
        ? `${what} was not ${done}: ${where} refused writes and ${stopped} (${j.reason})`
        : `${what} was not ${done}: ${where} refuses writes (${j.reason}); nothing was journaled or published — ${done === 'sent' ? 'send it again' : 'try it again'} once the journal takes writes`,
    );
  };
  /** ERP postings of a business key in the current session's journal (for keys the monitor no longer holds) */
  const journalPostings = (key: string): number =>
    journal.eventsPage({ businesskey: key, limit: MAX_PAGE }).events.filter((e) => isPosting(e.event.type)).length;
  /** a session's info as every answer gives it: with the journal's health */
  const infoOf = (s: LiveSession): SessionInfo => ({ ...s.info(), journal: healthNow() });
  const status = (): SessionInfo => (live ? infoOf(live) : { ...IDLE, speed: lastSpeed, journal: healthNow() });
  const command =
    <A>(fn: (s: LiveSession, args: A) => Promise<void>) =>
    async (args: A): Promise<SessionInfo> => {
      const s = current();
      await fn(s, args);
      return infoOf(s);
    };

  /** the current session's journaled events of one business key: what a reversal is built from (the monitor keeps counts, not messages) */
  const keyEvents = (businesskey: string) => journal.eventsPage({ businesskey, limit: MAX_PAGE }).events.map((e) => e.event);
  const sessions = sessionsHandlers(ctx);
  const reversals = reversalHandlers({ current, actor, keyEvents });
  const commands: Commands = {
    async 'session.start'(args) {
      const speed = checkSpeed(args.speed ?? lastSpeed);
      const scenario = loadScenario(args.scenario, { seed: args.seed, until: args.until });
      live = await replaceSession((w) =>
        startLiveSession(scenario, {
          writer: w,
          clock,
          frames,
          speed,
          ...(opts.batchSize === undefined ? {} : { batchSize: opts.batchSize }),
          ...(opts.tickMs === undefined ? {} : { tickMs: opts.tickMs }),
          ...(opts.batchesPerSlice === undefined ? {} : { batchesPerSlice: opts.batchesPerSlice }),
          publish: args.publish === undefined ? undefined : withClientId(checkBrokers([args.publish])[0]!, 'publish'),
          claim,
        }),
      );
      lastSpeed = speed;
      return infoOf(live);
    },
    async 'session.watch'(args) {
      // the embedded broker (aedes) speaks MQTT 3.1.1 only: a watch of it needs no setting for that
      const brokers = checkBrokers(args?.brokers).map((b) => {
        const v4 = embedded && b.url === embedded.broker.url && b.protocolVersion === undefined ? { ...b, protocolVersion: 4 as const } : b;
        const confined = v4.mappings === undefined ? v4 : { ...v4, mappings: confinePath(v4.mappings, mappingsPolicy) };
        return withClientId(confined, 'watch');
      });
      live = await replaceSession((w) => startWatchSession({ writer: w, clock, frames, brokers, claim, keyEvents }));
      return infoOf(live);
    },
    'session.play': command((s) => s.play()),
    'session.pause': command((s) => s.pause()),
    'session.step': command((s, args?: { readonly events?: number }) => s.step(args?.events ?? 1)),
    'session.setSpeed': command(async (s, args: { readonly speed: Speed }) => {
      await s.setSpeed(args.speed);
      lastSpeed = args.speed;
    }),
    'operator.toggleFault': async (args) =>
      act({ kind: 'fault', ...actor(args, 'a fault toggle'), fault: args.fault, line: args.line, enabled: args.enabled, params: args.params }),
    'operator.setControl': async (args) =>
      act({ kind: 'control', ...actor(args, 'a control change'), control: args.control, enabled: args.enabled }),
    'operator.inject': async (args) =>
      refuseWhileJournalRefuses('the injection') ??
      act({
        kind: 'inject',
        ...actor(args, 'an injection'),
        event: args.event,
        count: args.count ?? 1,
        spacingMs: args.spacingMs ?? 0,
        delayMs: args.delayMs ?? 0,
        template: args.template,
      }, { connection: args.connection, line: args.line }),
    'exceptions.retry': async (args) => act({ kind: 'retry', ...actor(args, 'a retry'), messageIds: args.messageIds }),
    'exceptions.resend': async (args) =>
      act({ kind: 'resend', ...actor(args, 'an edit-and-resend'), messageId: args.messageId, changes: args.changes }),
    'exceptions.discard': async (args) => act({ kind: 'discard', ...actor(args, 'a discard'), messageIds: args.messageIds }),
    'reversals.request': reversals['reversals.request'],
    async 'broker.start'(args) {
      if (embedded) throw new Error(`the embedded broker is already running on ${embedded.broker.url}: stop it first`);
      const b = await startEmbeddedBroker({
        ...(args?.port === undefined ? {} : { port: args.port }),
        ...(args?.host === undefined ? {} : { host: args.host }),
        ...(args?.username === undefined ? {} : { username: args.username }),
        ...(args?.password === undefined ? {} : { password: args.password }),
      });
      embedded = { broker: b, auth: args?.username !== undefined };
      return brokerInfo(embedded);
    },
    async 'broker.stop'() {
      const b = embedded;
      embedded = undefined;
      await b?.broker.close();
      return null;
    },
    async 'connections.forget'(args) {
      const s = current();
      if (!s.forget) throw new Error('only a watch session has broker connections to forget');
      await s.forget(String(args?.connection ?? ''));
      return infoOf(s);
    },
    'mappings.save': async (args) => {
      const m = current().mappingsOf(args.connection);
      // checked again as it is written: a link placed since the watch started must not redirect it
      if (m.path !== null) confinePath(m.path, mappingsPolicy);
      return m.save(String(args.text ?? ''));
    },
    'sessions.label': sessions['sessions.label'],
    'sessions.delete': sessions['sessions.delete'],
    ...reportHandlers(ctx),
    async 'session.replay'(args) {
      const row = recordedSession(ctx, args?.session);
      const speed = checkSpeed(args.speed ?? lastSpeed);
      if (args.publish !== undefined) {
        if (args.rules !== undefined) throw new Error('a what-if (rules) and a replay to a broker (publish) are separate replays: choose one');
        const publish = withClientId(checkBrokers([args.publish])[0]!, 'publish');
        live = await replaceSession((w) =>
          startBrokerReplay({
            journalPath: opts.journalPath,
            writer: w,
            session: row.id,
            scenario: scenarioLabel(row),
            gracePeriods: gracePeriodsOf(row),
            publish,
            claim,
            clock,
            frames,
            speed,
          }),
        );
        return infoOf(live);
      }
      if (args.rules !== undefined) {
        const rules = checkRules(args.rules);
        const scenario = whatIfScenario(row, rules);
        live = await replaceSession((w) => startLiveSession(scenario, { writer: w, clock, frames, speed, replayOf: { session: row.id, rules } }));
        return infoOf(live);
      }
      live = await replaceSession(async () =>
        startReplaySession({
          journalPath: opts.journalPath,
          session: row.id,
          scenario: scenarioLabel(row),
          gracePeriods: gracePeriodsOf(row),
          clock,
          frames,
          speed,
        }),
      );
      lastSpeed = speed;
      return infoOf(live);
    },
    async 'session.seek'(args) {
      const s = current();
      if (!s.seek) throw new Error('only a replay can seek: replay a recorded session first (session.replay)');
      await s.seek(args?.time);
      return infoOf(s);
    },
    'events.export': async (args) => {
      const result = await journal.exportEvents(args, ctx.exportDir);
      const name = basename(result.path);
      return { ...result, href: opts.exportBaseUrl === undefined ? null : opts.exportBaseUrl + encodeURIComponent(name) };
    },
  };

  const queries: Queries = {
    'scenarios.list': async () => listBundledScenarios(),
    'session.status': async () => status(),
    'session.frame': async () => lastFrame,
    'events.page': async (args) => journal.eventsPage(args),
    'lineage.forOrder': async (args) => journal.lineageForOrder(args),
    'lineage.search': async (args) => journal.searchLineage(args),
    'genealogy.forLot': async (args) => journal.genealogyForLot(args),
    'exceptions.list': async (args) => current().exceptions(args ?? {}),
    'exceptions.preview': async (args) => current().preview(args.messageId, args.changes ?? {}, journalPostings),
    'reversals.preview': reversals['reversals.preview'],
    'reconciliation.run': async () => current().reconciliation(),
    'gaps.list': async (args) => current().gaps(args ?? {}),
    'events.templates': async () => INJECTABLE_TYPES.map(templateOf),
    'events.validate': async (args) => {
      const problems = payloadProblems(args.event);
      return { ok: problems.length === 0, problems };
    },
    'sessions.list': sessions['sessions.list'],
    'sessions.compare': async (args) => compareSessions(journal.db(), args),
    'lineage.compare': async (args) => {
      const { a, b } = checkLineageCompareArgs(args);
      return diffLineages(journal.lineageForOrder(a), journal.lineageForOrder(b));
    },
    'broker.status': async () => (embedded ? brokerInfo(embedded) : null),
    'mappings.load': async (args) => ({ connection: args.connection, text: current().mappingsOf(args.connection).text() }),
    'mappings.check': async (args) => checkMappings(String(args?.text ?? ''), 'mappings'),
    'session.settings': async () => ({ ...(live?.settings(operator) ?? { controls: null, faults: [], operator }), faultKinds: FAULT_KINDS, fixedControls }),
  };

  return {
    commands,
    queries,
    onFrame(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async close() {
      journalHealth.stop();
      await live?.stop();
      await embedded?.broker.close();
      embedded = undefined;
      frames.cancel();
      journal.close();
      if (writer) await (await writer).close();
    },
  } satisfies LinesightApi & { close(): Promise<void> };
}

/** An operator action in words, for the reason it was refused. */
const ACTION_NAMES: Readonly<Record<OperatorCommand['kind'], string>> = {
  fault: 'fault toggle',
  control: 'control change',
  inject: 'injection',
  retry: 'retry',
  discard: 'discard',
  resend: 'edit-and-resend',
  reverse: 'reversal',
};

const fixedControls = Object.fromEntries(
  CONTROLS.flatMap((c) => {
    const why = fixedControlReason(c);
    return why === undefined ? [] : [[c, why]];
  }),
);


/** Check `session.watch`'s brokers at the boundary: a clear message for each mistake. */
function checkBrokers(brokers: unknown): readonly BrokerConfig[] {
  if (!Array.isArray(brokers) || brokers.length === 0) throw new Error('session.watch needs brokers: a list of at least one { url }');
  return brokers.map((b: unknown, i) => {
    const url = (b as { url?: unknown } | null)?.url;
    if (typeof url !== 'string' || !isBrokerUrl(url)) {
      throw new Error(`brokers[${i}].url must be an mqtt://, mqtts://, ws:// or wss:// URL, got ${JSON.stringify(url)}`);
    }
    const subs = (b as { subscriptions?: unknown }).subscriptions;
    if (subs !== undefined && (!Array.isArray(subs) || subs.some((s) => typeof s !== 'string' || s === ''))) {
      throw new Error(`brokers[${i}].subscriptions must be a list of topic filters`);
    }
    const allow = (b as { publish?: { allow?: unknown } }).publish?.allow;
    if ((b as { publish?: unknown }).publish !== undefined && (!Array.isArray(allow) || allow.length === 0 || allow.some((a) => typeof a !== 'string' || a === '' || /[+#]/.test(a)))) {
      throw new Error(`brokers[${i}].publish.allow must be a list of topic prefixes without wildcards, e.g. ["linesight/v1/US01/L9/"]`);
    }
    const lines = (b as { lines?: unknown }).lines;
    if (lines !== undefined && !Array.isArray(lines)) throw new Error(`brokers[${i}].lines must be a list of PLANT/LINE, e.g. ["US01/L1", "US01/L2"]`);
    (lines as unknown[] | undefined)?.forEach((line, j) => {
      const problem = lineProblem(line);
      if (problem) throw new Error(`brokers[${i}].lines[${j}]: ${problem}`);
    });
    return b as BrokerConfig;
  });
}

async function brokerInfo(e: { readonly broker: EmbeddedBroker; readonly auth: boolean }): Promise<EmbeddedBrokerInfo> {
  return { ...(await e.broker.status()), url: e.broker.url, host: e.broker.host, port: e.broker.port, auth: e.auth };
}

function defaultOperator(): string {
  try {
    return userInfo().username || 'operator';
  } catch {
    return 'operator';
  }
}
