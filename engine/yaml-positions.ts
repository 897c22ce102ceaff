import { isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';

/** A path into a parsed YAML or JSON file: property names and list indexes. */
export type YamlPath = ReadonlyArray<string | number>;

type Ranged = { range?: [number, number, number] | null };

function start(node: unknown): number | undefined {
  return (node as Ranged | null | undefined)?.range?.[0] ?? undefined;
}

/**
 * Where the value at `path` is in a parsed document (its key instead, with `key`), or the nearest
 * ancestor that exists: what every file Linesight reads (scenarios, connections, mappings) uses to
 * say `file:line` in its errors. JSON is YAML 1.2, so one parser keeps positions for both.
 */
export function locateInYaml(doc: Document, lc: LineCounter, path: YamlPath, key = false): { line: number; column: number } {
  let node: unknown = doc.contents;
  let offset = start(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = String(path[i]);
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
      if (!pair) break;
      const keyAt = start(pair.key);
      const empty = isScalar(pair.value) && pair.value.value === null && !pair.value.source;
      if ((key && i === path.length - 1) || pair.value === null || empty) {
        offset = keyAt ?? offset;
        break;
      }
      node = pair.value;
      offset = start(node) ?? keyAt ?? offset;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) break;
      node = item;
      offset = start(item) ?? offset;
    } else break;
  }
  const { line, col } = lc.linePos(offset);
  return { line, column: col };
}
