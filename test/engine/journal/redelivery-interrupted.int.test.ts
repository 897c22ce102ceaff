import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { appendBatch } from '../../../engine/journal/append-batch.js';
import { buildReconciliationReport } from '../../../engine/report/reconciliation-data.js';
import { renderReportHtml } from '../../../engine/report/render-html.js';
import { listSessions } from '../../../engine/journal/list-sessions.js';
import { markDeleted } from '../../../engine/journal/mark-deleted.js';
import { openJournal, type Journal } from '../../../engine/journal/open-journal.js';
import { quarantineRows } from '../../../engine/journal/quarantine-rows.js';
import { toEventRow, type EventRow } from '../../../engine/journal/rows.js';
import { sessionSummaries } from '../../../engine/journal/sessions-admin.js';
import { endSession } from '../../../engine/journal/end-session.js';
import { startSession } from '../../../engine/journal/start-session.js';
import type { SessionKind } from '../../../engine/journal/types.js';
import { orderEvent, tempDir } from './fixtures.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let n = 0;
function journal(): Journal {
  return openJournal(tmp.path(`j${n++}.db`));
}
const row = (i: number, retained: 0 | 1 = 0): EventRow => {
  const r = toEventRow(orderEvent(i), 1000 + i);
  return retained === 0 ? r : ([...r.slice(0, 15), 1] as unknown as EventRow);
};
const append = (j: Journal, session: number, events: EventRow[]) => appendBatch(j.db, session, { events, quarantine: [], ledger: [] }, 5);
const start = (j: Journal, kind: SessionKind) => startSession(j.db, { scenario: 'watch', seed: null, kind }, 1);
const ids = (j: Journal, session: number) => j.db.prepare('SELECT id FROM events WHERE session = ? ORDER BY seq').pluck().all(session);
/** a pid that no process has any more */
const deadPid = (): number => {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
};
/** a live session whose process is gone (SIGKILL): it reads as interrupted */
const startKilled = (j: Journal): number => {
  const id = Number(j.db.prepare("INSERT INTO sessions (scenario, seed, kind, started_at, meta, first_seq) VALUES ('watch', NULL, 'live', 1, '{}', 1)").run().lastInsertRowid);
  j.db.prepare('INSERT INTO session_owners (session, host, pid, process) VALUES (?, ?, ?, NULL)').run(id, hostname(), deadPid());
  return id;
};

describe('a live session given what an earlier live session journaled (a broker redelivers after a crash)', () => {
  it('stores an identical message once: counted as a duplicate and a redelivery, not handed to the monitor', () => {
    const j = journal();
    const a = startKilled(j);
    append(j, a, [row(0), row(1)]);
    const b = start(j, 'live');
    const result = append(j, b, [row(1), row(2)]);
    expect(result).toEqual({ inserted: 1, duplicateIds: 1, idConflicts: 0, notInserted: [0], redelivered: 1 });
    expect(ids(j, a)).toEqual(['evt-0', 'evt-1']);
    expect(ids(j, b)).toEqual(['evt-2']);
    j.close();
  });

  it('quarantines a different message under an id its source already used in an earlier session (id-conflict)', () => {
    const j = journal();
    const a = startKilled(j);
    append(j, a, [row(0)]);
    const b = start(j, 'live');
    const changed = toEventRow({ ...orderEvent(0), time: '2026-03-02T07:00:00.000Z' }, 9);
    expect(append(j, b, [changed])).toMatchObject({ inserted: 0, idConflicts: 1, redelivered: 1 });
    expect(ids(j, b)).toEqual([]);
    expect(quarantineRows(j.db, b)).toMatchObject([{ reason: 'id-conflict', detail: expect.stringContaining(`(session ${a})`) }]);
    j.close();
  });

  it('journals again what is not a redelivery: a retained message, sessions of other kinds, a deleted session', () => {
    const j = journal();
    const a = startKilled(j);
    append(j, a, [row(0), row(1, 1)]);
    const b = start(j, 'live');
    // a retained message is the topic's state, sent to every new subscription
    expect(append(j, b, [row(1, 1)]).inserted).toBe(1);
    // two simulations of one seed make the same ids: each keeps its own
    const s1 = start(j, 'simulation');
    const s2 = start(j, 'simulation');
    expect(append(j, s1, [row(5)]).inserted).toBe(1);
    expect(append(j, s2, [row(5)]).inserted).toBe(1);
    // a live session after only simulations of it: its own
    expect(append(j, b, [row(5)]).inserted).toBe(1);
    markDeleted(j.db, a, 2);
    const c = start(j, 'live');
    expect(append(j, c, [row(0)]).inserted).toBe(1);
    j.close();
  });
});

