import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../model/scenario.js';
import { nextRevision } from '../../simulator/plant/master-data-changes.js';
import { loadScenario } from '../../engine/scenario/index.js';
import { HEAD, tempFiles } from '../engine/scenario/temp-files.js';
import { DISCRETE_PLANT, fault, ofType, run, scenario } from './fixtures.js';
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

/**
 * The discrete plant with GLUE (base unit KG, backflushed) issued in tubes: 1 TUBE = 0.05 KG, and
 * PUMP-100's BOM takes 0.1 TUBE per pump (`tolerance`, default 0.1).
 */
function gluePlant(tolerance?: number): Scenario['plant'] {
  const glue = { item: 'GLUE', qty: 0.1, uom: 'TUBE', ...(tolerance === undefined ? {} : { tolerance }) };
  return {
    ...DISCRETE_PLANT,
    items: [...DISCRETE_PLANT.items, { id: 'GLUE', description: 'Glue', uom: 'KG', lotControlled: false, type: 'raw', conversions: [{ uom: 'TUBE', factor: 0.05 }] }],
    boms: DISCRETE_PLANT.boms.map((b) => (b.item === 'PUMP-100' ? { ...b, components: [...b.components, glue] } : b)),
  };
}

/** At 2h the tube goes from 50 g to 40 g (`factor`; 0: the default, old × 0.8). */
function tubes(o: { against?: 'order' | 'newest'; tolerance?: number; factor?: number } = {}): Scenario {
  const params = { change: 'uom', item: 'GLUE', uom: 'TUBE', factor: o.factor ?? 0.04 };
  const s = scenario({ lines: L1, durationMs: 5 * H, plant: gluePlant(o.tolerance ?? 0.5), faults: [fault('master-data-change', { atMs: 2 * H, params })] });
  return o.against === undefined ? s : { ...s, integration: { ...s.integration, validation: { ...s.integration.validation, against: o.against } } };
}

