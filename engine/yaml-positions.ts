import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { badShapeAt, MAX_FILE_DEPTH, tooDeepAt } from './yaml-limits.js';

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

/** A parsed file and the line of any value (or its key) in it: what a checker needs to say `file:line`. */
export type LocatedData = {
  readonly data: unknown;
  /** 1-based line of the value at `path` (of its key with `key`), or of its nearest existing ancestor */
  lineOf(path: YamlPath, key?: boolean): number;
};

/**
 * Parse a YAML or JSON file the way scenario files are parsed: the YAML parser keeps positions for
 * both (JSON is YAML 1.2), JSON.parse has the last word on what a `.json` file means, duplicate keys
 * are errors. A file that does not parse goes to `refuse` with its line when known, in the caller's
 * own error type.
 */
export function parseLocated(text: string, file: string, refuse: (line: number | undefined, reason: string) => never): LocatedData {
  const lineCounter = new LineCounter();
  const body = text.replace(/^\uFEFF/, '');
  const deep = tooDeepAt(body);
  if (deep) refuse(deep.line, `nested deeper than ${MAX_FILE_DEPTH} levels`);
  const doc = parseDocument(body, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const syntax = doc.errors[0];
  const syntaxLine = syntax?.linePos?.[0].line;
  let data: unknown;
  if (/\.json$/i.test(file)) {
    try {
      data = JSON.parse(body);
    } catch (err) {
      refuse(syntaxLine, `not valid JSON (${(err as Error).message})`);
    }
  } else {
    if (syntax) refuse(syntaxLine, `not valid YAML or JSON (${syntax.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '')})`);
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      refuse(undefined, `not valid YAML (${(err as Error).message})`);
    }
  }
  const usable = syntax ? undefined : doc;
  const bad = badShapeAt(data);
  if (bad) refuse(usable ? locateInYaml(usable, lineCounter, bad.path).line : undefined, `not usable: ${bad.problem}`);
  return { data, lineOf: (path, key = false) => (usable ? locateInYaml(usable, lineCounter, path, key).line : 1) };
}
