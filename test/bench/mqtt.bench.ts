/**
 * `npm run bench:mqtt`: Linesight's sustained MQTT ingest (decode → validate → journal → monitor)
 * against a bare mqtt.js subscriber that only counts, in the same run, at QoS 0 and QoS 1. A
 * benchmark that prints figures, never a timed test.
 *
 * It starts its own Mosquitto (config printed: no queue limit, the in-flight window stated), builds
 * canonical events of a baseline simulation once, and for each QoS runs two phases on the same
 * published set: the bare subscriber alone, then a Linesight watch session alone (a fresh journal).
 * A separate process publishes every event as fast as the broker accepts it. Rate = messages at the
 * receiver / wall time from its first message to its last (Linesight: to the last one journaled and
 * applied to the monitor). A phase that did not get every published message, or did not journal
 * every one, is VOID. Memory: this process's heap and RSS after a forced GC before each Linesight
 * phase, at its end (monitor still holding what it saw) and after the session closed, plus the peak
 * sampled during it.
 *
 * CPU: this process's CPU time (all threads: the engine's event loop, the journal writer thread,
 * V8's helpers) from the publisher's start to the last message journaled, per message; on Linux
 * split into the engine's thread and the other threads (from /proc). Targets (issue 17): at most
 * 20 µs per message at QoS 0 and 25 µs at QoS 1; the ratio against the bare subscriber (target
 * ≥ 0.7, bounded by SQLite's insert rate on the machine) is printed beside it. A miss is a label,
 * never an exit code; the exit code is non-zero only when the benchmark could not run.
 *
 * Ids: the simulator numbers its events (`013525ce-1`, `-2`, …), which a journal's indexes take in
 * order; most plants send random UUIDs, which land anywhere in those indexes. `…_IDS=uuid` gives
 * every event a random UUID (causation ids follow, so lineage holds) to measure that case.
 *
 *   npm run bench:mqtt
 *   LINESIGHT_BENCH_MQTT_EVENTS=50000 npm run bench:mqtt    # events per QoS (default 200k at QoS 0, 100k at QoS 1)
 *   LINESIGHT_BENCH_MQTT_WINDOW=1000 …                      # publisher's outstanding publishes (default 1000)
 *   LINESIGHT_BENCH_MQTT_RECEIVE_MAX=500 …                  # subscribers' MQTT 5 receiveMaximum (default 500, Linesight's)
 *   LINESIGHT_BENCH_MQTT_IDS=uuid …                         # random UUID event ids, as most plants send (default: the simulator's)
 *   LINESIGHT_MOSQUITTO=/path/to/mosquitto …                # default /usr/sbin/mosquitto
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { createLocalApi } from '../../engine/index.js';
import { countEvents, countQuarantine, openJournal } from '../../engine/journal/index.js';
import { startMosquitto, type Broker } from '../support/mosquitto.js';
import { benchIds, mainThreadCpuS, plantMessages } from './plant-messages.js';

const num = (name: string, dflt: number): number => {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name}: expected a positive integer, got "${v}"`);
  return n;
};
const EVENTS_SET = process.env.LINESIGHT_BENCH_MQTT_EVENTS;
const EVENTS: Record<0 | 1, number> = {
  0: num('LINESIGHT_BENCH_MQTT_EVENTS', 200_000),
  1: num('LINESIGHT_BENCH_MQTT_EVENTS', EVENTS_SET ? 0 : 100_000),
};
const WINDOW = num('LINESIGHT_BENCH_MQTT_WINDOW', 1000);
const RECEIVE_MAX = num('LINESIGHT_BENCH_MQTT_RECEIVE_MAX', 500);
/** broker → each subscriber: QoS 1 messages in flight (MQTT 5 clients: also capped by their receiveMaximum) */
const BROKER_INFLIGHT = Math.max(WINDOW, RECEIVE_MAX);
/** a phase with no progress for this long is abandoned (and VOID) */
const STALL_MS = 20_000;
const TARGET = 0.7;
/** engine CPU per journaled message, µs (issue 17) */
const CPU_TARGET_US: Record<0 | 1, number> = { 0: 20, 1: 25 };
const IDS = benchIds('LINESIGHT_BENCH_MQTT_IDS', process.env.LINESIGHT_BENCH_MQTT_IDS ?? 'simulator');
const TOPICS = 'linesight/v1/#';

