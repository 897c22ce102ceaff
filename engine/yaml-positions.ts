import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import { jsonSyntaxErrorAt } from './json-syntax.js';
import { badShapeAt, MAX_FILE_DEPTH, tooDeepAt } from './yaml-limits.js';

/** A path into a parsed YAML or JSON file: property names and list indexes. */
export type YamlPath = ReadonlyArray<string | number>;

/** A place in a file, both 1-based like editors and `tsc` (the column counts UTF-16 code units). */
export type Position = { readonly line: number; readonly column: number };

type Ranged = { range?: [number, number, number] | null };

function start(node: unknown): number | undefined {
  return (node as Ranged | null | undefined)?.range?.[0] ?? undefined;
}

/**
 * Where the value at `path` is in a parsed document (its key instead, with `key`), or the nearest
 * ancestor that exists: what every file Linesight reads (scenarios, connections, mappings) uses to
 * say `file:line:column` in its errors. JSON is YAML 1.2, so one parser keeps positions for both.
 */
export function locateInYaml(doc: Document, lc: LineCounter, path: YamlPath, key = false): Position {
  let node: unknown = doc.contents;
  let offset = start(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = String(path[i]);
    if (isMap(node)) {
      // the last of equal keys: JSON.parse keeps the last, and YAML files refuse duplicates
      const pair = node.items.findLast((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
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

/** Where the YAML parser's first error is, when it says. */
export function yamlErrorPosition(error: YAMLError | undefined): Position | undefined {
  const at = error?.linePos?.[0];
  return at ? { line: at.line, column: at.col } : undefined;
}

/** A YAML parser message without the position and source excerpt that `prettyErrors` appends. */
export function yamlErrorMessage(error: YAMLError): string {
  return error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '');
}

/**
 * A JSON.parse message without the excerpt of the file that V8 quotes in some (`Unexpected token
 * '}', "{"a": }" is not valid JSON`): it may run over several lines, and the position says where.
 */
export function jsonErrorMessage(message: string): string {
  return message.replace(/, (?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, '');
}

/**
 * Where JSON.parse gave up on `text`: from its message when it says (`line N column M` in newer
 * Node, `at position N` in Node 20 for some errors), else where the text first stops being JSON.
 * `lc` must have been filled by parsing the same text as YAML.
 */
export function jsonErrorPosition(message: string, text: string, lc: LineCounter): Position | undefined {
  // without the quoted excerpt, whose own text could read like a position
  const said = jsonErrorMessage(message);
  const lineCol = /\(line (\d+) column (\d+)\)$/.exec(said);
  if (lineCol) return { line: Number(lineCol[1]), column: Number(lineCol[2]) };
  const at = / at position (\d+)/.exec(said);
  const offset = at ? Number(at[1]) : jsonSyntaxErrorAt(text);
  if (offset === undefined) return undefined;
  const { line, col } = lc.linePos(Math.min(offset, text.length));
  return { line, column: col };
}

/** A parsed file and the position of any value (or its key) in it: what a checker needs to say `file:line:column`. */
export type LocatedData = {
  readonly data: unknown;
  /**
   * Line and column of the value at `path` (of its key with `key`), or of its nearest existing
   * ancestor; undefined when positions are not known (a `.json` file that JSON.parse reads but
   * the YAML parser, which keeps them, does not).
   */
  posOf(path: YamlPath, key?: boolean): Position | undefined;
  /** The line alone, 1 when it is not known: for a rule's own line, not for errors. */
  lineOf(path: YamlPath, key?: boolean): number;
};

/**
 * Parse a YAML or JSON file the way scenario files are parsed: the YAML parser keeps positions for
 * both (JSON is YAML 1.2), JSON.parse has the last word on what a `.json` file means, duplicate keys
 * are errors in YAML. A file that does not parse goes to `refuse` with its position when known,
 * in the caller's own error type.
 */
export function parseLocated(text: string, file: string, refuse: (at: Position | undefined, reason: string) => never): LocatedData {
  const lineCounter = new LineCounter();
  const body = text.replace(/^\uFEFF/, '');
  const deep = tooDeepAt(body);
  if (deep) refuse(deep, `nested deeper than ${MAX_FILE_DEPTH} levels`);
  const json = /\.json$/i.test(file);
  // JSON.parse takes the last of duplicate keys, so in a .json file they are no error here either
  const doc = parseDocument(body, { lineCounter, prettyErrors: true, uniqueKeys: !json });
  const syntax = doc.errors[0];
  let data: unknown;
  if (json) {
    try {
      data = JSON.parse(body);
    } catch (err) {
      const message = (err as Error).message;
      refuse(jsonErrorPosition(message, body, lineCounter) ?? yamlErrorPosition(syntax), `not valid JSON (${jsonErrorMessage(message)})`);
    }
  } else {
    if (syntax) refuse(yamlErrorPosition(syntax), `not valid YAML or JSON (${yamlErrorMessage(syntax)})`);
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      // the alias expansion limit: the parser does not say which alias went over it
      refuse(undefined, `not valid YAML (${(err as Error).message})`);
    }
  }
  const usable = syntax ? undefined : doc;
  const posOf = (path: YamlPath, key = false): Position | undefined => (usable ? locateInYaml(usable, lineCounter, path, key) : undefined);
  const bad = badShapeAt(data);
  if (bad) refuse(posOf(bad.path), `not usable: ${bad.problem}`);
  return { data, posOf, lineOf: (path, key = false) => posOf(path, key)?.line ?? 1 };
}