describe('a live session beside earlier live sessions that were not interrupted', () => {
  it('journals what a session still running or ended cleanly also holds: two watchers of one broker each keep their own', () => {
    const j = journal();
    const running = start(j, 'live');
    append(j, running, [row(0)]);
    const ended = start(j, 'live');
    append(j, ended, [row(1)]);
    endSession(j.db, ended, 3);
    const b = start(j, 'live');
    expect(append(j, b, [row(0), row(1)])).toEqual({ inserted: 2, duplicateIds: 0, idConflicts: 0 });
    j.close();
  });
});

describe('a session its process never ended', () => {
  const owned = (j: Journal, pid: number, proc: string | null): number => {
    const id = Number(j.db.prepare("INSERT INTO sessions (scenario, seed, kind, started_at, meta, first_seq) VALUES ('watch x', NULL, 'live', 1, '{}', 1)").run().lastInsertRowid);
    const host = (j.db.prepare('SELECT host FROM session_owners LIMIT 1').pluck().get() as string | undefined) ?? 'nowhere';
    j.db.prepare('INSERT INTO session_owners (session, host, pid, process) VALUES (?, ?, ?, ?)').run(id, host, pid, proc);
    return id;
  };

  it('reads as interrupted once its process is gone, with its last committed event; running or ended sessions do not', () => {
    const j = journal();
    const mine = start(j, 'live');
    const ended = start(j, 'simulation');
    endSession(j.db, ended, 3);
    const dead = owned(j, deadPid(), null);
    append(j, dead, [row(0), row(1)]);
    const empty = owned(j, deadPid(), null);
    // a session from before owners were recorded (migration 8), left open
    const old = Number(j.db.prepare("INSERT INTO sessions (scenario, seed, kind, started_at, meta, first_seq) VALUES ('old', NULL, 'live', 1, '{}', 1)").run().lastInsertRowid);
    // our pid, but another process's stamp: the pid was reused
    const reused = owned(j, process.pid, 'another-boot/1');

    const byId = new Map(sessionSummaries(j.db).map((s) => [s.id, s]));
    const lastSeq = j.db.prepare('SELECT max(seq) FROM events WHERE session = ?').pluck().get(dead) as number;
    expect(byId.get(dead)!.interrupted).toEqual({ lastEvent: { seq: lastSeq, id: 'evt-1', type: orderEvent(1).type, time: orderEvent(1).time, receivedAt: new Date(1001).toISOString() } });
    expect(byId.get(dead)!.endedAt).toBeNull();
    expect(byId.get(empty)!.interrupted).toEqual({ lastEvent: null });
    expect(byId.get(old)!.interrupted).toEqual({ lastEvent: null });
    expect(byId.get(reused)!.interrupted).toBeDefined();
    expect(byId.get(mine)!.interrupted).toBeUndefined();
    expect(byId.get(ended)!.interrupted).toBeUndefined();
    expect(listSessions(j.db).filter((s) => s.interrupted).map((s) => s.id)).toEqual([dead, empty, old, reused]);
    j.close();
  });

  it('is reported as interrupted, judged at its last committed event, not as still running', () => {
    const j = journal();
    const killed = startKilled(j);
    append(j, killed, [row(0), row(1)]);
    const report = buildReconciliationReport(j.db, killed);
    expect(report.session).toMatchObject({ endedAt: null, interrupted: true, events: 2 });
    const html = renderReportHtml(report, '2026-03-02T12:00:00.000Z');
    expect(html).toContain('session interrupted: at its last committed event');
    expect(html).not.toContain('still running');
    const running = start(j, 'live');
    expect(buildReconciliationReport(j.db, running).session.interrupted).toBe(false);
    j.close();
  });
});
