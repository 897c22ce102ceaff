import { describe, expect, it } from 'vitest';
import { checkPlantModel, loadPlantModel, loadScenario } from '../../engine/scenario/index.js';
import type { PlantModel } from '../../model/index.js';
import { resolveLines } from '../../simulator/plant/master-data.js';
import { ofType, run } from './fixtures.js';

/**
 * A plant may be of another kind than its model (`Plant.kind`): the `site` model is discrete with
 * one batch plant. Each line runs as its plant's kind.
 */
describe('per-plant kind', () => {
  const site = loadScenario('large-site');

  it('gives each line its plant\'s kind: BE01\'s reactors batch (BOM yields below one), the assembly lines discrete (yield 1)', () => {
    const lines = resolveLines(site, []);
    expect(lines).toHaveLength(30);
    for (const l of lines) {
      expect(l.kind, l.key).toBe(l.plant === 'BE01' ? 'batch' : 'discrete');
      for (const p of l.products) {
        if (l.kind === 'batch') expect(p.yield, p.item.id).toBeLessThan(1);
        else expect(p.yield, p.item.id).toBe(1);
      }
    }
  });

  it('runs the batch plant\'s orders in fractions and the assembly lines\' in whole units, in one run', () => {
    const lines = [{ plant: 'BE01', line: 'R1' }, { plant: 'DE01', line: 'L1' }];
    const { events } = run({ ...site, lines, faults: [], durationMs: 12 * 3_600_000 });
    const done = ofType(events, 'mes.order.completed');
    const of = (plant: string) => done.filter((e) => e.plant === plant).map((e) => e.data.goodQty);
    expect(of('BE01').length).toBeGreaterThan(0);
    expect(of('DE01').length).toBeGreaterThan(0);
    // yields below one leave a fraction of a tonne; a pump is whole
    expect(of('BE01').some((q) => !Number.isInteger(q))).toBe(true);
    expect(of('DE01').every((q) => Number.isInteger(q))).toBe(true);
  });

  it('refuses a yield below one only for an item a discrete plant\'s line makes', () => {
    const model = loadPlantModel('site');
    expect(checkPlantModel(model)).toEqual([]);
    const copy = structuredClone(model) as PlantModel & { boms: { item: string; yield: number }[] };
    const pump = copy.boms.findIndex((b) => b.item === 'CP-100');
    copy.boms[pump]!.yield = 0.9;
    const problems = checkPlantModel(copy);
    expect(problems.map((p) => p.path)).toEqual([['boms', pump, 'yield']]);
    expect(problems[0]!.expected).toMatch(/yield of 1 in a discrete plant \(DE01\/L\d+ makes CP-100\)/);
    // the same model with BE01 discrete: its resins' yields are refused too
    const allDiscrete = structuredClone(model) as PlantModel & { plants: { kind?: string }[] };
    delete allDiscrete.plants[2]!.kind;
    expect(checkPlantModel(allDiscrete).length).toBeGreaterThan(0);
  });
});
