import type { LotGenealogy } from '../../../engine/contract/index.js';

export type GenealogyNode = LotGenealogy['nodes'][number];
export type GenealogyEdge = LotGenealogy['edges'][number];

/** One step of a genealogy tree: a node, how it is linked to the step above, and the steps beyond it. */
export type GenealogyStep = { readonly node: GenealogyNode; readonly via: GenealogyEdge['via']; readonly children: readonly GenealogyStep[] };

type Next = ReadonlyMap<string, readonly { id: string; via: GenealogyEdge['via'] }[]>;

function walk(from: string, next: Next, byId: ReadonlyMap<string, GenealogyNode>, seen: Set<string>): GenealogyStep[] {
  const out: GenealogyStep[] = [];
  for (const e of next.get(from) ?? []) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    const node = byId.get(e.id);
    if (node !== undefined) out.push({ node, via: e.via, children: walk(e.id, next, byId, seen) });
  }
  return out;
}

/**
 * The genealogy as two trees from its lot: `up`, what went into it (producing order, its input
 * lots, a split's parent), and `down`, what it went into (consuming orders, their lots, split
 * children). Each node appears once per tree, at its first (shortest) place.
 */
export function genealogyTrees(g: Pick<LotGenealogy, 'lot' | 'nodes' | 'edges'>): { root: GenealogyNode | undefined; up: GenealogyStep[]; down: GenealogyStep[] } {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const into = new Map<string, { id: string; via: GenealogyEdge['via'] }[]>();
  const outOf = new Map<string, { id: string; via: GenealogyEdge['via'] }[]>();
  for (const e of g.edges) {
    if (!into.has(e.to)) into.set(e.to, []);
    into.get(e.to)!.push({ id: e.from, via: e.via });
    if (!outOf.has(e.from)) outOf.set(e.from, []);
    outOf.get(e.from)!.push({ id: e.to, via: e.via });
  }
  const root = `lot:${g.lot}`;
  return { root: byId.get(root), up: walk(root, into, byId, new Set([root])), down: walk(root, outOf, byId, new Set([root])) };
}
