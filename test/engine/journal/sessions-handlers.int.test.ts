import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi, loadScenario, runSimulation, type LocalApi } from '../../../engine/index.js';
import { fakeClock } from '../session/fake-clock.js';

// The sessions.* handlers (engine/api/sessions-handlers.ts) over a real journal, through the local API.

let dir: string;
let api: LocalApi | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-sessions-api-'));
});
afterEach(async () => {
  await api?.close();
  api = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function twoRuns(path: string): Promise<void> {
  for (const id of ['duplicates-reordering', 'baseline']) await runSimulation(loadScenario(id, { until: '2h' }), { journalPath: path });
}

describe('sessions.* handlers', () => {
  it('a journal nothing was written to yet holds no sessions (not an error)', async () => {
    api = createLocalApi({ journalPath: join(dir, 'not-yet.db'), clock: fakeClock() });
    expect(await api.queries['sessions.list']()).toEqual([]);
  });

  it('list, label and delete; a deleted session is gone at once and its bytes leave the file', async () => {
    const path = join(dir, 'j.db');
    await twoRuns(path);
    api = createLocalApi({ journalPath: path, clock: fakeClock() });
    const list = await api.queries['sessions.list']();
    expect(list.map((s) => [s.id, s.scenario])).toEqual([
      [2, 'baseline'],
      [1, 'duplicates-reordering'],
    ]);

    const labelled = await api.commands['sessions.label']({ session: 1, name: '  Mark-QZ-991  ', note: 'why not' });
    expect(labelled).toMatchObject({ id: 1, name: 'Mark-QZ-991', note: 'why not', digest: list[1]!.digest });
    expect((await api.commands['sessions.label']({ session: 1, note: '' })).note).toBeNull();
    await expect(api.commands['sessions.label']({ session: 1, name: 'x'.repeat(201) })).rejects.toThrow(/at most 200/);
    await expect(api.commands['sessions.label']({ session: 9, name: 'x' })).rejects.toThrow(/no session 9/);

    const page = await api.queries['events.page']({ session: 1, limit: 5 });
    expect(page.events).toHaveLength(5);
    const deleted = await api.commands['sessions.delete']({ session: 1 });
    expect(deleted.session).toBe(1);
    expect(deleted.bytesAfter).toBeLessThan(deleted.bytesBefore);
    expect(readFileSync(path).includes('Mark-QZ-991')).toBe(false);
    expect((await api.queries['sessions.list']()).map((s) => [s.id, s.digest])).toEqual([[2, list[0]!.digest]]);
    await expect(api.queries['events.page']({ session: 1, limit: 5 })).rejects.toThrow('session 1 was deleted');
    await expect(api.commands['sessions.label']({ session: 1, name: 'x' })).rejects.toThrow('session 1 was deleted');
    await expect(api.commands['sessions.delete']({ session: 1 })).rejects.toThrow('session 1 was deleted');
    expect((await api.queries['events.page']({ session: 2, limit: 5 })).events).toHaveLength(5);
  });

  it('refuses the running session; another is hidden at once and compacted later', async () => {
    const path = join(dir, 'live.db');
    await twoRuns(path);
    api = createLocalApi({ journalPath: path, clock: fakeClock() });
    const live = await api.commands['session.start']({ scenario: 'baseline', speed: 1000 });
    await expect(api.commands['sessions.delete']({ session: live.session! })).rejects.toThrow(/running session/);
    const r = await api.commands['sessions.delete']({ session: 1 });
    expect(r.bytesAfter).toBe(r.bytesBefore);
    expect((await api.queries['sessions.list']()).map((s) => s.id)).toEqual([live.session, 2]);
  });
});
