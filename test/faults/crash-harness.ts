// Crash harness: the engine under steady load — watching Mosquitto under QoS 1 load and injecting,
// or simulating a plant at full speed and publishing it — killed with SIGKILL at seeded random
// points and restarted, then left to drain; the journal is checked with a read
// connection of its own after every kill and at the end. Used by crash.int.test.ts (a fixed seed,
// 20 kills) and by torture.ts (`npm run torture -- --kills N [--seed S]`).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt, { type MqttClient } from 'mqtt';
import { startMosquitto, type Broker } from '../support/mosquitto.js';
import { startMqttTap, type MqttTap } from '../support/mqtt-tap.js';
import { createPublisher, type Publisher } from './load-publisher.js';
import { checkJournal, checkOutbox, type JournalCheck, type OutboxCheck } from './journal-checks.js';
import { CONNECTION, INJECT_PREFIX, SIM_CONNECTION, SIM_FILTER, WATCH_FILTER, type ChildConfig, type ChildMessage, type ParentMessage } from './crash-protocol.js';

export type HarnessOptions = {
  readonly kills: number;
  readonly seed: number;
  /** QoS 1 messages published per second (default 400) */
  readonly ratePerSecond?: number;
  /** the child runs this long (ms, drawn uniformly) after saying ready before it is killed (default 80–700) */
  readonly runMs?: readonly [number, number];
  /** share of kills that strike while the child is still starting (default 0.2) */
  readonly startupKills?: number;
  /** share of starts that simulate instead of watching (default 0.4); the QoS 1 load goes on meanwhile */
  readonly simulateShare?: number;
  /** the child injects a test event this often (ms; default 150; 0: none) */
  readonly injectEveryMs?: number;
  /** MQTT 5 receiveMaximum of the watch (default 100) */
  readonly receiveMaximum?: number;
  /** a line per kill and per phase */
  readonly log?: (line: string) => void;
  /** keep the temp directory (journal, broker) for a look afterwards */
  readonly keep?: boolean;
};

/** What one kill found. */
export type KillResult = JournalCheck & {
  readonly kill: number;
  /** what the child was doing when it was killed */
  readonly mode: ChildConfig['mode'];
  /** ms the child lived */
  readonly livedMs: number;
  /** killed before it said ready */
  readonly duringStartup: boolean;
  /** the session the child said it runs (null: killed before it said so) */
  readonly session: number | null;
};

export type HarnessReport = {
  readonly seed: number;
  readonly kills: readonly KillResult[];
  /** QoS 1 messages the broker acknowledged to the publisher */
  readonly published: number;
  /** distinct messages Linesight acknowledged to the broker (seen passing the tap) */
  readonly acknowledged: number;
  /** the final check, after the drain */
  readonly final: JournalCheck & {
    /** the watch's injections */
    readonly outbox: OutboxCheck;
    /** the simulations' publishing */
    readonly simOutbox: OutboxCheck;
    /** the drain's two sessions (a watch, a simulation) ended cleanly */
    readonly lastSessionEnded: boolean;
    /** messages the broker sent Linesight more than once (after a kill: what was not acknowledged) */
    readonly redelivered: number;
  };
  readonly journalPath: string;
  /** every problem found, per kill and at the end; empty when all held */
  readonly problems: readonly string[];
  readonly ms: number;
};

/** Seeded random numbers in [0, 1) (mulberry32): the kill points of a seed are always the same. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Journals other than journal.db in `dir`: what an engine that refuses a journal starts beside it. */
function journalsBeside(dir: string): string[] {
  return readdirSync(dir).filter((f) => /^journal\..+\.db$/.test(f));
}

/** How many of the payloads the broker sent carry an id it had sent before. */
function redeliveries(sent: readonly Buffer[], idOf: (b: Buffer) => string | undefined): number {
  const seen = new Set<string>();
  let again = 0;
  for (const p of sent) {
    const id = idOf(p);
    if (id === undefined) continue;
    if (seen.has(id)) again++;
    seen.add(id);
  }
  return again;
}

