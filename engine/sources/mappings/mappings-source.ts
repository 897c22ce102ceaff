import { LineCounter, parseDocument } from 'yaml';
import { locateInYaml, type YamlPath } from '../../yaml-positions.js';
import { MappingError } from './mapping-error.js';

/** A path into the parsed file: property names and list indexes. */
export type Path = YamlPath;

/** The parsed file and a way to find the line of any value (or its key) in it. */
export type ParsedSource = {
  readonly data: unknown;
  /** 1-based line of the value at `path` (of its key with `key`), or of its nearest existing ancestor */
  lineOf(path: Path, key?: boolean): number;
};

/**
 * Parse YAML or JSON (JSON is YAML 1.2, so one parser keeps positions for both). Syntax errors,
 * duplicate keys included, throw a MappingError with the line. Positions come from
 * engine/yaml-positions.ts, as for scenario and connections files.
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
  return { data, lineOf: (path, key = false) => locateInYaml(doc, lineCounter, path, key).line };
}
