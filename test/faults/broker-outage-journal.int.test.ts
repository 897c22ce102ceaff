import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournalWriter, type JournalWriter } from '../../engine/journal/index.js';
import { readReconciliationReport, renderReconciliationReport, type ReconciliationReport } from '../../engine/report/reconciliation-report.js';
import { createFrameGate } from '../../engine/session/frame-gate.js';
import { systemClock } from '../../engine/session/host-clock.js';
import type { Session as LiveSession } from '../../engine/session/kernel.js';
import { startWatchSession } from '../../engine/session/watch-session.js';
import { startMosquitto, type Broker } from '../support/mosquitto.js';
import { waitFor } from './broker-harness.js';

/**
 * A watched broker goes away during a watch. Once the session is over, its journal still says that
 * the connection was down, from when to when (or, when the session ended first, since when), and
 * the reconciliation report lists it: the record outlives the console that showed it.
 * The journal writer's worker runs from dist/: `npm run build` first.
 */
let broker: Broker | undefined;
let writer: JournalWriter | undefined;
let session: LiveSession | undefined;
let dir: string | undefined;
afterEach(async () => {
  await session?.stop().catch(() => undefined);
  await writer?.close();
  await broker?.stop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  [broker, writer, session, dir] = [undefined, undefined, undefined, undefined];
});

/** our backoff's first steps (0.5–1 s, then 1–2 s) plus a broker start */
const BACK_WITHIN_MS = 6_000;

type OutageRow = { session: number; connection: string; kind: string; from_at: number; to_at: number | null; url: string; why: string };

async function watch(name: string): Promise<{ broker: Broker; session: LiveSession; path: string }> {
  broker = await startMosquitto();
  dir = mkdtempSync(join(tmpdir(), 'linesight-outage-journal-'));
  const path = join(dir, 'journal.db');
  writer = await openJournalWriter(path);
  const gate = createFrameGate(systemClock, 50, () => undefined);
  session = await startWatchSession({ writer, clock: systemClock, frames: gate, brokers: [{ url: broker.url, name, clientId: `outage-${name}`, keepalive: 5 }] });
  const s = session;
  await waitFor(() => s.info().watching![0]!.state === 'connected', 10_000);
  return { broker, session, path };
}

/** Stop the session and close its writer: nothing of the watch is left but the journal. */
async function finish(): Promise<void> {
  await session!.stop();
  session = undefined;
  await writer!.close();
  writer = undefined;
}

function rows(path: string): OutageRow[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT * FROM connection_outages ORDER BY from_at').all() as OutageRow[];
  } finally {
    db.close();
  }
}

/** The JSON reconciliation report, as `linesight reconcile --report x.json` writes it. */
const jsonReport = (path: string, id: number): ReconciliationReport => JSON.parse(renderReconciliationReport(readReconciliationReport(path, id), 'json').text) as ReconciliationReport;

describe('a watched broker that was down, on record', () => {
  it('restarted during the watch: one outage spanning the stop, closed at the reconnect, in the journal and the report', async () => {
    const { broker, session: s, path } = await watch('plant');
    const down = Date.now();
    await broker.restart();
    const up = Date.now();
    await waitFor(() => s.info().watching![0]!.state === 'connected', BACK_WITHIN_MS);
    // on record while the session runs, not only once it ends: a report taken now shows it
    await waitFor(() => rows(path).some((r) => r.to_at !== null), 5_000);
    const id = s.id;
    await finish();

    const outages = rows(path).filter((r) => r.kind === 'outage');
    expect(outages).toHaveLength(1);
    const [o] = outages;
    expect(o).toMatchObject({ session: id, connection: 'plant', url: broker.url, why: expect.any(String) });
    expect(o!.from_at).toBeGreaterThanOrEqual(down);
    expect(o!.from_at).toBeLessThanOrEqual(up);
    expect(o!.to_at).not.toBeNull();
    expect(o!.to_at!).toBeGreaterThan(o!.from_at);
    expect(o!.to_at!).toBeGreaterThanOrEqual(up);

    const report = jsonReport(path, id);
    expect(report.connectionOutages?.filter((x) => x.kind === 'outage')).toEqual([
      { connection: 'plant', url: broker.url, kind: 'outage', from: new Date(o!.from_at).toISOString(), to: new Date(o!.to_at!).toISOString(), durationMs: o!.to_at! - o!.from_at, why: o!.why },
    ]);
    // the broker kept our session (persistence): late, not lost — no possible gap on record either
    expect(report.connectionOutages?.filter((x) => x.kind === 'possible-gap')).toEqual([]);
  }, 40_000);

  it('still down when the watch stopped: the outage has no end, and the session’s end bounds it in the report', async () => {
    const { broker, session: s, path } = await watch('yard');
    const down = Date.now();
    await broker.stop();
    await waitFor(() => s.info().watching![0]!.state !== 'connected', BACK_WITHIN_MS);
    // written when the connection drops, with no end yet
    await waitFor(() => rows(path).length === 1, 5_000);
    const id = s.id;
    await finish();

    const outages = rows(path);
    expect(outages).toHaveLength(1);
    expect(outages[0]).toMatchObject({ session: id, connection: 'yard', kind: 'outage', to_at: null });
    expect(outages[0]!.from_at).toBeGreaterThanOrEqual(down);

    const report = jsonReport(path, id);
    const endedAt = Date.parse(report.session.endedAt!);
    expect(report.connectionOutages).toEqual([
      { connection: 'yard', url: outages[0]!.url, kind: 'outage', from: new Date(outages[0]!.from_at).toISOString(), to: null, durationMs: endedAt - outages[0]!.from_at, why: outages[0]!.why },
    ]);
    expect(report.connectionOutages![0]!.durationMs).toBeGreaterThanOrEqual(0);
  }, 40_000);
});
