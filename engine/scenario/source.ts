import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { badShapeAt, MAX_FILE_DEPTH, tooDeepAt } from '../yaml-limits.js';
import { jsonErrorMessage, jsonErrorPosition, locateInYaml, yamlErrorMessage, yamlErrorPosition, type YamlPath } from '../yaml-positions.js';
import { ScenarioError } from './scenario-error.js';

/** A path into a parsed file: property names and array indexes. */
export type Path = YamlPath;

/** A parsed YAML or JSON file that can say where each of its values is. */
export type Source = {
  /** the file as the user named it */
  readonly file: string;
  readonly data: unknown;
  /** throw a ScenarioError pointing at `path` (at its key instead of its value with `key`) */
  fail(path: Path, expected: string, got?: string, opts?: { key?: boolean }): never;
};

/** `['faults', 2, 'probability']` → `/faults/2/probability` (RFC 6901 escaping). */
export function pointer(path: Path): string {
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Read and parse a `.yaml`/`.yml`/`.json` file; unreadable files and syntax errors throw ScenarioError. */
export function readSource(file: string, absPath: string): Source {
  let text: string;
  try {
    text = readFileSync(absPath, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new ScenarioError({ file, path: '', expected: 'a readable file', got: e.message });
  }
  return parseSource(file, text, /\.json$/i.test(absPath) ? 'json' : 'yaml');
}

/** Parse file text; the data of a JSON file comes from JSON.parse, positions from the YAML parser. */
export function parseSource(file: string, text: string, format: 'yaml' | 'json'): Source {
  const lineCounter = new LineCounter();
  const body = text.replace(/^\uFEFF/, '');
  const deep = tooDeepAt(body);
  if (deep) throw new ScenarioError({ file, ...deep, path: '', expected: `at most ${MAX_FILE_DEPTH} levels of nesting` });
  // JSON.parse takes the last of duplicate keys, so in a .json file they are no error here either
  const doc = parseDocument(body, { lineCounter, prettyErrors: true, uniqueKeys: format === 'yaml' });
  const syntax = doc.errors[0];
  if (format === 'yaml') {
    if (syntax) {
      throw new ScenarioError({ file, ...yamlErrorPosition(syntax), path: '', expected: `valid YAML (${yamlErrorMessage(syntax)})` });
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: 1000 });
    } catch (err) {
      // the alias expansion limit: the parser does not say which alias went over it
      throw new ScenarioError({ file, path: '', expected: `valid YAML (${(err as Error).message})` });
    }
    return makeSource(file, data, doc, lineCounter);
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    const message = (err as Error).message;
    const pos = jsonErrorPosition(message, body, lineCounter) ?? yamlErrorPosition(syntax);
    throw new ScenarioError({ file, ...pos, path: '', expected: `valid JSON (${jsonErrorMessage(message)})` });
  }
  return makeSource(file, data, syntax ? undefined : doc, lineCounter);
}

function makeSource(file: string, data: unknown, doc: Document | undefined, lc: LineCounter): Source {
  const src: Source = {
    file,
    data,
    fail(path, expected, got, opts) {
      const pos = doc ? locateInYaml(doc, lc, path, opts?.key ?? false) : undefined;
      throw new ScenarioError({ file, ...(pos ?? {}), path: pointer(path), expected, ...(got !== undefined ? { got } : {}) });
    },
  };
  // a recursive alias makes a value that contains itself: nothing after this could walk or quote it
  const bad = badShapeAt(data);
  if (bad) src.fail(bad.path, `plain data (found ${bad.problem})`);
  return src;
}
