/** Where a connections-file problem is: the file as the user named it, its line and column, the connection. */
export type ConnectionsProblem = {
  readonly file: string;
  /** 1-based, when the position in the file is known */
  readonly line?: number;
  /** 1-based, with `line` */
  readonly column?: number;
  /** the connection's name (or `#3` before its name is known); absent for the file as a whole */
  readonly connection?: string;
  /** what is wrong, in one sentence without a trailing period */
  readonly reason: string;
};

/**
 * A connections file (`--connections FILE`) that cannot be used. The message is one line,
 * `connections.yaml:7:15: connection "line9-edge": protocol must be 5 or 3.1.1` (just
 * `connections.yaml: …` when the position is not known, e.g. an unreadable file), so the CLI
 * prints it as it is and exits with code 2.
 */
export class ConnectionsError extends Error {
  override readonly name = 'ConnectionsError';
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly connection?: string;
  readonly reason: string;

  constructor(problem: ConnectionsProblem) {
    const who = problem.connection === undefined ? '' : `connection ${problem.connection}: `;
    super(`${where(problem.file, problem.line, problem.column)}: ${who}${problem.reason}`);
    this.file = problem.file;
    if (problem.line !== undefined) this.line = problem.line;
    if (problem.column !== undefined) this.column = problem.column;
    if (problem.connection !== undefined) this.connection = problem.connection;
    this.reason = problem.reason;
  }
}

/** `file:line:column`, or as much of it as is known. */
function where(file: string, line: number | undefined, column: number | undefined): string {
  if (line === undefined) return file;
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}
