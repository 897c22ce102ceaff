import type { Position } from '../../yaml-positions.js';

/**
 * A mappings file that cannot be used. The message is one line, `mappings.yaml:7:5: mapping 2
 * (json): unknown key "feilds"` (just `mappings.yaml: …` when the position is not known, e.g. an
 * unreadable file), so the CLI can print it as it is.
 */
export class MappingError extends Error {
  override readonly name = 'MappingError';
  readonly file: string;
  /** 1-based, when the position in the file is known */
  readonly line?: number;
  /** 1-based, with `line` */
  readonly column?: number;
  readonly reason: string;

  constructor(file: string, at: Position | undefined, reason: string) {
    super(`${at ? `${file}:${at.line}:${at.column}` : file}: ${reason}`);
    this.file = file;
    if (at) {
      this.line = at.line;
      this.column = at.column;
    }
    this.reason = reason;
  }
}
