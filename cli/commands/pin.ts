import { join } from 'node:path';
import { createRoles, defaultConfigDir, defaultOperator, PIN_FILE, readPin, systemClock } from '../../engine/index.js';
import { PIN_VARIABLE } from '../engineer.js';
import { UsageError } from '../errors.js';
import { parseOptions } from '../parse-options.js';
import { promptHidden, type PasswordPrompt } from '../secrets.js';

export const PIN_USAGE = `linesight pin status | set | clear

  The engineer PIN of this PC's Linesight: the console starts in the operator role once one is set,
  and publishing to a live broker, replaying to one, edit-and-resend, discard, changing mappings
  and deleting sessions need the engineer role, unlocked with it (docs/roles.md). Only its scrypt
  hash is kept, in the config directory (${PIN_FILE}).
  status   whether a PIN is set, and where
  set      set the PIN (4 to 64 characters), asked twice on a terminal or read as one line from
           stdin; changing it needs the current one (${PIN_VARIABLE}, else asked)
  clear    remove the PIN (roles are then not in force); needs the current one

  Exit codes: 0 done · 2 bad input (a wrong PIN, one too short, the two entries differ) · 3 failed`;

export type PinStreams = {
  readonly out?: NodeJS.WritableStream;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** how to ask on a terminal; null when stdin is not one (then the new PIN is read from stdin) */
  readonly prompt?: PasswordPrompt | null;
  readonly stdin?: NodeJS.ReadableStream;
  readonly configDir?: string;
};

/** The first line of a stream (a script's new PIN), without its line ending. */
async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes('\n') || text.length > 4096) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/** `linesight pin`: returns the exit code. */
export async function pinCommand(argv: readonly string[], s: PinStreams = {}): Promise<number> {
  const { positionals } = parseOptions(argv, {} as const, PIN_USAGE);
  const out = s.out ?? process.stdout;
  const env = s.env ?? process.env;
  const prompt = s.prompt !== undefined ? s.prompt : process.stdin.isTTY ? promptHidden : null;
  const configDir = s.configDir ?? defaultConfigDir(env);
  const file = join(configDir, PIN_FILE);
  const action = positionals[0];
  if (positionals.length !== 1 || !['status', 'set', 'clear'].includes(action!)) throw new UsageError(`pin needs one of status, set, clear\n\n${PIN_USAGE}`);
  const state = readPin(configDir);
  if (action === 'status') {
    out.write(state.kind === 'none' ? `no engineer PIN is set (${file}): roles are not in force\n` : state.kind === 'set' ? `an engineer PIN is set (${file})\n` : `${state.problem}\n`);
    return 0;
  }
  const roles = createRoles({ configDir, clock: systemClock, operator: defaultOperator() });
  const current = async (): Promise<string | undefined> => {
    if (state.kind !== 'set') return undefined;
    const fromEnv = env[PIN_VARIABLE];
    if (fromEnv !== undefined) return fromEnv;
    if (prompt === null) throw new UsageError(`${action === 'set' ? 'changing' : 'clearing'} the PIN needs the current one: set ${PIN_VARIABLE}, or run in a terminal to be asked`);
    return prompt('Current engineer PIN: ');
  };
  const now = await current();
  let next: string | null = null;
  if (action === 'set') {
    if (prompt === null) next = await firstLine(s.stdin ?? process.stdin);
    else {
      next = await prompt('New engineer PIN: ');
      if ((await prompt('Once more: ')) !== next) throw new UsageError('the two entries differ: nothing was changed');
    }
  }
  try {
    await roles.setPin({ pin: next, ...(now === undefined ? {} : { current: now }) });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}: nothing was changed`);
  }
  out.write(next === null ? `the engineer PIN is cleared (${file}): roles are not in force\n` : `the engineer PIN is set (${file})\n`);
  return 0;
}
