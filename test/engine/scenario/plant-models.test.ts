import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPlantModel, currentRouting, loadPlantModel } from '../../../engine/scenario/index.js';
import type { PlantModel } from '../../../model/index.js';

const root = join(import.meta.dirname, '..', '..', '..');
const ids = readdirSync(join(root, 'resources', 'plants')).map((f) => f.replace(/\.json$/, ''));

describe('bundled plant models', () => {
  it('include pumps (discrete) and resins (batch)', () => {
    expect(ids).toEqual(expect.arrayContaining(['pumps', 'resins']));
    expect(loadPlantModel('pumps').kind).toBe('discrete');
    expect(loadPlantModel('resins').kind).toBe('batch');
  });

  it.each(ids)('%s keeps every reference consistent', (id) => {
    const model = loadPlantModel(id);
    expect(checkPlantModel(model)).toEqual([]);
  });

  it.each(ids)('%s: every product has a current routing of 3–5 operations with realistic scrap', (id) => {
    const model = loadPlantModel(id);
    for (const product of new Set(model.plants.flatMap((p) => p.lines.flatMap((l) => l.products)))) {
      const routing = currentRouting(model, product)!;
      expect(routing.operations.length, product).toBeGreaterThanOrEqual(3);
      expect(routing.operations.length, product).toBeLessThanOrEqual(5);
      for (const op of routing.operations) {
        expect(op.scrapRate, `${product} ${op.id}`).toBeGreaterThanOrEqual(0.005);
        expect(op.scrapRate, `${product} ${op.id}`).toBeLessThanOrEqual(0.02);
      }
    }
  });

  it.each(ids)('%s: every product has a component with a shelf life, so expired-lot always finds a lot', (id) => {
    const model = loadPlantModel(id);
    const shelfLife = new Set(model.items.filter((i) => i.shelfLifeDays !== undefined).map((i) => i.id));
    for (const bom of model.boms) {
      expect(bom.components.some((c) => shelfLife.has(c.item)), `${bom.item} rev ${bom.revision}`).toBe(true);
    }
  });

  it('pumps: three plants in their own time zones, 2–3 lines each, one routing with revisions A and B', () => {
    const model = loadPlantModel('pumps');
    expect(model.plants.map((p) => p.timeZone)).toEqual(['Europe/Berlin', 'America/Chicago', 'America/Monterrey']);
    for (const p of model.plants) expect(p.lines.length).toBeGreaterThanOrEqual(2);
    expect(model.boms.every((b) => b.yield === 1)).toBe(true);
    expect(currentRouting(model, 'CP-100')!.revision).toBe('B');
    expect(model.routings.filter((r) => r.item === 'CP-100').map((r) => r.revision)).toEqual(['A', 'B']);
  });

  it('pumps: an order of the default size takes 20–75 virtual minutes of work', () => {
    const model = loadPlantModel('pumps');
    for (const item of model.items.filter((i) => i.type === 'finished')) {
      const ops = currentRouting(model, item.id)!.operations;
      for (const qty of [4, 16]) {
        const minutes = ops.reduce((sum, op) => sum + op.setupMinutes + qty * op.minutesPerUnit, 0);
        expect(minutes, `${item.id} × ${qty}`).toBeGreaterThanOrEqual(20);
        expect(minutes, `${item.id} × ${qty}`).toBeLessThanOrEqual(75);
      }
    }
  });

  it.each(ids)('%s: every finished item is under quality management, and components may stray from plan by their tolerance', (id) => {
    const model = loadPlantModel(id);
    for (const item of model.items.filter((i) => i.type === 'finished')) expect(item.inspection, item.id).toBe(true);
    for (const c of model.boms.flatMap((b) => b.components)) expect(c.tolerance ?? 0.1).toBeGreaterThanOrEqual(0.05);
  });

  it('resins: one plant, two reactors, yields below one, raw materials with shelf lives', () => {
    const model = loadPlantModel('resins');
    expect(model.plants).toHaveLength(1);
    expect(model.plants[0]!.lines).toHaveLength(2);
    expect(model.boms.every((b) => b.yield < 1 && b.yield > 0.9)).toBe(true);
    expect(model.items.filter((i) => i.type === 'raw' && i.shelfLifeDays).length).toBeGreaterThan(5);
    expect(new Set(model.items.map((i) => i.uom))).toEqual(new Set(['KG', 'L', 'EA']));
  });
});

