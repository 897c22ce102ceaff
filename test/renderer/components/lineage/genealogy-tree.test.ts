import { describe, expect, it } from 'vitest';
import { genealogyTrees, type GenealogyNode } from '../../../../renderer/components/lineage/genealogy-tree.js';

const lot = (l: string, level: number, order: string | null = null): GenealogyNode => ({ id: `lot:${l}`, kind: 'lot', lot: l, item: 'X', order, qty: 1, uom: 'KG', status: null, level });
const ord = (o: string, level: number): GenealogyNode => ({ id: `order:${o}`, kind: 'order', item: 'Y', order: o, qty: 1, uom: 'KG', status: null, level });

describe('genealogyTrees', () => {
  it('puts inputs up and uses down from the lot, through splits, each node once', () => {
    const nodes = [lot('C', 0, 'PO-B'), lot('P', 0, 'PO-B'), ord('PO-B', -1), lot('RAW', -1), ord('PO-P', 1), lot('OUT', 1, 'PO-P')];
    const edges = [
      { from: 'lot:P', to: 'lot:C', via: 'split' as const },
      { from: 'order:PO-B', to: 'lot:P', via: 'produced' as const },
      { from: 'lot:RAW', to: 'order:PO-B', via: 'consumed' as const },
      { from: 'lot:C', to: 'order:PO-P', via: 'consumed' as const },
      { from: 'order:PO-P', to: 'lot:OUT', via: 'produced' as const },
    ];
    const t = genealogyTrees({ lot: 'C', nodes, edges });
    expect(t.root?.id).toBe('lot:C');
    const flat = (steps: typeof t.up): string[] => steps.flatMap((s) => [`${s.via}:${s.node.id}`, ...flat(s.children as typeof t.up)]);
    expect(flat(t.up)).toEqual(['split:lot:P', 'produced:order:PO-B', 'consumed:lot:RAW']);
    expect(flat(t.down)).toEqual(['consumed:order:PO-P', 'produced:lot:OUT']);
  });

  it('has empty trees for a lot nothing is known of beyond itself', () => {
    const t = genealogyTrees({ lot: 'A', nodes: [lot('A', 0)], edges: [] });
    expect(t).toMatchObject({ up: [], down: [] });
  });
});
