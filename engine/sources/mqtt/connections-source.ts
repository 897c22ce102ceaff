import { parseLocated, type LocatedData, type YamlPath } from '../../yaml-positions.js';
import { ConnectionsError } from './connections-error.js';

/** A path into the parsed file: property names and list indexes. */
export type Path = YamlPath;

/** The parsed connections file and the position of any value (or key) in it. */
export type ParsedFile = LocatedData;

/** Parse a connections file (YAML or JSON); one that does not parse throws a ConnectionsError with its line and column. */
export function parseFile(text: string, file: string): ParsedFile {
  return parseLocated(text, file, (at, reason) => {
    throw new ConnectionsError({ file, ...at, reason });
  });
}
