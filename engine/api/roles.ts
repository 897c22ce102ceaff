/**
 * The host's role (trainee < operator < engineer) and the checks the handlers make with it. The
 * role is the host's, not a call's: one console on one PC. The engine refuses what the role does
 * not allow, whatever the UI shows; see engine/contract/profile.ts for what this protects against.
 */
import type { ProfileStatus, Role, SetPinArgs, SwitchRoleArgs } from '../contract/index.js';
import { pinMatches, readPin, writePin } from '../host/engineer-pin.js';
import type { HostClock } from '../session/host-clock.js';
import type { Handlers } from './registry.js';

/** The roles, lowest first. */
export const ROLES: readonly Role[] = ['trainee', 'operator', 'engineer'];

const rank = (r: Role): number => ROLES.indexOf(r);

/** Wrong PINs in a row before attempts are refused for a while. */
const ATTEMPTS = 5;
/** How long, in host ms; it doubles with each further wrong PIN, up to an hour. */
const LOCK_MS = 30_000;
const MAX_LOCK_MS = 3_600_000;

/** A call refused because the host's role is too low: says the role it needs. */
export class RoleError extends Error {
  constructor(
    readonly needed: Role,
    readonly role: Role,
    what: string,
  ) {
    super(`${what} needs the ${needed} role; this console is in the ${role} role${needed === 'engineer' ? ' (unlock it with the engineer PIN)' : ''}`);
    this.name = 'RoleError';
  }
}

export type Roles = {
  /** the role now */
  role(): Role;
  /** throws a `RoleError` unless the role now is at least `needed`; `what` names the action in the refusal */
  require(needed: Role, what: string): void;
  status(): ProfileStatus;
  switchTo(args: SwitchRoleArgs): Promise<ProfileStatus>;
  setPin(args: SetPinArgs): Promise<ProfileStatus>;
};

const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

/**
 * A host's roles. It starts as engineer when no PIN is set (roles not in force), else as operator
 * (or `initial`, if given and allowed). The PIN file is read on each use, so a PIN set from the CLI
 * applies at once.
 */
export function createRoles(opts: { readonly configDir: string; readonly clock: HostClock; readonly operator: string; readonly initial?: Role }): Roles {
  const { configDir, clock, operator } = opts;
  const pinSet = () => readPin(configDir).kind !== 'none';
  let role: Role = opts.initial ?? (pinSet() ? 'operator' : 'engineer');
  let failures = 0;
  let lockedUntil = 0;
  const lockedFor = () => Math.max(0, Math.ceil(lockedUntil - clock.now()));

  /** Check `pin` against the file; counts failures and locks out after `ATTEMPTS` wrong ones. */
  const verify = async (pin: unknown, purpose: string): Promise<void> => {
    const state = readPin(configDir);
    if (state.kind === 'none') return;
    if (state.kind === 'unreadable') throw new Error(`${purpose} is not possible: ${state.problem}`);
    const wait = lockedFor();
    if (wait > 0) throw new Error(`too many wrong PINs: try again in ${Math.ceil(wait / 1000)} s`);
    if (typeof pin !== 'string' || pin === '') throw new Error(`${purpose} needs the engineer PIN`);
    if (await pinMatches(state.record, pin)) {
      failures = 0;
      return;
    }
    failures++;
    if (failures >= ATTEMPTS) lockedUntil = clock.now() + Math.min(MAX_LOCK_MS, LOCK_MS * 2 ** (failures - ATTEMPTS));
    throw new Error('wrong PIN');
  };

  const status = (): ProfileStatus => {
    const state = readPin(configDir);
    return { role, operator, pinSet: state.kind !== 'none', lockedForMs: lockedFor(), pinProblem: state.kind === 'unreadable' ? state.problem : null };
  };

  return {
    role: () => role,
    require(needed, what) {
      if (rank(role) < rank(needed)) throw new RoleError(needed, role, what);
    },
    status,
    async switchTo(args) {
      const next = args?.role;
      if (!isRole(next)) throw new Error(`role: expected one of ${ROLES.join(', ')}, got ${JSON.stringify(next)}`);
      if (next === 'engineer' && role !== 'engineer') await verify(args.pin, 'the engineer role');
      role = next;
      return status();
    },
    async setPin(args) {
      const pin = args?.pin;
      if (pin !== null && typeof pin !== 'string') throw new Error('pin: expected the new PIN, or null to clear it');
      const state = readPin(configDir);
      if (state.kind === 'none' && pin === null) return status();
      // the first PIN needs nothing; changing or clearing one needs it (an unreadable file is replaced only by an administrator)
      if (state.kind !== 'none') await verify(args.current, pin === null ? 'clearing the PIN' : 'changing the PIN');
      await writePin(configDir, pin);
      // with the first PIN, roles come into force: an engineer stays one until they switch down
      return status();
    },
  };
}

/** The profile calls: the role now, switching it, and the engineer PIN. */
export function profileHandlers(roles: Roles): Handlers<'profile.status' | 'profile.switch' | 'profile.setPin'> {
  return {
    'profile.status': () => Promise.resolve(roles.status()),
    'profile.switch': async (args) => roles.switchTo(args),
    'profile.setPin': async (args) => roles.setPin(args),
  };
}
