import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalApi, type Frame, type LocalApi } from '../../../engine/index.js';
import { fakeClock, waitFor } from './fake-clock.js';

/**
 * `lineage.compare` through the API, across two journal sessions: a clean order of `baseline`
 * against an order of `master-data-errors` whose confirmations ERP could not post.
 */
let dir: string;
let api: LocalApi;
const run: Record<string, { session: number; final: Frame }> = {};

async function play(scenario: string): Promise<{ session: number; final: Frame }> {
  let final: Frame | undefined;
  const off = api.onFrame((f) => {
    if (f.final) final = f;
  });
  const info = await api.commands['session.start']({ scenario, until: '2h', speed: 'max' });
  await api.commands['session.play']();
  await waitFor(() => final !== undefined);
  off();
  return { session: info.session!, final: final! };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-lineage-diff-'));
  api = createLocalApi({ journalPath: join(dir, 'journal.db'), clock: fakeClock() });
  run.baseline = await play('baseline');
  run.troubled = await play('master-data-errors');
}, 120_000);

afterAll(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

const ORDER = 'PO-DE01-L1-00001';

describe('lineage.compare', () => {
  it('finds nothing between an order and itself', async () => {
    const d = await api.queries['lineage.compare']({ a: { order: ORDER, session: run.baseline!.session }, b: { order: ORDER, session: run.baseline!.session } });
    expect(d.hops.length).toBeGreaterThan(10);
    expect(d.hops.filter((h) => h.status !== 'same')).toEqual([]);
  });

  it('marks what a troubled order of another session lacks or took longer for', async () => {
    const gap = run.troubled!.final.gaps.find((g) => g.kind === 'consumption')!;
    expect(gap).toBeDefined();
    const d = await api.queries['lineage.compare']({
      a: { order: ORDER, session: run.baseline!.session },
      b: { order: gap.order, session: run.troubled!.session },
    });
    expect(d.a).toEqual({ session: run.baseline!.session, order: ORDER });
    expect(d.b).toEqual({ session: run.troubled!.session, order: gap.order });
    const statuses = new Set(d.hops.map((h) => h.status));
    expect(statuses.has('missing') || statuses.has('slower')).toBe(true);
    // a's hops all appear, in a's order, each with its time in a
    const inA = d.hops.filter((h) => h.atA !== null);
    expect(inA.map((h) => h.atA)).toEqual([...inA.map((h) => h.atA!)].sort((x, y) => x - y));
    expect(inA[0]).toMatchObject({ type: 'erp.order.created', atA: 0 });
    for (const h of d.hops) {
      expect(h.atA === null).toBe(h.status === 'extra');
      expect(h.atB === null).toBe(h.status === 'missing');
    }
  });

  it('compares with the current session when b names none', async () => {
    const order = run.troubled!.final.gaps[0]!.order;
    const d = await api.queries['lineage.compare']({ a: { order, session: run.troubled!.session }, b: { order } });
    expect(d.b).toEqual({ session: run.troubled!.session, order });
    expect(d.hops.every((h) => h.status === 'same')).toBe(true);
  });

  it('refuses an order the session does not have, and a malformed session id', async () => {
    await expect(api.queries['lineage.compare']({ a: { order: ORDER, session: run.baseline!.session }, b: { order: 'PO-NOPE' } })).rejects.toThrow(
      `b.order: no events for order "PO-NOPE" in session ${run.troubled!.session}`,
    );
    await expect(api.queries['lineage.compare']({ a: { order: ORDER, session: run.baseline!.session }, b: { order: ORDER, session: 'x' as unknown as number } })).rejects.toThrow(/^b\.session: /);
  });
});
