import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJournalQueries } from '../../engine/api/journal-queries.js';
import { buildRunReport, loadScenario, runSimulation } from '../../engine/index.js';
import { genealogyForLot, openJournal, type Genealogy, type Journal } from '../../engine/journal/index.js';
import { renderGenealogy } from '../../cli/commands/genealogy.js';

/** Genealogy from the journal of a run of the bundled `genealogy` scenario. */
const dir = mkdtempSync(join(tmpdir(), 'linesight-genealogy-'));
const journalPath = join(dir, 'genealogy.db');
let j: Journal;
let session: number;
let report: ReturnType<typeof buildRunReport>;

type Row = { lot: string; order_id: string; data: string };

beforeAll(async () => {
  const scenario = loadScenario('genealogy', { seed: 3 });
  const result = await runSimulation(scenario, { journalPath });
  report = buildRunReport(scenario, result);
  session = result.session;
  j = openJournal(journalPath, { readonly: true });
}, 60_000);
afterAll(() => {
  j?.close();
  rmSync(dir, { recursive: true, force: true });
});

const rows = (sql: string, ...args: unknown[]) => j.db.prepare(sql).all(session, ...args) as Row[];
const node = (g: Genealogy, id: string) => g.nodes.find((n) => n.id === id);
const edge = (g: Genealogy, from: string, to: string, via: string) => g.edges.some((e) => e.from === from && e.to === to && e.via === via);

describe('genealogy.forLot on a run of the genealogy scenario', () => {
  it('the run is clean: every key posted, no dead letter', () => {
    expect(report.expectations.every((e) => e.verdict === 'pass')).toBe(true);
  });

  it('two levels up from a split child: through its parent to the binder order and its raw-material lots', () => {
    const split = rows(`SELECT lot, order_id, data FROM events WHERE session = ? AND type = 'wms.lot.split' ORDER BY seq LIMIT 1`)[0]!;
    const { newLot: child } = JSON.parse(split.data) as { newLot: string };
    const parent = split.lot;
    const maker = rows(`SELECT lot, order_id, data FROM events WHERE session = ? AND type = 'mes.order.completed' AND lot = ?`, parent)[0]!.order_id;
    const inputs = rows(`SELECT lot, order_id, data FROM events WHERE session = ? AND type = 'mes.material.consumed' AND order_id = ? AND lot IS NOT NULL`, maker).map((r) => r.lot);
    expect(inputs.length).toBe(3);

    const g = genealogyForLot(j.db, session, child, 2);
    expect(g.found).toBe(true);
    expect(node(g, `lot:${child}`)).toMatchObject({ kind: 'lot', item: 'BIND-100', order: maker, status: 'unrestricted', level: 0 });
    expect(edge(g, `lot:${parent}`, `lot:${child}`, 'split')).toBe(true);
    expect(edge(g, `order:${maker}`, `lot:${parent}`, 'produced')).toBe(true);
    for (const lot of inputs) {
      expect(edge(g, `lot:${lot}`, `order:${maker}`, 'consumed')).toBe(true);
      // raw materials from opening stock: no order made them
      expect(node(g, `lot:${lot}`)).toMatchObject({ order: null, level: -1 });
    }
    // down: the paint order that consumed the child, and the lot it made
    const consumer = split.order_id;
    expect(edge(g, `lot:${child}`, `order:${consumer}`, 'consumed')).toBe(true);
    const out = rows(`SELECT lot, order_id, data FROM events WHERE session = ? AND type = 'mes.order.completed' AND order_id = ?`, consumer)[0]!.lot;
    expect(edge(g, `order:${consumer}`, `lot:${out}`, 'produced')).toBe(true);
    expect(node(g, `lot:${out}`)).toMatchObject({ kind: 'lot', order: consumer, level: 1 });
  });

  it('two levels down from a binder lot: every split child, the paint orders and the lots they made; a partial decision shows', () => {
    const parent = rows(`SELECT lot, order_id, data FROM events WHERE session = ? AND type = 'wms.lot.split' ORDER BY seq LIMIT 1`)[0]!.lot;
    const children = rows(`SELECT lot, order_id, data FROM events WHERE session = ? AND type = 'wms.lot.split' AND lot = ?`, parent).map((r) => ({
      lot: (JSON.parse(r.data) as { newLot: string }).newLot,
      order: r.order_id,
    }));
    const g = genealogyForLot(j.db, session, parent);
    expect(g.depth).toBe(2);
    for (const c of children) {
      expect(edge(g, `lot:${parent}`, `lot:${c.lot}`, 'split')).toBe(true);
      expect(edge(g, `lot:${c.lot}`, `order:${c.order}`, 'consumed')).toBe(true);
      expect(g.edges.some((e) => e.from === `order:${c.order}` && e.via === 'produced')).toBe(true);
    }
    const decided = rows(`SELECT lot, order_id, data FROM events WHERE session = ? AND type = 'qms.usage.decided' AND lot = ?`, parent).map((r) => JSON.parse(r.data) as { decision: string; qty: number });
    const p = node(g, `lot:${parent}`)!;
    expect(p.decisions).toEqual(decided.map((d) => ({ decision: d.decision, qty: d.qty })));
    expect(p.status).toBe(decided.length > 1 ? 'partly blocked' : decided[0]!.decision);
  });

  it('marks a lot refused at the pick as expired, and depth 1 stops at the first order', () => {
    const refused = rows(`SELECT lot, order_id, data FROM events WHERE session = ? AND type = 'wms.pick.refused'`)[0]!;
    const g = genealogyForLot(j.db, session, refused.lot);
    expect(node(g, `lot:${refused.lot}`)).toMatchObject({ status: 'expired', order: null });

    const paint = rows(`SELECT lot, order_id, data FROM events WHERE session = ? AND type = 'mes.order.completed' AND order_id LIKE '%-P1-%' ORDER BY seq DESC LIMIT 1`)[0]!;
    const one = genealogyForLot(j.db, session, paint.lot, 1);
    expect(Math.min(...one.nodes.map((n) => n.level))).toBe(-1);
    const deeper = genealogyForLot(j.db, session, paint.lot, 3);
    expect(deeper.nodes.length).toBeGreaterThanOrEqual(one.nodes.length);
  });

  it('an unknown lot is not found; the API checks its arguments', () => {
    expect(genealogyForLot(j.db, session, 'NO-SUCH-LOT')).toMatchObject({ found: false, nodes: [], edges: [] });
    const q = createJournalQueries(journalPath, () => session);
    try {
      expect(() => q.genealogyForLot({ lot: '' })).toThrow(/lot/);
      expect(() => q.genealogyForLot({ lot: 'L00000001', depth: 4 })).toThrow(/depth/);
      const split = rows(`SELECT lot, order_id, data FROM events WHERE session = ? AND type = 'wms.lot.split' LIMIT 1`)[0]!;
      const g = q.genealogyForLot({ lot: split.lot });
      expect(g.session).toBe(session);
      expect(g.nodes.length).toBeGreaterThan(3);
      // the CLI's text: the lot first, then inputs up and uses down
      const text = renderGenealogy(g);
      expect(text.split('\n')[0]).toContain(`lot ${split.lot} BIND-100`);
      expect(text).toContain('up (where it came from):');
      expect(text).toMatch(/↓ split +lot /);
    } finally {
      q.close();
    }
  });
});
