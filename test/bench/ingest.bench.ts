/**
 * `npm run bench:ingest`: the CPU a journaled message costs Linesight's own code, without a broker —
 * the watch session's path from the payload bytes on: decode and validate (the connection's mapper),
 * journal row, the writer thread's transaction (`synchronous=FULL`), monitor. `bench:mqtt` measures
 * the same with Mosquitto and mqtt.js in the loop; this one leaves them out, so that a change to our
 * code shows in a figure that the broker's noise does not drown. Prints figures, one JSON line last;
 * a benchmark, never a timed test.
 *
 * First the whole path, batched as a watch batches (500 a batch, three batches in flight), timed
 * by CPU: this process's (every thread) and, on Linux, the engine's thread alone (from /proc).
 * Then each stage alone on this thread, on the same messages: decode, row, monitor, the hand-off
 * of rows to the writer thread (V8's structured copy, both sides), and the journal's insert (one thread, no worker: what SQLite itself costs per row). Last a floor: what
 * no decoder and journal of this design can go below — JSON.parse of the payload, and the insert
 * of the row with only the unique `(session, id)` index idempotent ingest needs.
 *
 * Ids: the simulator numbers its events; most plants send random UUIDs, which land anywhere in
 * the journal's id and causation indexes. Both are run unless `LINESIGHT_BENCH_INGEST_IDS` names one.
 *
 *   npm run bench:ingest
 *   LINESIGHT_BENCH_INGEST_EVENTS=100000 npm run bench:ingest     # messages per run (default 200,000)
 *   LINESIGHT_BENCH_INGEST_IDS=uuid npm run bench:ingest          # simulator | uuid (default both)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { systemClock } from '../../engine/index.js';
import { insertRowsBaseline, openJournalWriter, toEventRow, type BaselineOptions, type EventRow } from '../../engine/journal/index.js';
import type { JournalInput } from '../../engine/journal/journal-input.js';
import { createApplied } from '../../engine/session/applied.js';
import { createCommitPipeline } from '../../engine/session/commit-pipeline.js';
import { createMapper } from '../../engine/sources/mappings/index.js';
import { createMonitor } from '../../monitor/index.js';
import { DEFAULT_GRACE_MS, DEFAULT_MAX_MESSAGE_BYTES, type AnyEvent } from '../../model/index.js';
import { benchIds, mainThreadCpuS, plantMessages } from './plant-messages.js';

const N = Number(process.env.LINESIGHT_BENCH_INGEST_EVENTS ?? 200_000);
if (!Number.isInteger(N) || N <= 0) throw new Error(`LINESIGHT_BENCH_INGEST_EVENTS: expected a positive integer, got "${process.env.LINESIGHT_BENCH_INGEST_EVENTS}"`);
const IDS = (process.env.LINESIGHT_BENCH_INGEST_IDS ?? 'simulator,uuid').split(',').map((ids) => benchIds('LINESIGHT_BENCH_INGEST_IDS', ids));
/** as a watch session batches (its default batchMax with receiveMaximum 500) */
const BATCH = 500;
const log = (msg: string) => process.stderr.write(`bench:ingest  ${msg}\n`);
const gc = (globalThis as { gc?: () => void }).gc;

type Message = { readonly topic: string; readonly payload: Buffer };

const cpuS = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
};

