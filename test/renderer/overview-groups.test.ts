import { describe, expect, it } from 'vitest';
import type { LineStats, PlantInfo } from '../../engine/contract/index.js';
import { attentionKeys, groupOverview, overviewLines } from '../../renderer/overview-groups.js';

const PLANTS: PlantInfo[] = [
  { id: 'DE01', name: 'Kassel pump assembly', timeZone: 'Europe/Berlin', kind: 'discrete', lines: [
    { id: 'L1', name: 'Kassel assembly line L1', products: ['CP-100', 'CP-150'] },
    { id: 'L2', name: 'Kassel assembly line L2', products: ['SP-200'] },
    { id: 'L3', name: 'Kassel assembly line L3', products: ['BP-300'] },
  ] },
  { id: 'BE01', name: 'Antwerp resin plant', timeZone: 'Europe/Brussels', kind: 'batch', lines: [{ id: 'R1', name: 'Reactor R1', products: ['ALK-450'] }] },
];
const all = { text: '', attentionOnly: false };
const line = (plant: string, id: string, attention = false) => ({ plant, line: id, attention });

describe('plant overview grouping and filter', () => {
  it('groups by plant in plant-model order with name and time zone, lines needing attention first, the rest in frame order', () => {
    const lines = [line('BE01', 'R1'), line('DE01', 'L1'), line('DE01', 'L2', true), line('DE01', 'L3')];
    const groups = groupOverview(lines, PLANTS, all);
    expect(groups.map((g) => [g.plant, g.timeZone, g.kind, g.keys, g.total, g.attention])).toEqual([
      ['DE01', 'Europe/Berlin', 'discrete', ['DE01/L2', 'DE01/L1', 'DE01/L3'], 3, 1],
      ['BE01', 'Europe/Brussels', 'batch', ['BE01/R1'], 1, 0],
    ]);
  });

  it('orders lines as the plant model does (L2 before L10), not as strings sort', () => {
    const plants: PlantInfo[] = [{ ...PLANTS[0]!, lines: ['L1', 'L2', 'L10'].map((id) => ({ id, name: `Line ${id}`, products: [] })) }];
    const groups = groupOverview([line('DE01', 'L1'), line('DE01', 'L10', true), line('DE01', 'L2'), line('DE01', 'L1x', true)], plants, all);
    expect(groups[0]!.keys).toEqual(['DE01/L10', 'DE01/L1x', 'DE01/L1', 'DE01/L2']);
  });

  it('keeps a plant the session has no model for (a watched broker), in frame order after the known ones', () => {
    const groups = groupOverview([line('MX01', 'L1'), line('DE01', 'L1')], PLANTS, all);
    expect(groups.map((g) => [g.plant, g.name, g.keys])).toEqual([
      ['DE01', 'Kassel pump assembly', ['DE01/L1']],
      ['MX01', undefined, ['MX01/L1']],
    ]);
    expect(groupOverview([line('MX01', 'L1', true)], undefined, all)[0]!.attention).toBe(1);
  });

  it('filters by every word over plant, line and product, case-insensitively, and leaves out emptied plants', () => {
    const lines = [line('DE01', 'L1'), line('DE01', 'L2'), line('BE01', 'R1')];
    const keys = (text: string) => groupOverview(lines, PLANTS, { text, attentionOnly: false }).flatMap((g) => g.keys);
    expect(keys('cp-150')).toEqual(['DE01/L1']);
    expect(keys('antwerp')).toEqual(['BE01/R1']);
    expect(keys('de01 l2')).toEqual(['DE01/L2']);
    expect(keys('DE01/L1')).toEqual(['DE01/L1']);
    expect(keys('  ')).toEqual(['DE01/L1', 'DE01/L2', 'BE01/R1']);
    expect(keys('nothing-like-it')).toEqual([]);
  });

  it('shows only the lines needing attention when asked, counting the plant\'s lines before filtering', () => {
    const lines = [line('DE01', 'L1'), line('DE01', 'L2', true), line('BE01', 'R1')];
    const groups = groupOverview(lines, PLANTS, { text: '', attentionOnly: true });
    expect(groups.map((g) => [g.plant, g.keys, g.total])).toEqual([['DE01', ['DE01/L2'], 2]]);
  });

  it('needs attention means open gaps or exceptions (red), not a queue that is merely pending', () => {
    const stats = (over: Partial<LineStats>) => ({ plant: 'DE01', line: 'L1', openGaps: 0, exceptions: {}, queueDepth: 0, ...over }) as unknown as LineStats;
    const keys = attentionKeys([stats({}), stats({ line: 'L2', queueDepth: 4 }), stats({ line: 'L3', openGaps: 1 }), stats({ line: 'L4', exceptions: { technical: 2 } as LineStats['exceptions'] })]);
    expect(keys).toEqual(['DE01/L1', 'DE01/L2', 'DE01/L3!', 'DE01/L4!']);
    expect(overviewLines(keys).map((l) => l.attention)).toEqual([false, false, true, true]);
  });
});