describe('checkPlantModel finds broken references', () => {
  const pumps = loadPlantModel('pumps');
  const edit = (change: (m: { -readonly [K in keyof PlantModel]: unknown }) => void): PlantModel => {
    const copy = structuredClone(pumps) as { -readonly [K in keyof PlantModel]: unknown };
    change(copy);
    return copy as PlantModel;
  };
  const first = (m: PlantModel) => checkPlantModel(m)[0];
  const ADH = pumps.items.findIndex((i) => i.id === 'ADH-243');
  const adhesive = (m: PlantModel) => m.items[ADH] as { conversions?: Array<{ uom: string; factor: number }> };

  it.each([
    ['a product that is no item', (m: PlantModel) => ((m.plants[0]!.lines[0]!.products as string[])[0] = 'XX-1'), ['plants', 0, 'lines', 0, 'products', 0], /an item of this plant model/],
    ['a routing work center missing on a line', (m: PlantModel) => ((m.routings[0]!.operations[0] as { workCenter: string }).workCenter = 'LASER'), ['routings', 0, 'operations', 0, 'workCenter'], /a work center of every line that makes CP-100/],
    ['a BOM component that is no item', (m: PlantModel) => ((m.boms[0]!.components[0] as { item: string }).item = 'NOPE'), ['boms', 0, 'components', 0, 'item'], /an item of this plant model/],
    ['a unit that does not convert', (m: PlantModel) => ((m.boms[0]!.components[0] as { uom: string }).uom = 'KG'), ['boms', 0, 'components', 0, 'uom'], /convertible to EA/],
    ['a line id used twice', (m: PlantModel) => ((m.plants[0]!.lines[1] as { id: string }).id = 'L1'), ['plants', 0, 'lines', 1, 'id'], /used once/],
    ['an unknown time zone', (m: PlantModel) => ((m.plants[0] as { timeZone: string }).timeZone = 'Europe/Atlantis'), ['plants', 0, 'timeZone'], /IANA time zone/],
    ['a yield below one in a discrete plant', (m: PlantModel) => ((m.boms[0] as { yield: number }).yield = 0.9), ['boms', 0, 'yield'], /yield of 1/],
    ['operations out of order', (m: PlantModel) => ((m.routings[0]!.operations[1] as { id: string }).id = '0005'), ['routings', 0, 'operations', 1, 'id'], /after 0010/],
    ['inspection of an item no routing makes', (m: PlantModel) => ((m.items[6] as { inspection?: boolean }).inspection = true), ['items', 6, 'inspection'], /^inspection only on an item a routing makes \(HSG-CP has none\)$/],
    ['a delivery tolerance of a component', (m: PlantModel) => ((m.items[6] as { deliveryTolerance?: object }).deliveryTolerance = { over: 0, under: 0 }), ['items', 6, 'deliveryTolerance'], /only on an item a routing makes/],
    ['inspection of an item without lots', (m: PlantModel) => ((m.items[0] as { lotControlled: boolean }).lotControlled = false), ['items', 0, 'inspection'], /^inspection only on a lot-controlled item/],
    ['an alternative unit that is the base unit', (m: PlantModel) => (adhesive(m).conversions = [{ uom: 'KG', factor: 1 }]), ['items', ADH, 'conversions', 0, 'uom'], /other than ADH-243's base unit/],
    ['an alternative unit of the global table', (m: PlantModel) => (adhesive(m).conversions = [{ uom: 'TUBE', factor: 0.05 }, { uom: 'G', factor: 0.001 }]), ['items', ADH, 'conversions', 1, 'uom'], /not in the global unit table/],
    ['an alternative unit listed twice', (m: PlantModel) => (adhesive(m).conversions = [{ uom: 'TUBE', factor: 0.05 }, { uom: 'TUBE', factor: 0.04 }]), ['items', ADH, 'conversions', 1, 'uom'], /listed once for ADH-243/],
    ['a factor of 0', (m: PlantModel) => (adhesive(m).conversions = [{ uom: 'TUBE', factor: 0 }]), ['items', ADH, 'conversions', 0, 'factor'], /above 0/],
    ['a BOM unit that is no alternative unit of the component', (m: PlantModel) => (adhesive(m).conversions = [{ uom: 'CAN', factor: 0.5 }]), ['boms', 0, 'components', 6, 'uom'], /convertible to KG, the base unit of ADH-243 \(or one of its alternative units: CAN\)/],
  ])('%s', (_name, change, path, expected) => {
    const problem = first(edit((m) => change(m as unknown as PlantModel)));
    expect(problem?.path).toEqual(path);
    expect(problem?.expected).toMatch(expected);
  });

  it('takes a BOM component in one of its alternative units: pumps states ADH-243 (KG) in TUBE for CP-100', () => {
    const bom = pumps.boms.find((b) => b.item === 'CP-100')!;
    expect(bom.components.find((c) => c.item === 'ADH-243')).toMatchObject({ qty: 0.1, uom: 'TUBE' });
    expect(pumps.items[ADH]!.conversions).toEqual([{ uom: 'TUBE', factor: 0.05 }]);
    expect(checkPlantModel(pumps)).toEqual([]);
  });
});