/** The scenario seed of the `k`-th start (0: the drain's): an unsigned 32-bit integer of its own per start. */
const simSeed = (seed: number, k: number): number => (seed + k * 104_729) >>> 0;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The compiled child: beside this module in dist/, or in dist/ when this runs from sources (vitest). */
function childScript(): string {
  const url = import.meta.url.endsWith('.ts') ? new URL('../../dist/test/faults/crash-child.js', import.meta.url) : new URL('./crash-child.js', import.meta.url);
  return fileURLToPath(url);
}

type Child = {
  readonly proc: ChildProcess;
  /** the session id once it said ready */
  readonly ready: Promise<number | null>;
  /** a simulation reached its scenario's end */
  readonly finished: Promise<void>;
  readonly exited: Promise<void>;
  stderr(): string;
};

function spawnChild(cfg: ChildConfig, configDir: string): Child {
  const proc = fork(childScript(), [JSON.stringify(cfg)], { env: { ...process.env, LINESIGHT_CONFIG_DIR: configDir }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let err = '';
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (c: string) => (err = (err + c).slice(-4000)));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  let finish = () => undefined as void;
  const finished = new Promise<void>((r) => (finish = r));
  const ready = new Promise<number | null>((resolve, reject) => {
    proc.on('message', (m: ChildMessage) => {
      if ('ready' in m) resolve(m.ready);
      if ('finished' in m) finish();
      if ('failed' in m) reject(new Error(`crash child failed: ${m.failed}`));
    });
    void exited.then(() => reject(new Error(`crash child exited before it was ready\n${err}`)));
  });
  ready.catch(() => undefined);
  return { proc, ready, finished, exited, stderr: () => err };
}

async function kill(child: Child): Promise<void> {
  child.proc.kill('SIGKILL');
  // reaped only now: until then the pid is a zombie and still "exists" for the interruption check
  await child.exited;
}

/** Subscribe as the watch would (same client id, filter and session expiry) and leave: the broker keeps the session. */
async function openBrokerSession(url: string, clientId: string): Promise<void> {
  const c = await mqtt.connectAsync(url, { clientId, clean: false, protocolVersion: 5, properties: { sessionExpiryInterval: 3600 } });
  await c.subscribeAsync(WATCH_FILTER, { qos: 1 });
  await c.endAsync();
}

async function waitUntil(what: string, ok: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`crash harness: timed out waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * Run the harness: start Mosquitto (queueing without limit), a tap in front of it that records
 * which messages Linesight acknowledges, a publisher under steady QoS 1 load with its ledger, and an
 * observer of what Linesight injects; kill the child `kills` times at seeded points, checking the
 * journal after each; then restart it once more, let everything drain, stop it cleanly and check
 * the whole ledger.
 */
export async function runCrashHarness(opts: HarnessOptions): Promise<HarnessReport> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const random = seededRandom(opts.seed);
  const [minRun, maxRun] = opts.runMs ?? [80, 700];
  const startupKills = opts.startupKills ?? 0.2;
  const dir = mkdtempSync(join(tmpdir(), 'linesight-crash-'));
  const configDir = join(dir, 'config');
  mkdirSync(configDir);
  const journalPath = join(dir, 'journal.db');
  const problems: string[] = [];
  const idOf = (payload: Buffer): string | undefined => {
    try {
      return (JSON.parse(payload.toString()) as { id?: string }).id;
    } catch {
      return undefined;
    }
  };
  let broker: Broker | undefined;
  let tap: MqttTap | undefined;
  let observer: MqttClient | undefined;
  let publisher: Publisher | undefined;
  let child: Child | undefined;
  const acked = new Set<string>();
  /** event ids of Linesight's injections in the order the observer heard them (redeliveries included) */
  const heard: string[] = [];
  /** event ids the simulations published, as an observer heard them */
  const heardSim: string[] = [];
  try {
    broker = await startMosquitto({ maxQueuedMessages: 0 });
    tap = await startMqttTap(broker.port, (payload) => {
      const id = idOf(payload);
      if (id !== undefined) acked.add(id);
    });
    observer = await mqtt.connectAsync(broker.url, { clientId: `crash-observer-${opts.seed}`, protocolVersion: 5 });
    observer.on('message', (topic, payload) => {
      const body = JSON.parse(payload.toString()) as { id: string; origin?: string };
      if (topic.startsWith(INJECT_PREFIX)) {
        if (body.origin === 'injected') heard.push(body.id);
      } else heardSim.push(body.id);
    });
    await observer.subscribeAsync([`${INJECT_PREFIX}#`, SIM_FILTER], { qos: 1 });
    const clientId = 'lscrashwatch';
    // the watch's broker session exists before the load starts: what is published while the first
    // child is still starting is queued for it, as for any later start
    await openBrokerSession(broker.url, clientId);
    publisher = await createPublisher(broker.url, `crash-${opts.seed}`, opts.ratePerSecond ?? 400);
    const watchCfg: ChildConfig = {
      mode: 'watch',
      journalPath,
      brokerUrl: tap.url,
      simSeed: 0,
      clientId,
      receiveMaximum: opts.receiveMaximum ?? 100,
      injectEveryMs: opts.injectEveryMs ?? 150,
    };
    // a simulation publishes straight to the broker (the tap counts only what the watch acknowledges),
    // under a seed of its own each start: its event ids never repeat an earlier start's
    const simCfg = (simSeed: number, simUntil?: string): ChildConfig => ({ ...watchCfg, mode: 'simulate', brokerUrl: broker!.url, simSeed, ...(simUntil === undefined ? {} : { simUntil }) });
    const simulateShare = opts.simulateShare ?? 0.4;
    const outboxes = () => ({ outbox: checkOutbox(journalPath, heard, CONNECTION), simOutbox: checkOutbox(journalPath, heardSim, SIM_CONNECTION) });
    log(`seed ${opts.seed}: ${opts.kills} kills, journal ${journalPath}`);

    const kills: KillResult[] = [];
    for (let k = 1; k <= opts.kills; k++) {
      const born = Date.now();
      const mode = random() < simulateShare ? 'simulate' : 'watch';
      child = spawnChild(mode === 'simulate' ? simCfg(simSeed(opts.seed, k)) : watchCfg, configDir);
      const duringStartup = random() < startupKills;
      let session: number | null = null;
      if (duringStartup) {
        await Promise.race([sleep(Math.floor(random() * 600)), child.ready.catch(() => undefined)]);
      } else {
        session = await Promise.race([child.ready, sleep(30_000).then(() => Promise.reject(new Error(`crash child not ready within 30 s\n${child!.stderr()}`)))]);
        await sleep(minRun + Math.floor(random() * (maxRun - minRun)));
      }
      await kill(child);
      const livedMs = Date.now() - born;
      child = undefined;
      const check = checkJournal(journalPath, acked);
      const beside = journalsBeside(dir);
      const result: KillResult = { kill: k, mode, livedMs, duringStartup, session, ...check };
      kills.push(result);
      for (const p of check.problems) problems.push(`kill ${k}: ${p}`);
      if (beside.length > 0) {
        // from here on the engine writes elsewhere: every later check would only repeat this
        problems.push(`kill ${k}: the next start would not write to the journal: the engine started ${beside.join(', ')} beside it (it took the crashed journal for damaged; integrity_check says ${check.integrity})`);
        log(problems.at(-1)!);
        return { seed: opts.seed, kills, published: publisher.published.size, acknowledged: acked.size, final: { ...check, ...outboxes(), lastSessionEnded: false, redelivered: redeliveries(tap.published, idOf) }, journalPath, problems, ms: Date.now() - started };
      }
      log(
        `kill ${String(k).padStart(3)} after ${String(livedMs).padStart(5)} ms ${mode === 'simulate' ? 'simulating' : 'watching  '}${duringStartup ? ' (starting)' : ''}: session ${session ?? '—'}, ` +
          `integrity ${check.integrity}, ${check.events} events, acked ${acked.size} (${check.ackedMissing} missing), duplicates ${check.duplicates}, ` +
          `interrupted ${check.interrupted.length} (open, not interrupted: ${check.openNotInterrupted})${check.problems.length > 0 ? ` — ${check.problems.join('; ')}` : ''}`,
      );
    }

    // drain: the load stops; a watch receives and acknowledges everything and sends what its outbox
    // holds, then a short simulation sends what the killed simulations left in theirs; each stops cleanly
    await publisher.stop();
    log(`drain: ${publisher.published.size} published, ${acked.size} acknowledged so far`);
    const stop = async (c: Child) => {
      c.proc.send({ stop: true } satisfies ParentMessage);
      await Promise.race([c.exited, sleep(20_000).then(() => kill(c))]);
    };
    // no injections now: a new one every 150 ms would keep the outbox from ever being seen empty
    child = spawnChild({ ...watchCfg, injectEveryMs: 0 }, configDir);
    const lastWatch = await child.ready;
    const everyPublished = () => [...publisher!.published].every((id) => acked.has(id));
    await waitUntil('every published message to be acknowledged', everyPublished, 60_000).catch((err: Error) => {
      const missing = [...publisher!.published].filter((id) => !acked.has(id));
      throw new Error(`${err.message}: ${missing.length} not acknowledged (${missing.slice(0, 5).join(', ')} …)\n${child?.stderr() ?? ''}`);
    });
    await waitUntil('the outbox to be delivered and heard', () => outboxes().outbox.pending === 0, 60_000).catch((err: Error) => {
      throw new Error(`${err.message}: ${outboxes().outbox.problems.join('; ')}\n${child?.stderr() ?? ''}`);
    });
    await sleep(300);
    await stop(child);
    child = spawnChild(simCfg(simSeed(opts.seed, 0), '30m'), configDir);
    const lastSim = await child.ready;
    await Promise.race([child.finished, sleep(60_000).then(() => Promise.reject(new Error(`the drain's simulation did not finish within 60 s\n${child!.stderr()}`)))]);
    await waitUntil('the simulations\' outbox to be delivered and heard', () => outboxes().simOutbox.pending === 0, 60_000).catch((err: Error) => {
      throw new Error(`${err.message}: ${outboxes().simOutbox.problems.join('; ')}\n${child?.stderr() ?? ''}`);
    });
    await sleep(300);
    await stop(child);
    child = undefined;
    const check = checkJournal(journalPath, acked, publisher.published);
    const { outbox, simOutbox } = outboxes();
    const lastSessionEnded = [lastWatch, lastSim].every((s) => s !== null && check.endedSessions.includes(s));
    const redelivered = redeliveries(tap.published, idOf);
    const final = { ...check, outbox, simOutbox, lastSessionEnded, redelivered };
    for (const p of check.problems) problems.push(`final: ${p}`);
    if (check.publishedMissing > 0) problems.push(`final: ${check.publishedMissing} published messages are not in the journal`);
    for (const p of outbox.problems) problems.push(`final: outbox: ${p}`);
    for (const p of simOutbox.problems) problems.push(`final: simulation outbox: ${p}`);
    if (!lastSessionEnded) problems.push(`final: the drain's sessions (${String(lastWatch)}, ${String(lastSim)}) did not end cleanly`);
    log(
      `final: integrity ${check.integrity}, ${check.events} events, published ${publisher.published.size} (${check.publishedMissing} missing), ` +
        `acked ${acked.size} (${check.ackedMissing} missing), duplicates ${check.duplicates}, redelivered by the broker ${redelivered}, ` +
        `injection outbox ${outbox.rows} rows (${outbox.pending} pending, heard ${outbox.heardDistinct}, ${outbox.heardTotal - outbox.heardDistinct} resent), ` +
        `simulation outbox ${simOutbox.rows} rows (${simOutbox.pending} pending, heard ${simOutbox.heardDistinct}, ${simOutbox.heardTotal - simOutbox.heardDistinct} resent)`,
    );
    return { seed: opts.seed, kills, published: publisher.published.size, acknowledged: acked.size, final, journalPath, problems, ms: Date.now() - started };
  } finally {
    if (child) await kill(child);
    await publisher?.stop().catch(() => undefined);
    await observer?.endAsync(true).catch(() => undefined);
    await tap?.close();
    await broker?.stop();
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
}
