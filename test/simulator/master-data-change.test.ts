import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../model/scenario.js';
import { nextRevision } from '../../simulator/plant/master-data-changes.js';
import { loadScenario } from '../../engine/scenario/index.js';
import { HEAD, tempFiles } from '../engine/scenario/temp-files.js';
import { fault, ofType, run, scenario } from './fixtures.js';
import { expectCanonicalEnvelopes, expectTimeOrdered } from './invariants.js';

const H = 3_600_000;
const L1 = [{ plant: 'P1', line: 'L1' }];

/** Line P1/L1 makes PUMP-100: BOM A (HOUSING, SEAL-KIT, SCREW), routing R-PUMP-100 B (0010, 0020, 0030). */
function changing(change: 'bom' | 'routing', against?: 'order' | 'newest'): Scenario {
  const params = change === 'bom' ? { change, item: 'PUMP-100', component: 'SEAL-KIT' } : { change, item: 'PUMP-100', component: '' };
  const s = scenario({ lines: L1, durationMs: 5 * H, faults: [fault('master-data-change', { atMs: 2 * H, params })] });
  return against === undefined ? s : { ...s, integration: { ...s.integration, validation: { ...s.integration.validation, against } } };
}

describe('simulator: master data changes in flight', () => {
  const bom = run(changing('bom'));
  const start = changing('bom').startMs;
  const createdAt = (events: typeof bom.events) => new Map(ofType(events, 'erp.order.created').map((e) => [e.data.order, Date.parse(e.time)]));

  it('ERP announces the change at its instant, naming item, versions and when it takes effect', () => {
    const changed = ofType(bom.events, 'erp.masterdata.changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ source: '/P1/L1/erp', businesskey: 'MD/PUMP-100/bom/B', time: new Date(start + 2 * H).toISOString() });
    expect(changed[0]!.data).toEqual({ change: 'bom', effective: new Date(start + 2 * H).toISOString(), from: 'A', item: 'PUMP-100', to: 'B' });
  });

  it('each order records the BOM revision it was created with, and is made under it: B orders consume no SEAL-KIT', () => {
    const created = createdAt(bom.events);
    const revOf = new Map(ofType(bom.events, 'erp.order.created').map((e) => [e.data.order, e.data.bomRevision]));
    for (const [order, t] of created) expect(revOf.get(order), order).toBe(t >= start + 2 * H ? 'B' : 'A');
    for (const r of ofType(bom.events, 'erp.order.released')) expect(r.data.bomRevision, r.data.order).toBe(revOf.get(r.data.order));
    expect([...revOf.values()]).toContain('B');
    const seals = new Set(ofType(bom.events, 'mes.material.consumed').filter((c) => c.data.item === 'SEAL-KIT').map((c) => c.data.order));
    const staged = new Set(ofType(bom.events, 'wms.material.staged').filter((c) => c.data.item === 'SEAL-KIT').map((c) => c.data.order));
    for (const [order, rev] of revOf) {
      expect(seals.has(order), order).toBe(rev === 'A' && seals.has(order));
      if (rev === 'B') expect(staged.has(order), order).toBe(false);
    }
    // some orders of revision A consumed SEAL-KIT after the change: the in-flight case
    const late = ofType(bom.events, 'mes.material.consumed').filter((c) => c.data.item === 'SEAL-KIT' && Date.parse(c.time) >= start + 2 * H);
    expect(late.length).toBeGreaterThan(0);
  });

  it('validating against the order\'s version (the default) refuses nothing: every consumption is posted', () => {
    expect(ofType(bom.events, 'int.message.dead-lettered')).toEqual([]);
    const posted = new Set(ofType(bom.events, 'erp.consumption.posted').map((p) => p.businesskey));
    for (const c of ofType(bom.events, 'mes.material.consumed')) expect(posted.has(c.businesskey), c.businesskey).toBe(true);
  });

  it('against the newest: exactly the in-flight SEAL-KIT consumptions of revision-A orders are refused, naming both revisions', () => {
    const r = run(changing('bom', 'newest'));
    const created = createdAt(r.events);
    const expected = ofType(r.events, 'mes.material.consumed').filter(
      (c) => c.data.item === 'SEAL-KIT' && Date.parse(c.time) >= start + 2 * H && created.get(c.data.order)! < start + 2 * H,
    );
    const dead = ofType(r.events, 'int.message.dead-lettered');
    expect(expected.length).toBeGreaterThan(0);
    expect(dead.map((d) => d.data.messageId).sort()).toEqual(expected.map((c) => c.id).sort());
    for (const d of dead) {
      expect(d.data.category).toBe('data-quality');
      expect(d.data.reason).toBe(
        `validated against the newest master data: component SEAL-KIT is not in BOM PUMP-100 revision B; order ${d.subject} was created with BOM revision A`,
      );
    }
  });

  it('a routing change: new orders run the next revision without the dropped operation, MES acknowledges each order\'s own revision, no gate refuses', () => {
    const r = run(changing('routing'));
    const changed = ofType(r.events, 'erp.masterdata.changed');
    expect(changed.map((c) => c.data)).toEqual([{ change: 'routing', effective: new Date(start + 2 * H).toISOString(), from: 'B', item: 'PUMP-100', to: 'C' }]);
    const rev = new Map(ofType(r.events, 'erp.order.released').map((e) => [e.data.order, e.data.revision]));
    expect([...rev.values()]).toEqual(expect.arrayContaining(['B', 'C']));
    for (const a of ofType(r.events, 'mes.order.acknowledged')) expect(a.data.revision, a.data.order).toBe(rev.get(a.data.order));
    for (const c of ofType(r.events, 'mes.operation.confirmed')) {
      if (rev.get(c.data.order) === 'C') expect(c.data.operation, c.businesskey).not.toBe('0020');
    }
    expect(ofType(r.events, 'int.message.dead-lettered')).toEqual([]);
    expect(ofType(r.events, 'int.message.gated')).toEqual([]);
  });

  it('a routing change against the newest: confirmations of the dropped operation for revision-B orders are refused, naming both revisions', () => {
    const r = run(changing('routing', 'newest'));
    const dead = ofType(r.events, 'int.message.dead-lettered');
    expect(dead.length).toBeGreaterThan(0);
    for (const d of dead) {
      expect(d.data.messageType).toBe('mes.operation.confirmed');
      expect(d.data.reason).toBe(`validated against the newest master data: operation 0020 is not in routing R-PUMP-100 revision C; order ${d.subject} was created with routing revision B`);
    }
  });

  it('without the fault nothing changes: no announcement, no bomRevision (journals and digests as before)', () => {
    const clean = run(scenario({ lines: L1, durationMs: 5 * H }));
    expect(ofType(clean.events, 'erp.masterdata.changed')).toEqual([]);
    for (const e of [...ofType(clean.events, 'erp.order.created'), ...ofType(clean.events, 'erp.order.released')]) expect('bomRevision' in e.data).toBe(false);
  });

  it('writes the announcement and the orders\' versions as canonical JSON in time order', () => {
    expectCanonicalEnvelopes(bom.events);
    expectTimeOrdered(bom.outputs);
  });

  it('names the next revision', () => {
    expect(['A', 'B', 'Y', 'Z', '9', '10', 'A1'].map(nextRevision)).toEqual(['B', 'C', 'Z', 'AA', '10', '11', 'A11']);
  });
});

describe('scenario: master-data-change and validation.against', () => {
  const file = tempFiles();
  it('loads the change with its parameters and the setting only when the file sets it', () => {
    const text = `${HEAD}integration:\n  validation:\n    against: newest\nfaults:\n  - kind: master-data-change\n    at: 1h\n    change: routing\n    item: CP-100\n`;
    const s = loadScenario(file('md.yaml', text));
    expect(s.integration.validation).toEqual({ enabled: true, against: 'newest' });
    expect(s.faults[0]).toMatchObject({ kind: 'master-data-change', atMs: H, probability: undefined, count: undefined, params: { change: 'routing', item: 'CP-100', component: '' } });
    expect(loadScenario(file('plain.yaml', HEAD)).integration.validation).toEqual({ enabled: true });
  });

  it('refuses a product no line of the scenario makes, and a component its BOM does not have', () => {
    const bad = (name: string, text: string): string => {
      try {
        loadScenario(file(name, text));
      } catch (err) {
        return (err as Error).message;
      }
      throw new Error(`${name} loaded`);
    };
    const lines = 'lines: [US01/L2]\n';
    expect(bad('item.yaml', `${HEAD}${lines}faults:\n  - kind: master-data-change\n    item: CP-100\n`)).toMatch(/faults\/0\/item: expected a product the fault's lines make: SP-250/);
    expect(bad('part.yaml', `${HEAD}${lines}faults:\n  - kind: master-data-change\n    item: SP-250\n    component: BOLT-M10\n`)).toMatch(/faults\/0\/component: expected a component of SP-250's BOM: HSG-SP/);
  });
});