const here = dirname(fileURLToPath(import.meta.url));
const PUBLISHER = join(here, 'mqtt', 'publisher.js');
const log = (msg: string) => process.stderr.write(`bench:mqtt  ${msg}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => Math.round(bytes / 1048576);

type Mem = { heapMb: number; rssMb: number };
function memory(): Mem {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { heapMb: mb(m.heapUsed), rssMb: mb(m.rss) };
}

/** Canonical events of a baseline simulation as a plant publishes them, one `topic\tjson` a line; returns their average size. */
function writeMessages(file: string, n: number): number {
  const messages = plantMessages(n, IDS);
  writeFileSync(file, messages.map((m) => `${m.topic}\t${m.json}`).join('\n') + '\n');
  return Math.round(messages.reduce((sum, m) => sum + m.json.length, 0) / messages.length);
}

type Published = { published: number; ms: number };
/** Run the publisher process to completion. */
function publish(url: string, file: string, qos: 0 | 1): { done: Promise<Published>; kill(): void } {
  const child = spawn(process.execPath, [PUBLISHER, url, file, String(qos), String(WINDOW)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  const done = new Promise<Published>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) return resolve(JSON.parse(out.trim().split('\n').pop()!) as Published);
      reject(new Error(`publisher exited (${signal ?? `code ${code}`}):\n${err}`));
    });
  });
  return { done, kill: () => child.exitCode === null && child.kill('SIGKILL') };
}

type Phase = {
  published: number;
  publishMs: number;
  received: number;
  journaled: number | null;
  quarantined: number | null;
  rate: number;
  /** first message to the last one (received, or journaled) */
  ms: number;
  stalled: boolean;
  cpuS: number;
  /** of cpuS, the main thread's (null: not measurable here) */
  mainCpuS?: number | null;
  /** Linesight: most messages received but not yet journaled at one poll, and ms from first message to the last one received */
  maxBacklog?: number;
  receiveMs?: number;
  mem?: { before: Mem; end: Mem; after: Mem; peakHeapMb: number; peakRssMb: number };
};

/**
 * Wait until `progress()` reaches `target` after the publisher is done, or nothing moves for
 * STALL_MS. `progress` is polled every 5 ms (the bare subscriber counts exactly; Linesight is polled).
 */
async function settle(pub: Promise<Published>, target: number, progress: () => Promise<number>, sample?: () => void): Promise<{ pubd: Published; stalled: boolean }> {
  let pubd: Published | undefined;
  let pubErr: Error | undefined;
  pub.then((p) => (pubd = p), (e: unknown) => (pubErr = e instanceof Error ? e : new Error('the publisher failed', { cause: e })));
  let last = -1;
  let movedAt = Date.now();
  let tick = 0;
  for (;;) {
    if (pubErr !== undefined) throw pubErr;
    const n = await progress();
    if (++tick % 50 === 0) sample?.();
    if (n !== last) {
      last = n;
      movedAt = Date.now();
    }
    if (pubd && n >= target) return { pubd, stalled: false };
    if (Date.now() - movedAt > STALL_MS) {
      if (!pubd) await Promise.race([pub.catch(() => undefined), sleep(1000)]);
      return { pubd: pubd ?? { published: -1, ms: NaN }, stalled: true };
    }
    await sleep(5);
  }
}

async function barePhase(broker: Broker, file: string, qos: 0 | 1, n: number): Promise<Phase> {
  const client = await mqtt.connectAsync(broker.url, {
    protocolVersion: 5,
    clientId: `bench-bare-${qos}-${process.pid}`,
    clean: false,
    reconnectPeriod: 0,
    properties: { sessionExpiryInterval: 0, receiveMaximum: RECEIVE_MAX },
  });
  let received = 0;
  let first = 0;
  let last = 0;
  client.on('message', () => {
    const now = performance.now();
    if (received++ === 0) first = now;
    last = now;
  });
  await client.subscribeAsync(TOPICS, { qos });
  const cpu0 = process.cpuUsage();
  const pub = publish(broker.url, file, qos);
  try {
    const { pubd, stalled } = await settle(pub.done, n, () => Promise.resolve(received));
    const cpu = process.cpuUsage(cpu0);
    const ms = last - first;
    return { published: pubd.published, publishMs: pubd.ms, received, journaled: null, quarantined: null, rate: received / (ms / 1000), ms, stalled, cpuS: (cpu.user + cpu.system) / 1e6 };
  } finally {
    pub.kill();
    await client.endAsync(true);
  }
}

async function linesightPhase(broker: Broker, file: string, qos: 0 | 1, n: number): Promise<Phase> {
  const dir = mkdtempSync(join(tmpdir(), 'linesight-bench-mqtt-'));
  const before = memory();
  let peakHeap = 0;
  let peakRss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  };
  const journalPath = join(dir, 'journal.db');
  const api = createLocalApi({ journalPath });
  let session: number | null;
  let pub: ReturnType<typeof publish> | undefined;
  try {
    const info = await api.commands['session.watch']({
      brokers: [{ url: broker.url, clientId: `bench-linesight-${qos}-${process.pid}`, protocolVersion: 5, qos, receiveMaximum: RECEIVE_MAX }],
    });
    session = info.session;
    const deadline = Date.now() + 10_000;
    while ((await api.queries['session.status']()).watching?.[0]?.state !== 'connected') {
      if (Date.now() > deadline) throw new Error('the watch session did not connect within 10 s');
      await sleep(10);
    }
    let first = 0;
    let last = 0;
    let received = 0;
    let journaled = 0;
    let maxBacklog = 0;
    let lastReceived = 0;
    const cpu0 = process.cpuUsage();
    const main0 = mainThreadCpuS();
    pub = publish(broker.url, file, qos);
    const { pubd, stalled } = await settle(
      pub.done,
      n,
      async () => {
        const s = await api.queries['session.status']();
        const now = performance.now();
        const r = s.watching?.[0]?.received ?? 0;
        if (r > 0 && first === 0) first = now;
        if (s.events !== journaled) last = now;
        if (r !== received) lastReceived = now;
        maxBacklog = Math.max(maxBacklog, r - s.events);
        received = r;
        journaled = s.events;
        return Math.min(r, s.events);
      },
      sample,
    );
    const cpu = process.cpuUsage(cpu0);
    const main1 = mainThreadCpuS();
    sample();
    const end = memory();
    await api.close();
    const j = openJournal(journalPath, { readonly: true });
    let rows: number;
    let quarantined: number;
    try {
      rows = countEvents(j.db, session!);
      quarantined = countQuarantine(j.db, session!);
    } finally {
      j.close();
    }
    if (rows !== journaled) log(`qos ${qos}: the session said ${journaled} events, the journal holds ${rows}`);
    const after = memory();
    const ms = last - first;
    return {
      published: pubd.published,
      publishMs: pubd.ms,
      received,
      journaled: rows,
      quarantined,
      rate: rows / (ms / 1000),
      ms,
      stalled,
      cpuS: (cpu.user + cpu.system) / 1e6,
      mainCpuS: main0 === null || main1 === null ? null : main1 - main0,
      maxBacklog,
      receiveMs: lastReceived - first,
      mem: { before, end, after, peakHeapMb: mb(peakHeap), peakRssMb: mb(peakRss) },
    };
  } finally {
    pub?.kill();
    await api.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

const lossless = (p: Phase, journal: boolean): boolean =>
  !p.stalled && p.published > 0 && p.received === p.published && (!journal || (p.journaled === p.published && p.quarantined === 0));
const k = (rate: number) => (Number.isFinite(rate) ? `${(rate / 1000).toFixed(1)}k/s` : '—');

const work = mkdtempSync(join(tmpdir(), 'linesight-bench-mqtt-msgs-'));
let broker: Broker | undefined;
const cleanup = () => rmSync(work, { recursive: true, force: true });
process.once('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    void broker?.stop().finally(() => process.exit(130));
  });
}

try {
  const cores = cpus().length;
  log(`${cores} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}${gc ? '' : '; no --expose-gc: memory figures without a forced GC'}`);
  broker = await startMosquitto({ maxQueuedMessages: 0, maxInflightMessages: BROKER_INFLIGHT, persistence: false });
  const conf = readFileSync(join(broker.dir, 'mosquitto.conf'), 'utf8').trimEnd();
  console.log(`Mosquitto ${broker.url}, config:\n${conf.replace(/^/gm, '  ')}`);
  console.log(
    `  (max_queued_messages 0 = no queue limit; in-flight window: broker → each MQTT 5 subscriber min(max_inflight_messages ${BROKER_INFLIGHT}, its receiveMaximum ${RECEIVE_MAX}); publisher keeps ${WINDOW} publishes outstanding)`,
  );

  const results: Record<string, unknown>[] = [];
  for (const qos of [0, 1] as const) {
    const n = EVENTS[qos];
    const file = join(work, `qos${qos}.txt`);
    const avgBytes = writeMessages(file, n);
    log(`qos ${qos}: ${n} canonical events (avg ${avgBytes} B) → bare subscriber`);
    const bare = await barePhase(broker, file, qos, n);
    log(`qos ${qos}: bare ${bare.received}/${bare.published} in ${Math.round(bare.ms)} ms → Linesight`);
    const ls = await linesightPhase(broker, file, qos, n);
    log(`qos ${qos}: Linesight ${ls.journaled}/${ls.published} in ${Math.round(ls.ms)} ms`);
    rmSync(file, { force: true });

    const bareOk = lossless(bare, false);
    const lsOk = lossless(ls, true);
    const ratio = ls.rate / bare.rate;
    const m = ls.mem!;
    const flat = m.after.heapMb <= m.before.heapMb * 1.1 + 10;
    const verdict = !bareOk || !lsOk ? 'VOID' : ratio >= TARGET ? 'PASS' : 'MISS';
    const us = (cpuS: number, messages: number) => (cpuS * 1e6) / messages;
    const engineUs = us(ls.cpuS, ls.journaled ?? ls.received);
    const mainUs = ls.mainCpuS == null ? null : us(ls.mainCpuS, ls.journaled ?? ls.received);
    const bareUs = us(bare.cpuS, bare.received);
    const cpuVerdict = !bareOk || !lsOk ? 'VOID' : engineUs <= CPU_TARGET_US[qos] ? 'PASS' : 'MISS';
    console.log(`\nQoS ${qos}  (${n} events, avg ${avgBytes} B, ${IDS === 'uuid' ? 'random UUID ids' : "the simulator's ids"})`);
    console.log(`  bare mqtt.js   published ${bare.published}  received ${bare.received}  ${k(bare.rate)}  (publisher ${k(bare.published / (bare.publishMs / 1000))}, subscriber CPU ${bare.cpuS.toFixed(1)} s)${bareOk ? '' : '  VOID: loss or stall'}`);
    console.log(
      `  Linesight      published ${ls.published}  received ${ls.received}  journaled ${ls.journaled}  quarantined ${ls.quarantined}  ${k(ls.rate)}  (publisher ${k(ls.published / (ls.publishMs / 1000))}, engine CPU ${ls.cpuS.toFixed(1)} s)${lsOk ? '' : '  VOID: loss or stall'}`,
    );
    console.log(`  backlog        up to ${ls.maxBacklog} received but not yet journaled; all received after ${Math.round(ls.receiveMs!)} ms, all journaled after ${Math.round(ls.ms)} ms`);
    console.log(
      `  CPU / message  ${engineUs.toFixed(1)} µs  target ≤ ${CPU_TARGET_US[qos]}: ${cpuVerdict}  (${mainUs === null ? 'per thread: no /proc here' : `engine thread ${mainUs.toFixed(1)} µs, journal writer and other threads ${(engineUs - mainUs).toFixed(1)} µs`}; bare subscriber ${bareUs.toFixed(1)} µs)`,
    );
    console.log(`  ratio          ${ratio.toFixed(2)}  target ≥ ${TARGET}: ${verdict}`);
    console.log(
      `  memory         heap ${m.before.heapMb} → ${m.end.heapMb} (end, monitor holding its state) → ${m.after.heapMb} MB (closed); peak heap ${m.peakHeapMb} MB, RSS ${m.before.rssMb} → peak ${m.peakRssMb} → ${m.after.rssMb} MB: retained ${flat ? 'flat' : 'NOT flat'}, peak heap +${m.peakHeapMb - m.before.heapMb} MB during the run (messages waiting for the journal)`,
    );
    results.push({
      qos,
      events: n,
      avgBytes,
      published: ls.published,
      bare: { published: bare.published, received: bare.received, ratePerS: Math.round(bare.rate), ms: Math.round(bare.ms), cpuS: +bare.cpuS.toFixed(2), void: !bareOk },
      linesight: {
        published: ls.published,
        received: ls.received,
        journaled: ls.journaled,
        quarantined: ls.quarantined,
        ratePerS: Math.round(ls.rate),
        ms: Math.round(ls.ms),
        cpuS: +ls.cpuS.toFixed(2),
        maxBacklog: ls.maxBacklog,
        receiveMs: Math.round(ls.receiveMs!),
        void: !lsOk,
      },
      ratio: +ratio.toFixed(3),
      target: TARGET,
      verdict,
      cpuUsPerMessage: { engine: +engineUs.toFixed(2), engineThread: mainUs === null ? null : +mainUs.toFixed(2), bare: +bareUs.toFixed(2), target: CPU_TARGET_US[qos], verdict: cpuVerdict },
      memory: { ...m, flat, forcedGc: gc !== undefined },
    });
  }
  console.log(
    '\n' +
      JSON.stringify({
        bench: 'mqtt',
        ids: IDS,
        broker: { maxQueuedMessages: 0, maxInflightMessages: BROKER_INFLIGHT, receiveMaximum: RECEIVE_MAX, publisherWindow: WINDOW },
        cores: cpus().length,
        load: loadavg().map((l) => +l.toFixed(2)),
        results,
      }),
  );
} catch (err) {
  console.error('bench:mqtt:', err);
  process.exitCode = 1;
} finally {
  await broker?.stop().catch((e: unknown) => console.error(`bench:mqtt: stopping mosquitto: ${(e as Error).message}`));
  cleanup();
}
