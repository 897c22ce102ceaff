/** Where a connections-file problem is: the file as the user named it, its line, the connection. */
export type ConnectionsProblem = {
  readonly file: string;
  /** 1-based, when the position in the file is known */
  readonly line?: number;
  /** the connection's name (or `#3` before its name is known); absent for the file as a whole */
  readonly connection?: string;
  /** what is wrong, in one sentence without a trailing period */
  readonly reason: string;
};

/**
 * A connections file (`--connections FILE`) that cannot be used. The message is one line,
 * `connections.yaml:7: connection "line9-edge": protocol must be 5 or 3.1.1`, so the CLI prints it
 * as it is and exits with code 2.
 */
export class ConnectionsError extends Error {
  override readonly name = 'ConnectionsError';
  readonly file: string;
  readonly line?: number;
  readonly connection?: string;
  readonly reason: string;

  constructor(problem: ConnectionsProblem) {
    const where = problem.line !== undefined ? `${problem.file}:${problem.line}` : problem.file;
    const who = problem.connection === undefined ? '' : `connection ${problem.connection}: `;
    super(`${where}: ${who}${problem.reason}`);
    this.file = problem.file;
    if (problem.line !== undefined) this.line = problem.line;
    if (problem.connection !== undefined) this.connection = problem.connection;
    this.reason = problem.reason;
  }
}
