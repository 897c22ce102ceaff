import type { InspectorTopic } from '../../../engine/contract/index.js';

/**
 * One row of the topic tree: a connection, a topic level that groups others, or a topic that had
 * messages (a level may be both: `a/b` and `a/b/c` can both carry messages).
 */
export type TreeRow = {
  /** connection + NUL + topic path so far (the connection's own row: connection + U+0001): unique, stable */
  readonly key: string;
  readonly depth: number;
  readonly label: string;
  readonly connection: string;
  /** the topic path up to this level ('' for the connection) */
  readonly path: string;
  readonly hasChildren: boolean;
  /** its children are hidden */
  readonly collapsed: boolean;
  /** messages under this level, its own included */
  readonly total: number;
  /** the topic of this exact path, when it had messages */
  readonly topic: InspectorTopic | undefined;
};

type Node = { label: string; path: string | null; children: Map<string, Node>; topic: InspectorTopic | undefined; total: number };

const node = (label: string, path: string | null): Node => ({ label, path, children: new Map(), topic: undefined, total: 0 });

/** Group topics by connection and by topic level; `collapsed` keys hide their children. Levels sort by name. */
export function treeRows(topics: readonly InspectorTopic[], collapsed: ReadonlySet<string>): TreeRow[] {
  const roots = new Map<string, Node>();
  for (const t of topics) {
    let n: Node | undefined = roots.get(t.connection);
    if (n === undefined) roots.set(t.connection, (n = node(t.connection, null)));
    n.total += t.count;
    let path = '';
    for (const [i, level] of t.topic.split('/').entries()) {
      path = i === 0 ? level : `${path}/${level}`;
      let c: Node | undefined = n.children.get(level);
      if (c === undefined) n.children.set(level, (c = node(level, path)));
      c.total += t.count;
      n = c;
    }
    n.topic = t;
  }
  const rows: TreeRow[] = [];
  const walk = (connection: string, n: Node, depth: number) => {
    // the connection's own row has no path
    const key = n.path === null ? `${connection}\u0001` : `${connection}\u0000${n.path}`;
    rows.push({ key, depth, label: n.label === '' ? '(empty level)' : n.label, connection, path: n.path ?? '', hasChildren: n.children.size > 0, collapsed: collapsed.has(key), total: n.total, topic: n.topic });
    if (collapsed.has(key)) return;
    for (const c of [...n.children.values()].sort((a, b) => a.label.localeCompare(b.label))) walk(connection, c, depth + 1);
  };
  for (const name of [...roots.keys()].sort()) walk(name, roots.get(name)!, 0);
  return rows;
}
