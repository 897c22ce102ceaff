/**
 * `npm run soak -- --minutes N --rate R`: Linesight watching a real broker for a long time at a
 * steady rate — does anything grow, lag or get lost? A script you run by hand and report, never a
 * test in the suite.
 *
 * It starts its own Mosquitto; a separate process publishes the canonical events of a baseline
 * simulation at R messages a second (QoS 1, every message its own event id) for N minutes; this
 * process runs the engine (`createLocalApi`, a watch session at QoS 1: acknowledged after the
 * journal commit) and consumes its frame stream as the console would (each frame serialised). Every
 * `--sample` seconds (default 10) it prints RSS, JS heap, event-loop delay p99, WAL and journal
 * size, and messages published / received / journaled. After the publisher stops it waits for the
 * journal to catch up and prints a summary with a verdict:
 *
 * - memory flat after warm-up: heap and RSS (after a forced GC) at the end within ±10 % of the
 *   first sample after warm-up (the first 2 minutes, or the first fifth of a shorter run);
 * - event-loop delay p99 over the whole run < 50 ms;
 * - WAL bounded: its largest size in the second half of the run no more than in the first half
 *   plus 4 MiB (checkpoints keep up);
 * - nothing lost: every message the broker acknowledged to the publisher is journaled, none
 *   quarantined, none twice (event ids distinct).
 *
 *   npm run soak -- --minutes 60 --rate 1000
 *   npm run soak -- --minutes 5 --rate 500 --sample 5 --journal /tmp/soak.db   # keep the journal
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createLocalApi } from '../../engine/index.js';
import { openJournal } from '../../engine/journal/index.js';
import { startMosquitto, type Broker } from '../support/mosquitto.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '60' },
    rate: { type: 'string', default: '1000' },
    sample: { type: 'string', default: '10' },
    journal: { type: 'string' },
  },
});
const positive = (name: string, v: string | undefined): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) {
    process.stderr.write(`soak: --${name} must be a positive number, got "${v}"\n`);
    process.exit(2);
  }
  return n;
};
const MINUTES = positive('minutes', values.minutes);
const RATE = positive('rate', values.rate);
const SAMPLE_S = positive('sample', values.sample);
const RUN_S = Math.round(MINUTES * 60);
const WARMUP_S = Math.min(120, Math.round(RUN_S / 5));
const LAG_TARGET_MS = 50;
const DRAIN_STALL_MS = 30_000;

const here = dirname(fileURLToPath(import.meta.url));
const PUBLISHER = join(here, 'soak', 'paced-publisher.js');
const gc = (globalThis as { gc?: () => void }).gc;
const log = (msg: string) => process.stderr.write(`soak  ${msg}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const mib = (b: number) => b / 1048576;
const f1 = (n: number) => n.toFixed(1);
const fileSize = (p: string) => (existsSync(p) ? statSync(p).size : 0);

type Ledger = { t: number; published: number; acked: number; failed: number; done?: boolean };
type Sample = { t: number; rssMb: number; heapMb: number; lagP99Ms: number; walMb: number; journalMb: number; published: number; received: number; journaled: number; frames: number };

const dir = mkdtempSync(join(tmpdir(), 'linesight-soak-'));
const journalPath = values.journal ?? join(dir, 'soak.db');
let broker: Broker | undefined;
let api: ReturnType<typeof createLocalApi> | undefined;
let publisher: ReturnType<typeof spawn> | undefined;
const cleanup = () => {
  if (publisher && publisher.exitCode === null) publisher.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
};
process.once('exit', cleanup);
process.once('SIGINT', () => {
  void Promise.allSettled([api?.close(), broker?.stop()]).finally(() => process.exit(130));
});

log(`${MINUTES} min at ${RATE} msg/s (QoS 1), sample every ${SAMPLE_S} s, warm-up ${WARMUP_S} s; journal ${journalPath}; ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}`);
if (!gc) log('no --expose-gc: memory figures without a forced GC (npm run soak passes it)');
broker = await startMosquitto({ persistence: false });
api = createLocalApi({ journalPath });
const info = await api.commands['session.watch']({
  brokers: [{ url: broker.url, clientId: `soak-linesight-${process.pid}`, protocolVersion: 5, qos: 1 }],
});
const connectBy = Date.now() + 10_000;
while ((await api.queries['session.status']()).watching?.[0]?.state !== 'connected') {
  if (Date.now() > connectBy) throw new Error('the watch session did not connect within 10 s');
  await sleep(20);
}

let frames = 0;
let frameBytes = 0;
api.onFrame((frame) => {
  frames++;
  frameBytes += JSON.stringify({ kind: 'frame', frame }).length; // what the browser host sends
});

let ledger: Ledger = { t: 0, published: 0, acked: 0, failed: 0 };
publisher = spawn(process.execPath, [PUBLISHER, broker.url, String(RATE), String(RUN_S)], { stdio: ['ignore', 'pipe', 'inherit'] });
let buffered = '';
publisher.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
  buffered += chunk;
  const lines = buffered.split('\n');
  buffered = lines.pop() ?? '';
  for (const line of lines) if (line.trim()) ledger = JSON.parse(line) as Ledger;
});
const published = new Promise<number | null>((resolve) => publisher.once('exit', (code) => resolve(code)));

const lagAll = monitorEventLoopDelay({ resolution: 10 });
const lagNow = monitorEventLoopDelay({ resolution: 10 });
lagAll.enable();
lagNow.enable();
const samples: Sample[] = [];
const started = performance.now();
const wal = journalPath + '-wal';
let warm: { heapMb: number; rssMb: number } | undefined;

async function sample(): Promise<Sample> {
  const s = await api!.queries['session.status']();
  const m = process.memoryUsage();
  const row: Sample = {
    t: Math.round((performance.now() - started) / 1000),
    rssMb: mib(m.rss),
    heapMb: mib(m.heapUsed),
    lagP99Ms: lagNow.percentile(99) / 1e6,
    walMb: mib(fileSize(wal)),
    journalMb: mib(fileSize(journalPath)),
    published: ledger.acked,
    received: s.watching?.[0]?.received ?? 0,
    journaled: s.events,
    frames,
  };
  lagNow.reset();
  samples.push(row);
  log(
    `t=${String(row.t).padStart(5)} s  rss ${f1(row.rssMb)} MB  heap ${f1(row.heapMb)} MB  lag p99 ${f1(row.lagP99Ms)} ms  wal ${f1(row.walMb)} MB  journal ${f1(row.journalMb)} MB  acked ${row.published}  received ${row.received}  journaled ${row.journaled}  frames ${row.frames}`,
  );
  return row;
}

let exitCode: number | null | undefined;
void published.then((c) => (exitCode = c));
while (exitCode === undefined) {
  await sleep(SAMPLE_S * 1000);
  await sample();
  if (!warm && (performance.now() - started) / 1000 >= WARMUP_S) {
    gc?.();
    const m = process.memoryUsage();
    warm = { heapMb: mib(m.heapUsed), rssMb: mib(m.rss) };
    log(`warm-up over: heap ${f1(warm.heapMb)} MB, RSS ${f1(warm.rssMb)} MB after GC`);
  }
}
if (exitCode !== 0) throw new Error(`the publisher exited with ${exitCode}`);

// drain: the journal catches up with everything the broker acknowledged
let last = -1;
let movedAt = Date.now();
for (;;) {
  const s = await api.queries['session.status']();
  if (s.events >= ledger.acked) break;
  if (s.events !== last) [last, movedAt] = [s.events, Date.now()];
  if (Date.now() - movedAt > DRAIN_STALL_MS) break;
  await sleep(100);
}
const end = await sample();
gc?.();
const mEnd = process.memoryUsage();
const endMem = { heapMb: mib(mEnd.heapUsed), rssMb: mib(mEnd.rss) };
await api.close();

const j = openJournal(journalPath, { readonly: true });
let rows: number;
let distinct: number;
let quarantined: number;
try {
  rows = j.db.prepare('SELECT count(*) FROM events WHERE session = ?').pluck().get(info.session) as number;
  distinct = j.db.prepare('SELECT count(DISTINCT id) FROM events WHERE session = ?').pluck().get(info.session) as number;
  quarantined = j.db.prepare('SELECT count(*) FROM quarantine WHERE session = ?').pluck().get(info.session) as number;
} finally {
  j.close();
}
await broker.stop();

const half = samples.filter((s) => s.t <= RUN_S / 2);
const secondHalf = samples.filter((s) => s.t > RUN_S / 2);
const walFirst = Math.max(0, ...half.map((s) => s.walMb));
const walSecond = Math.max(0, ...secondHalf.map((s) => s.walMb));
const lagP99 = lagAll.percentile(99) / 1e6;
const within = (a: number, b: number) => a <= b * 1.1;
const memFlat = warm !== undefined && within(endMem.heapMb, warm.heapMb) && within(endMem.rssMb, warm.rssMb);
const walBounded = walSecond <= walFirst + 4;
const lossless = rows === ledger.acked && distinct === rows && quarantined === 0 && ledger.failed === 0;
const lagOk = lagP99 < LAG_TARGET_MS;
const verdict = memFlat && walBounded && lossless && lagOk ? 'PASS' : 'MISS';
const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');

console.log(`
Linesight soak — ${MINUTES} min at ${RATE} msg/s, QoS 1 through Mosquitto, frames consumed (${cpus().length} cores)
  published (PUBACKed by the broker)  ${ledger.acked}  (failed ${ledger.failed})
  journaled                           ${rows} rows, ${distinct} distinct event ids, ${quarantined} quarantined      nothing lost, nothing twice: ${mark(lossless)}
  memory after GC, warm-up → end      heap ${warm ? f1(warm.heapMb) : '—'} → ${f1(endMem.heapMb)} MB, RSS ${warm ? f1(warm.rssMb) : '—'} → ${f1(endMem.rssMb)} MB   flat ±10 %: ${mark(memFlat)}
  event-loop delay p99 (whole run)    ${f1(lagP99)} ms (max ${f1(lagAll.max / 1e6)} ms)   < ${LAG_TARGET_MS} ms: ${mark(lagOk)}
  WAL largest, first / second half    ${f1(walFirst)} / ${f1(walSecond)} MB (end ${f1(end.walMb)} MB; journal ${f1(end.journalMb)} MB)   bounded: ${mark(walBounded)}
  frames consumed                     ${frames} (${f1(mib(frameBytes))} MB serialised)
  verdict                             ${verdict}`);
console.log(
  JSON.stringify({
    soak: { minutes: MINUTES, rate: RATE },
    published: ledger.acked,
    journaled: rows,
    distinct,
    quarantined,
    warm,
    end: endMem,
    lagP99Ms: +lagP99.toFixed(1),
    walMb: { firstHalf: +walFirst.toFixed(1), secondHalf: +walSecond.toFixed(1) },
    frames,
    verdict,
  }),
);
