/**
 * The engineer role on the command line. Where an engineer PIN is set (linesight pin set), a
 * command that publishes to a broker or deletes a session asks for it: from
 * `LINESIGHT_ENGINEER_PIN`, else a prompt that does not echo on a terminal. Checked by the same
 * roles the console's engine uses, with their slowing down of wrong PINs.
 */
import { createRoles, defaultConfigDir, defaultOperator, systemClock, type Role } from '../engine/index.js';
import { UsageError } from './errors.js';
import { promptHidden, type PasswordPrompt } from './secrets.js';

/** The environment variable a script gives the engineer PIN in. */
export const PIN_VARIABLE = 'LINESIGHT_ENGINEER_PIN';

export type EngineerOptions = {
  readonly configDir?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** how to ask; null when nobody can answer (default: a hidden prompt when stdin is a terminal) */
  readonly prompt?: PasswordPrompt | null;
};

/**
 * The engineer role for `what`, once the PIN is given where one is set. A wrong or missing PIN is
 * bad input (exit 2), naming the variable.
 */
export async function unlockEngineer(what: string, opts: EngineerOptions = {}): Promise<Role> {
  const roles = createRoles({ configDir: opts.configDir ?? defaultConfigDir(), clock: systemClock, operator: defaultOperator() });
  if (roles.role() === 'engineer') return 'engineer';
  const env = opts.env ?? process.env;
  const prompt = opts.prompt !== undefined ? opts.prompt : process.stdin.isTTY ? promptHidden : null;
  let pin = env[PIN_VARIABLE];
  if (pin === undefined) {
    if (prompt === null) throw new UsageError(`${what} needs the engineer role: set ${PIN_VARIABLE}, or run in a terminal to be asked for the PIN`);
    pin = await prompt(`Engineer PIN (${what}): `);
  }
  try {
    await roles.switchTo({ role: 'engineer', pin });
  } catch (err) {
    throw new UsageError(`${what}: ${(err as Error).message}`);
  }
  return 'engineer';
}