describe('simulator: a unit conversion changes in flight', () => {
  const start = tubes().startMs;
  const change = start + 2 * H;
  const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
  const byOrder = (r: ReturnType<typeof run>) => new Map(ofType(r.events, 'erp.order.created').map((e) => [e.data.order, e]));
  const glue = (r: ReturnType<typeof run>) => ofType(r.events, 'mes.material.consumed').filter((c) => c.data.item === 'GLUE');
  const postedOf = (r: ReturnType<typeof run>) => new Map(ofType(r.events, 'erp.consumption.posted').map((p) => [p.businesskey, p]));
  const plain = run(tubes());

  it('ERP announces the new factor of the alternative unit, naming the component, both factors and the base unit', () => {
    const changed = ofType(plain.events, 'erp.masterdata.changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ source: '/P1/L1/erp', businesskey: 'MD/GLUE/uom/TUBE/0.04', time: new Date(change).toISOString() });
    expect(changed[0]!.data).toEqual({ base: 'KG', change: 'uom', effective: new Date(change).toISOString(), from: '0.05', item: 'GLUE', to: '0.04', uom: 'TUBE' });
    expect(plain.ledger.filter((l) => l.kind === 'master-data-change').map((l) => l.detail)).toEqual([
      'conversion of GLUE changed from 1 TUBE = 0.05 KG to 1 TUBE = 0.04 KG while orders released with 1 TUBE = 0.05 KG run',
    ]);
  });

  it('each order records the conversion it was created with, on creation and release; its BOM revision stays', () => {
    const created = byOrder(plain);
    const factors = new Set<number>();
    for (const [order, e] of created) {
      const factor = Date.parse(e.time) >= change ? 0.04 : 0.05;
      factors.add(factor);
      expect(e.data.conversions, order).toEqual([{ base: 'KG', factor, item: 'GLUE', uom: 'TUBE' }]);
      expect(e.data.bomRevision, order).toBe('A');
    }
    expect([...factors].sort()).toEqual([0.04, 0.05]);
    const released = ofType(plain.events, 'erp.order.released');
    expect(released.length).toBeGreaterThan(0);
    for (const r of released) expect(r.data.conversions, r.data.order).toEqual(created.get(r.data.order)!.data.conversions);
  });

  it('MES reports the component in tubes, and the layer converts them with the order\'s factor (against order, the default): ERP posts the right KG, refuses nothing', () => {
    const created = byOrder(plain);
    const posted = postedOf(plain);
    const consumed = glue(plain);
    expect(consumed.length).toBeGreaterThan(0);
    // some tubes of orders created before the change are consumed after it: the in-flight case
    expect(consumed.some((c) => Date.parse(c.time) >= change && Date.parse(created.get(c.data.order)!.time) < change)).toBe(true);
    for (const c of consumed) {
      expect(c.data.uom, c.businesskey).toBe('TUBE');
      const factor = created.get(c.data.order)!.data.conversions![0]!.factor;
      expect(posted.get(c.businesskey)?.data, c.businesskey).toMatchObject({ qty: round6(c.data.qty * factor), uom: 'KG' });
    }
    expect(ofType(plain.events, 'int.message.dead-lettered')).toEqual([]);
  });

  it('a tube is 0.1 per pump under either factor: MES reports about 0.1 TUBE per pump confirmed, before and after the change', () => {
    const confs = new Map(ofType(plain.events, 'mes.operation.confirmed').map((c) => [c.businesskey, c.data.goodQty + c.data.scrapQty]));
    for (const c of glue(plain)) {
      const [order, , , op, n] = c.businesskey.split('/');
      const basis = confs.get(`${order}/CONF/${op}/${n}`)!;
      // actual consumption strays ± 3 % from plan
      expect(Math.abs(c.data.qty / (0.1 * basis) - 1), c.businesskey).toBeLessThanOrEqual(0.031);
    }
  });

  it('against the newest: in-flight orders\' tubes are posted at the new factor (a fifth short), the others at their own', () => {
    const r = run(tubes({ against: 'newest' }));
    const created = byOrder(r);
    const posted = postedOf(r);
    let wrong = 0;
    for (const c of glue(r)) {
      const own = created.get(c.data.order)!.data.conversions![0]!.factor;
      // what the layer sees after the change is converted at 0.04, whatever the order says (a message in transit at the change may go either way)
      const t = Date.parse(c.time);
      if (Math.abs(t - change) < 60_000) continue;
      const used = t >= change ? 0.04 : own;
      expect(posted.get(c.businesskey)?.data.qty, c.businesskey).toBe(round6(c.data.qty * used));
      if (used !== own) wrong++;
      if (Date.parse(created.get(c.data.order)!.time) >= change) expect(own).toBe(0.04);
    }
    expect(wrong).toBeGreaterThan(0);
    expect(ofType(r.events, 'int.message.dead-lettered')).toEqual([]);
  });

  it('against the newest beyond the component\'s tolerance: ERP refuses the in-flight tubes, naming the conversion used and the order\'s', () => {
    const r = run(tubes({ against: 'newest', tolerance: 0.1 }));
    const created = byOrder(r);
    const expected = glue(r).filter((c) => Date.parse(c.time) >= change && Date.parse(created.get(c.data.order)!.time) < change);
    const dead = ofType(r.events, 'int.message.dead-lettered');
    expect(expected.length).toBeGreaterThan(0);
    expect(dead.map((d) => d.data.messageId).sort()).toEqual(expected.map((c) => c.id).sort());
    const said = new Map(expected.map((c) => [c.id, c]));
    for (const d of dead) {
      const c = said.get(d.data.messageId)!;
      expect(d.data.category).toBe('business-rule');
      expect(d.data.reason).toMatch(/^consumption of [\d.]+ KG GLUE is (1[7-9]|2\d) % under plan \([\d.]+ KG for \d+ EA confirmed\); tolerance ±10 %: /);
      expect(d.data.reason).toContain(
        `: ${c.data.qty} TUBE converted at 1 TUBE = 0.04 KG, the newest conversion; order ${c.data.order} was released with 1 TUBE = 0.05 KG, i.e. ${round6(c.data.qty * 0.05)} KG`,
      );
    }
  });

  it('without a factor the tube shrinks by a fifth (the old factor × 0.8)', () => {
    const r = run(tubes({ factor: 0 }));
    expect(ofType(r.events, 'erp.masterdata.changed').map((e) => e.data)).toEqual([expect.objectContaining({ from: '0.05', to: '0.04', uom: 'TUBE', base: 'KG' })]);
  });

  it('an order of a BOM without alternative units records none; without the fault no bomRevision either', () => {
    const clean = run(scenario({ lines: L1, durationMs: 3 * H, plant: gluePlant() }));
    for (const e of [...ofType(clean.events, 'erp.order.created'), ...ofType(clean.events, 'erp.order.released')]) {
      expect('bomRevision' in e.data).toBe(false);
      expect(e.data.conversions).toEqual([{ base: 'KG', factor: 0.05, item: 'GLUE', uom: 'TUBE' }]);
    }
    const none = run(scenario({ lines: L1, durationMs: 3 * H }));
    for (const e of ofType(none.events, 'erp.order.created')) expect('conversions' in e.data).toBe(false);
  });

  it('writes the announcement and the orders\' conversions as canonical JSON in time order', () => {
    expectCanonicalEnvelopes(plain.events);
    expectTimeOrdered(plain.outputs);
  });
});

describe('scenario: master-data-change and validation.against', () => {
  const file = tempFiles();

  /** The loader's message refusing scenario file `name` (fails when it loads). */
  function bad(name: string, text: string): string {
    try {
      loadScenario(file(name, text));
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error(`${name} loaded`);
  }

  it('loads the change with its parameters and the setting only when the file sets it', () => {
    const text = `${HEAD}integration:\n  validation:\n    against: newest\nfaults:\n  - kind: master-data-change\n    at: 1h\n    change: routing\n    item: CP-100\n`;
    const s = loadScenario(file('md.yaml', text));
    expect(s.integration.validation).toEqual({ enabled: true, against: 'newest' });
    expect(s.faults[0]).toMatchObject({ kind: 'master-data-change', atMs: H, probability: undefined, count: undefined, params: { change: 'routing', item: 'CP-100', component: '' } });
    expect(loadScenario(file('plain.yaml', HEAD)).integration.validation).toEqual({ enabled: true });
  });

  it('refuses a product no line of the scenario makes, and a component its BOM does not have', () => {
    const lines = 'lines: [US01/L2]\n';
    expect(bad('item.yaml', `${HEAD}${lines}faults:\n  - kind: master-data-change\n    item: CP-100\n`)).toMatch(/faults\/0\/item: expected a product the fault's lines make: SP-250/);
    expect(bad('part.yaml', `${HEAD}${lines}faults:\n  - kind: master-data-change\n    item: SP-250\n    component: BOLT-M10\n`)).toMatch(/faults\/0\/component: expected a component of SP-250's BOM: HSG-SP/);
  });

  it('a uom change: item and uom default to the component a BOM states in an alternative unit, and its unit', () => {
    const s = loadScenario(file('uom.yaml', `${HEAD}lines: [US01/L1]\nfaults:\n  - kind: master-data-change\n    at: 1h\n    change: uom\n`));
    expect(s.faults[0]!.params).toMatchObject({ change: 'uom', item: 'ADH-243', uom: 'TUBE', factor: 0 });
    const given = loadScenario(file('uom2.yaml', `${HEAD}lines: [US01/L1]\nfaults:\n  - kind: master-data-change\n    change: uom\n    item: ADH-243\n    uom: TUBE\n    factor: 0.04\n`));
    expect(given.faults[0]!.params).toMatchObject({ change: 'uom', item: 'ADH-243', uom: 'TUBE', factor: 0.04 });
  });

  it('refuses a uom change of a component no BOM states in an alternative unit, a unit that is not it, and lines without one', () => {
    const l1 = 'lines: [US01/L1]\n';
    expect(bad('u1.yaml', `${HEAD}${l1}faults:\n  - kind: master-data-change\n    change: uom\n    item: BOLT-M10\n`)).toMatch(/faults\/0\/item: expected a component a BOM of the fault's lines states in an alternative unit: ADH-243/);
    expect(bad('u2.yaml', `${HEAD}${l1}faults:\n  - kind: master-data-change\n    change: uom\n    item: ADH-243\n    uom: BAG\n`)).toMatch(/faults\/0\/uom: expected an alternative unit the BOMs state ADH-243 in: TUBE/);
    expect(bad('u3.yaml', `${HEAD}lines: [US01/L2]\nfaults:\n  - kind: master-data-change\n    change: uom\n`)).toMatch(/faults\/0\/change: expected a change the fault's lines can see: no BOM of SP-250 states a component in an alternative unit/);
    expect(bad('u4.yaml', `${HEAD}${l1}faults:\n  - kind: master-data-change\n    change: uom\n    factor: 0\n`)).toMatch(/faults\/0\/factor/);
  });
});