/** The whole path: mapper → batches → commit pipeline → writer thread → monitor. */
async function wholePath(msgs: readonly Message[], dir: string): Promise<{ us: number; mainUs: number | null; wallMs: number; applied: number }> {
  const writer = await openJournalWriter(join(dir, 'path.db'));
  try {
    const session = await writer.startSession({ scenario: 'bench:ingest', seed: null, kind: 'live', meta: {} });
    const mapper = createMapper(null, 'bench', DEFAULT_MAX_MESSAGE_BYTES);
    const applied = createApplied(createMonitor({ gracePeriods: DEFAULT_GRACE_MS }));
    const pipeline = createCommitPipeline(writer, session, 3, systemClock, (batch, retained) => applied.apply(batch, retained));
    gc?.();
    const cpu0 = process.cpuUsage();
    const main0 = mainThreadCpuS();
    const t0 = performance.now();
    let batch: JournalInput[] = [];
    for (const m of msgs) {
      for (const o of mapper.map(m.topic, m.payload, systemClock.epochMs())) batch.push(o);
      if (batch.length >= BATCH) {
        await pipeline.push(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await pipeline.push(batch);
    await pipeline.drain();
    const wallMs = performance.now() - t0;
    const all = cpuS(cpu0);
    const main1 = mainThreadCpuS();
    return { us: (all * 1e6) / msgs.length, mainUs: main0 === null || main1 === null ? null : ((main1 - main0) * 1e6) / msgs.length, wallMs, applied: applied.count };
  } finally {
    await writer.close();
  }
}

/** µs per message of `f` over every message, on this thread (one pass to warm up, then timed). */
function perMessage<T>(items: readonly T[], f: (item: T) => void): number {
  for (const x of items.slice(0, Math.min(items.length, 20_000))) f(x);
  gc?.();
  const cpu0 = process.cpuUsage();
  for (const x of items) f(x);
  return (cpuS(cpu0) * 1e6) / items.length;
}

/** The journal's insert alone, on this thread: the pipeline benchmark's yardstick (plain INSERTs, 1,000 a transaction, into a fresh journal), timed by CPU. */
function insertAlone(rows: readonly EventRow[], path: string, indexes: BaselineOptions['indexes'] = 'all'): number {
  gc?.();
  const cpu0 = process.cpuUsage();
  insertRowsBaseline(path, rows, { indexes });
  return (cpuS(cpu0) * 1e6) / rows.length;
}

/** a timed step's result, kept so that nothing is computed for nothing */
let _sink: unknown;
const results: Record<string, unknown>[] = [];
const dir = mkdtempSync(join(tmpdir(), 'linesight-bench-ingest-'));
try {
  for (const ids of IDS) {
    log(`${ids} ids: ${N} messages …`);
    const msgs: Message[] = plantMessages(N, ids).map((m) => ({ topic: m.topic, payload: Buffer.from(m.json) }));
    const avgBytes = Math.round(msgs.reduce((a, m) => a + m.payload.length, 0) / msgs.length);
    const runDir = mkdtempSync(join(dir, `${ids}-`));
    const path = await wholePath(msgs, runDir);
    if (path.applied !== N) throw new Error(`the monitor applied ${path.applied} of ${N} messages`);

    const mapper = createMapper(null, 'bench', DEFAULT_MAX_MESSAGE_BYTES);
    const decodeUs = perMessage(msgs, (m) => mapper.map(m.topic, m.payload, 0));
    // the least any decoder must do: UTF-8 → text → JSON.parse, no checks
    const utf8 = new TextDecoder();
    const parseUs = perMessage(msgs, (m) => {
      _sink = JSON.parse(utf8.decode(m.payload)) as unknown;
    });
    const events: AnyEvent[] = [];
    for (const m of msgs) for (const o of mapper.map(m.topic, m.payload, 0)) if (o.kind === 'event') events.push(o.event);
    const rowUs = perMessage(events, (e) => toEventRow(e, 0));
    // a monitor takes a plant's story in order: warmed on one, timed on a fresh one
    const warm = createMonitor({ gracePeriods: DEFAULT_GRACE_MS });
    for (const e of events.slice(0, 20_000)) warm.apply(e);
    const monitor = createMonitor({ gracePeriods: DEFAULT_GRACE_MS });
    gc?.();
    const m0 = process.cpuUsage();
    for (const e of events) monitor.apply(e);
    const monitorUs = (cpuS(m0) * 1e6) / events.length;
    const rows = events.map((e) => toEventRow(e, 0));
    // the hand-off to the writer thread: postMessage's structured copy is V8's serializer, as node:v8's
    const batches: EventRow[][] = [];
    for (let i = 0; i < rows.length; i += BATCH) batches.push(rows.slice(i, i + BATCH));
    const handoffUs =
      (perMessage(batches, (b) => {
        _sink = deserialize(serialize(b)) as unknown;
      }) *
        batches.length) /
      rows.length;
    const insertUs = insertAlone(rows, join(runDir, 'insert.db'));
    const insertUniqueUs = insertAlone(rows, join(runDir, 'insert-unique.db'), 'unique only');

    console.log(`\n${ids === 'uuid' ? 'random UUID ids' : "the simulator's ids"}  (${N} messages, avg ${avgBytes} B)`);
    console.log(
      `  whole path     ${path.us.toFixed(1)} µs CPU per message${path.mainUs === null ? '' : ` (engine thread ${path.mainUs.toFixed(1)}, journal writer and V8's helper threads ${(path.us - path.mainUs).toFixed(1)})`}, ${Math.round(N / (path.wallMs / 1000)).toLocaleString('en-US')} messages/s`,
    );
    console.log(`  stages alone   decode ${decodeUs.toFixed(1)} µs · row ${rowUs.toFixed(1)} µs · monitor ${monitorUs.toFixed(1)} µs · hand-off ${handoffUs.toFixed(1)} µs (structured copy of the rows, both sides) · journal insert ${insertUs.toFixed(1)} µs (one thread, 1,000 rows a transaction)`);
    console.log(
      `  floor          ${(parseUs + insertUniqueUs).toFixed(1)} µs: JSON.parse of the payload ${parseUs.toFixed(1)} µs + the row with only its unique (session, id) index ${insertUniqueUs.toFixed(1)} µs — what a journaled message costs before any check, monitor or hand-off even with the seven secondary indexes dropped (the console's lookups by order, lot, key, cause, line, type and time would scan); mqtt.js comes on top (bench:mqtt's bare subscriber)`,
    );
    results.push({
      ids,
      messages: N,
      avgBytes,
      wholePathUs: +path.us.toFixed(2),
      engineThreadUs: path.mainUs === null ? null : +path.mainUs.toFixed(2),
      messagesPerS: Math.round(N / (path.wallMs / 1000)),
      stagesUs: { decode: +decodeUs.toFixed(2), row: +rowUs.toFixed(2), monitor: +monitorUs.toFixed(2), handoff: +handoffUs.toFixed(2), insert: +insertUs.toFixed(2) },
      floorUs: { parse: +parseUs.toFixed(2), insertUniqueOnly: +insertUniqueUs.toFixed(2) },
    });
  }
  console.log('\n' + JSON.stringify({ bench: 'ingest', node: process.version, results }));
} catch (err) {
  console.error('bench:ingest:', err);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
