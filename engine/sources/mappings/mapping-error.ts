/**
 * A mappings file that cannot be used. The message is one line, `mappings.yaml:7: mapping 2 (json):
 * unknown key "feilds"`, so the CLI can print it as it is.
 */
export class MappingError extends Error {
  override readonly name = 'MappingError';
  readonly file: string;
  /** 1-based; 1 when the position is not known */
  readonly line: number;
  readonly reason: string;

  constructor(file: string, line: number, reason: string) {
    super(`${file}:${line}: ${reason}`);
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}
