import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi, type LocalApi } from '../../../engine/index.js';
import { listAudit, openJournal, verifyAudit, type AuditEntry } from '../../../engine/journal/index.js';
import { freePort } from '../../support/mosquitto.js';
import { fakeClock } from '../session/fake-clock.js';

/**
 * The API records its audited actions once they succeeded: who (the operator the action names, else
 * the host's), the action, the session, the target and a few details — never a password.
 */
let dir: string;
let journalPath: string;
let api: LocalApi;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-audit-api-'));
  journalPath = join(dir, 'journal.db');
  api = createLocalApi({ journalPath, clock: fakeClock(), operator: 'test-engineer', configDir: join(dir, 'config') });
});
afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

function audit(): { entries: AuditEntry[]; ok: boolean } {
  const j = openJournal(journalPath, { readonly: true });
  try {
    return { entries: listAudit(j.db), ok: verifyAudit(j.db).ok };
  } finally {
    j.close();
  }
}
const details = (e: AuditEntry | undefined) => JSON.parse(e!.details) as Record<string, unknown>;

describe('the audit log of the API', () => {
  it('records a resend and a discard with who, action, session and target; a discard that did nothing is not recorded', async () => {
    const started = await api.commands['session.start']({ scenario: 'master-data-errors', until: '8h' });
    for (let i = 0; i < 400 && (await api.queries['exceptions.list']({ category: 'data-quality' })).length < 2; i++) await api.commands['session.step']({ events: 200 });
    const [a, b] = await api.queries['exceptions.list']({ category: 'data-quality' });
    expect(b).toBeDefined();
    const base = /to (\w+)/.exec(a!.reason)![1]!;

    const sent = await api.commands['exceptions.resend']({ messageId: a!.messageId, changes: { uom: base }, why: 'PC is EA on this line', who: 'maria' });
    await api.commands['exceptions.discard']({ messageIds: ['nope'], why: 'nothing to discard' });
    await api.commands['exceptions.discard']({ messageIds: [b!.messageId, 'nope'], why: 'posted by hand in ERP' });

    const { entries, ok } = audit();
    expect(ok).toBe(true);
    expect(entries.map((e) => [e.id, e.who, e.role, e.action, e.session, e.target])).toEqual([
      [1, 'maria', 'engineer', 'exceptions.resend', started.session, a!.messageId],
      [2, 'test-engineer', 'engineer', 'exceptions.discard', started.session, b!.messageId],
    ]);
    expect(details(entries[0])).toEqual({ why: 'PC is EA on this line', sent: sent.messages, changes: { uom: base } });
    expect(details(entries[1])).toEqual({ why: 'posted by hand in ERP', refused: ['nope'] });

    // deleting a session is recorded once the deletion stands (compaction waits: another session runs)
    await api.commands['session.start']({ scenario: 'baseline', until: '1h' });
    await api.commands['sessions.delete']({ session: started.session! });
    const last = audit().entries.at(-1)!;
    expect(last).toMatchObject({ id: 3, who: 'test-engineer', action: 'sessions.delete', session: started.session, target: String(started.session) });
    expect(details(last)).toEqual({ kind: 'simulation', startedAt: expect.any(Number) });
  });

  it('records a simulation that publishes to a broker, and a replay to a broker, with the broker named and its URL without credentials', async () => {
    // nothing listens there: what is published waits in the outbox
    const url = `mqtt://127.0.0.1:${await freePort()}`;
    const publish = { url, name: 'sim-out', clientId: 'audit-sim', username: 'sim', password: 'hunter2-secret', publish: { allow: ['linesight/v1/'] } };
    const sim = await api.commands['session.start']({ scenario: 'baseline', seed: 7, until: '1h', publish });
    await api.commands['session.step']({ events: 20 });
    const replay = await api.commands['session.replay']({ session: sim.session!, publish: { ...publish, clientId: 'audit-replay' } });

    const { entries, ok } = audit();
    expect(ok).toBe(true);
    expect(entries.map((e) => [e.who, e.action, e.session, e.target])).toEqual([
      ['test-engineer', 'session.publish', sim.session, 'sim-out'],
      ['test-engineer', 'session.replay-to-broker', replay.session, 'sim-out'],
    ]);
    expect(details(entries[0])).toEqual({ kind: 'simulation', scenario: 'baseline', seed: 7, connection: 'sim-out', url, allow: ['linesight/v1/'] });
    expect(details(entries[1])).toEqual({ of: sim.session, connection: 'sim-out', url, allow: ['linesight/v1/'] });
    expect(JSON.stringify(entries)).not.toContain('hunter2');
  });

  it('records a watch with a connection that may publish, an injection sent to its broker and its mappings saved — without the password', async () => {
    // nothing listens there: the watch keeps trying, and the injection waits in the outbox
    const url = `mqtt://127.0.0.1:${await freePort()}`;
    const broker = { url, name: 'line2-edge', clientId: 'audit-test', username: 'edge', password: 'hunter2-secret', publish: { allow: ['linesight/v1/US01/L2/'] }, mappings: 'line-2.yaml' };
    const watch = await api.commands['session.watch']({ brokers: [broker, { url, name: 'read-only', clientId: 'audit-read' }] });
    const draft = {
      type: 'mes.operation.confirmed',
      order: 'PO-TEST-1',
      businesskey: 'US01-L2-PO-TEST-1-0010-1',
      data: { order: 'PO-TEST-1', operation: '0010', workCenter: 'WC-L2', goodQty: 10, scrapQty: 0, uom: 'EA', final: false },
    } as const;
    const injected = await api.commands['operator.inject']({ event: draft, line: 'US01/L2', count: 2, why: 'commissioning check', who: 'tester' });
    // a mappings text with problems is not saved, so not recorded; a good one is, with the file's SHA-256
    expect((await api.commands['mappings.save']({ connection: 'line2-edge', text: 'mappings:\n  - kind: nope\n' })).ok).toBe(false);
    const text = 'mappings:\n  - kind: umh\n';
    expect(await api.commands['mappings.save']({ connection: 'line2-edge', text })).toMatchObject({ ok: true, rules: 1 });

    const { entries, ok } = audit();
    expect(ok).toBe(true);
    expect(entries.map((e) => [e.who, e.action, e.session, e.target])).toEqual([
      ['test-engineer', 'session.publish', watch.session, 'line2-edge'],
      ['tester', 'operator.inject', watch.session, injected.messages.join(', ')],
      ['test-engineer', 'mappings.save', watch.session, 'line2-edge'],
    ]);
    expect(details(entries[0])).toEqual({ kind: 'watch', connections: [{ connection: 'line2-edge', url, allow: ['linesight/v1/US01/L2/'] }] });
    expect(details(entries[1])).toEqual({ why: 'commissioning check', connection: 'line2-edge', type: 'mes.operation.confirmed', count: 2 });
    expect(details(entries[2])).toEqual({ path: join(dir, 'config', 'mappings', 'line-2.yaml'), rules: 1, bytes: text.length, sha256: createHash('sha256').update(text).digest('hex') });
    expect(JSON.stringify(entries)).not.toContain('hunter2');
    // the session records the connections it watched, with their mappings files as they were at its start (none yet here)
    const j = openJournal(journalPath, { readonly: true });
    const meta = j.db.prepare('SELECT meta FROM sessions WHERE id = ?').pluck().get(watch.session) as string;
    j.close();
    expect(meta).not.toContain('hunter2');
    expect(JSON.parse(meta)).toMatchObject({
      connections: [
        { name: 'line2-edge', url, publish: ['linesight/v1/US01/L2/'], mappings: { path: join(dir, 'config', 'mappings', 'line-2.yaml'), problem: 'no such file when the watch started' } },
        { name: 'read-only', url, publish: null, mappings: null },
      ],
    });
  });
});
