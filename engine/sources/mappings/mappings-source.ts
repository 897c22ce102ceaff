import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { MappingError } from './mapping-error.js';

/** A path into the parsed file: property names and list indexes. */
export type Path = ReadonlyArray<string | number>;

/** The parsed file and a way to find the line of any value (or its key) in it. */
export type ParsedSource = {
  readonly data: unknown;
  /** 1-based line of the value at `path` (of its key with `key`), or of its nearest existing ancestor */
  lineOf(path: Path, key?: boolean): number;
};

/**
 * Parse YAML or JSON (JSON is YAML 1.2, so one parser keeps positions for both). Syntax errors,
 * duplicate keys included, throw a MappingError with the line. Same approach as
 * engine/sources/mqtt/connections-source.ts, with this folder's error type.
 */
export function parseSource(text: string, file: string): ParsedSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, prettyErrors: true, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const message = syntax.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '');
    throw new MappingError(file, syntax.linePos?.[0].line ?? 1, `not valid YAML or JSON (${message})`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new MappingError(file, 1, `not valid YAML (${(err as Error).message})`);
  }
  return { data, lineOf: (path, key = false) => locate(doc, lineCounter, path, key) };
}

type Ranged = { range?: [number, number, number] | null };

function start(node: unknown): number | undefined {
  return (node as Ranged | null | undefined)?.range?.[0] ?? undefined;
}

function locate(doc: Document, lc: LineCounter, path: Path, key: boolean): number {
  let node: unknown = doc.contents;
  let offset = start(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = String(path[i]);
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
      if (!pair) break;
      const keyAt = start(pair.key);
      if ((key && i === path.length - 1) || pair.value === null) {
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
  return lc.linePos(offset).line;
}
