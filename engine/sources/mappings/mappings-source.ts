import { parseLocated, type LocatedData, type YamlPath } from '../../yaml-positions.js';
import { MappingError } from './mapping-error.js';

/** A path into the parsed file: property names and list indexes. */
export type Path = YamlPath;

/** The parsed mappings file and the position of any value (or its key) in it. */
export type ParsedSource = LocatedData;

/** Parse a mappings file (YAML or JSON); one that does not parse throws a MappingError with its line and column. */
export function parseSource(text: string, file: string): ParsedSource {
  return parseLocated(text, file, (at, reason) => {
    throw new MappingError(file, at, reason);
  });
}
