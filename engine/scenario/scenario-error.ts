/** Where a scenario problem is and what was expected there. */
export type ScenarioProblem = {
  /** the file as the user named it (or `--seed` / `--until` for a command-line override) */
  readonly file: string;
  /** 1-based, when the position in the file is known */
  readonly line?: number;
  readonly column?: number;
  /** JSON-pointer-like path of the offending value, e.g. `/faults/2/probability`; `` for the whole file */
  readonly path: string;
  /** what should have been there, e.g. `exactly one of probability or count` */
  readonly expected: string;
  /** what was there instead, already quoted where it helps */
  readonly got?: string;
};

/**
 * A scenario (or plant model) that cannot be loaded. The message reads
 * `file:line:column: at /faults/2: expected exactly one of probability or count`; the CLI prints it
 * and exits with code 2.
 */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly path: string;
  readonly expected: string;
  readonly got?: string;

  constructor(problem: ScenarioProblem) {
    super(formatProblem(problem));
    this.file = problem.file;
    if (problem.line !== undefined) this.line = problem.line;
    if (problem.column !== undefined) this.column = problem.column;
    this.path = problem.path;
    this.expected = problem.expected;
    if (problem.got !== undefined) this.got = problem.got;
  }
}

function formatProblem(p: ScenarioProblem): string {
  const where = p.line === undefined ? p.file : p.column === undefined ? `${p.file}:${p.line}` : `${p.file}:${p.line}:${p.column}`;
  const at = p.path ? `at ${p.path}: ` : '';
  const got = p.got !== undefined ? `, got ${p.got}` : '';
  return `${where}: ${at}expected ${p.expected}${got}`;
}

/** Quote a value from a file for a message: strings in double quotes, the rest as JSON, long values cut. */
export function show(value: unknown): string {
  const text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? `a ${typeof value}`);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
