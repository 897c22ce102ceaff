import { LineCounter, parseDocument } from 'yaml';
import { locateInYaml, type YamlPath } from '../../yaml-positions.js';
import { ConnectionsError } from './connections-error.js';

/** A path into the parsed file: property names and list indexes. */
export type Path = YamlPath;

/** The parsed connections file and a way to find the line of any value (or key) in it. */
export type ParsedFile = {
  readonly data: unknown;
  /** 1-based line of the value at `path` (of its key with `key`), or of its nearest existing ancestor */
  lineOf(path: Path, key?: boolean): number;
};

/**
 * Parse YAML or JSON text the way scenario files are parsed (engine/scenario/source.ts): the YAML
 * parser keeps positions for both, JSON.parse has the last word on what a `.json` file means.
 * Syntax errors throw a ConnectionsError with the line.
 */
export function parseFile(text: string, file: string): ParsedFile {
  const lineCounter = new LineCounter();
  const body = text.replace(/^\uFEFF/, '');
  const doc = parseDocument(body, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const syntax = doc.errors[0];
  const syntaxLine = syntax?.linePos?.[0].line;
  let data: unknown;
  if (/\.json$/i.test(file)) {
    try {
      data = JSON.parse(body);
    } catch (err) {
      throw new ConnectionsError({ file, ...(syntaxLine === undefined ? {} : { line: syntaxLine }), reason: `not valid JSON (${(err as Error).message})` });
    }
  } else {
    if (syntax) {
      const message = syntax.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '');
      throw new ConnectionsError({ file, ...(syntaxLine === undefined ? {} : { line: syntaxLine }), reason: `not valid YAML (${message})` });
    }
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      throw new ConnectionsError({ file, reason: `not valid YAML (${(err as Error).message})` });
    }
  }
  const usable = syntax ? undefined : doc;
  return { data, lineOf: (path, key = false) => (usable ? locateInYaml(usable, lineCounter, path, key).line : 1) };
}
