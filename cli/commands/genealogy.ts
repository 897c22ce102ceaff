import { DEFAULT_GENEALOGY_DEPTH, genealogyForLot, MAX_GENEALOGY_DEPTH, type Genealogy, type GenealogyNode } from '../../engine/journal/index.js';
import { UsageError } from '../errors.js';
import { parseOptions } from '../parse-options.js';
import { parseSession, pickSession } from '../session-arg.js';
import { openReader } from './sessions.js';

export const GENEALOGY_USAGE = `linesight genealogy <journal> <lot> [--session ID] [--depth N] [--json]

  Prints a lot's genealogy from the journal: up, the order that produced it and the lots that
  order consumed (a split lot leads to its parent first), down, the orders that consumed it (or
  lots split off it) and the lots they produced — N orders each way (1 … ${MAX_GENEALOGY_DEPTH}, default ${DEFAULT_GENEALOGY_DEPTH}).
  --session ID   the session (default: the latest)
  --json         print nodes and edges as JSON

  Exit codes: 0 done · 2 bad input (no such journal, session or lot)`;

/** `linesight genealogy`: returns the process exit code. */
export function genealogyCommand(argv: readonly string[], out: NodeJS.WritableStream = process.stdout): number {
  const { values, positionals } = parseOptions(argv, { session: { type: 'string' }, depth: { type: 'string' }, json: { type: 'boolean' } } as const, GENEALOGY_USAGE);
  const [path, lot] = positionals;
  if (path === undefined || lot === undefined || positionals.length > 2) throw new UsageError(`expected a journal and a lot\n\n${GENEALOGY_USAGE}`);
  const depthText = values.depth ?? String(DEFAULT_GENEALOGY_DEPTH);
  const depth = Number(depthText);
  if (!/^\d+$/.test(depthText) || depth < 1 || depth > MAX_GENEALOGY_DEPTH) throw new UsageError(`--depth: expected 1 … ${MAX_GENEALOGY_DEPTH}, got "${depthText}"`);
  const journal = openReader(path);
  let g: Genealogy;
  let session: number;
  try {
    session = pickSession(path, values.session === undefined ? undefined : parseSession(values.session));
    g = genealogyForLot(journal.db, session, lot, depth);
  } finally {
    journal.close();
  }
  if (!g.found) throw new UsageError(`session ${session} of ${path} has no lot ${lot}`);
  out.write(values.json === true ? `${JSON.stringify({ session, ...g }, null, 2)}\n` : `${renderGenealogy(g)}\n`);
  return 0;
}

function describe(n: GenealogyNode): string {
  const qty = n.qty === null ? '' : ` ${n.qty} ${n.uom}`;
  if (n.kind === 'order') return `order ${n.order} (${n.item}${qty})`;
  const status = n.status === null ? '' : ` · ${n.status}`;
  const parts = n.decisions !== undefined && n.decisions.length > 1 ? ` (${n.decisions.map((d) => `${d.decision} ${d.qty}`).join(', ')})` : '';
  const from = n.order === null ? ' · opening stock' : ` · made by ${n.order}`;
  return `lot ${n.lot} ${n.item}${qty}${status}${parts}${from}`;
}

/**
 * The genealogy as two indented trees from the lot: inputs above (each line what went into the one
 * before), uses below.
 */
export function renderGenealogy(g: Genealogy): string {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const into = new Map<string, { id: string; via: string }[]>();
  const outOf = new Map<string, { id: string; via: string }[]>();
  for (const e of g.edges) {
    (into.get(e.to) ?? into.set(e.to, []).get(e.to)!).push({ id: e.from, via: e.via });
    (outOf.get(e.from) ?? outOf.set(e.from, []).get(e.from)!).push({ id: e.to, via: e.via });
  }
  const root = `lot:${g.lot}`;
  const lines: string[] = [describe(byId.get(root)!)];
  const walk = (id: string, next: Map<string, { id: string; via: string }[]>, arrow: string, indent: string, seen: Set<string>) => {
    for (const e of next.get(id) ?? []) {
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      lines.push(`${indent}${arrow} ${e.via.padEnd(8)} ${describe(byId.get(e.id)!)}`);
      walk(e.id, next, arrow, `${indent}  `, seen);
    }
  };
  lines.push('up (where it came from):');
  walk(root, into, '↑', '  ', new Set([root]));
  lines.push('down (where it went):');
  walk(root, outOf, '↓', '  ', new Set([root]));
  if (g.truncated) lines.push('(cut short: too many lots)');
  return lines.join('\n');
}
