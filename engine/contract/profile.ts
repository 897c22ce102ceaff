/**
 * Roles on a shared PC: who may do what from this console. Three, in rising order — `trainee`
 * (simulations and exercises), `operator` (also watches live brokers and runs the embedded one) and
 * `engineer` (also publishes to live brokers, replays to them, edits and resends or discards dead
 * letters outside an exercise, changes mappings and deletes sessions). The engineer role is
 * unlocked with a PIN whose scrypt hash sits in the config directory; the engine refuses a call
 * that needs a higher role than the host's, naming the role it needs.
 *
 * What it protects against: mistakes on a shared PC (a trainee publishing into the plant, a
 * session deleted by the wrong person). What it does not: someone with the PC's administrator
 * rights, who can read or replace the config directory and the journal.
 */

/** A role, lowest first. */
export type Role = 'trainee' | 'operator' | 'engineer';

/** The host's role now, and how the engineer role is unlocked. */
export type ProfileStatus = {
  readonly role: Role;
  /** whom actions are recorded as when a call names nobody */
  readonly operator: string;
  /**
   * Whether an engineer PIN is set. Without one, roles are not in force: the host starts as
   * engineer, and any role may be chosen. With one, the host starts as operator.
   */
  readonly pinSet: boolean;
  /** ms of host time before wrong PINs may be tried again (0: now) */
  readonly lockedForMs: number;
  /** why the PIN file could not be read (then the engineer role cannot be unlocked until it is replaced), else null */
  readonly pinProblem: string | null;
};

/** Switch role: down needs nothing; up to engineer needs the PIN when one is set. */
export type SwitchRoleArgs = { readonly role: Role; readonly pin?: string };

/**
 * Set, change or clear the engineer PIN. Setting the first needs nothing (it puts roles in force);
 * changing or clearing (`pin: null`) needs the current PIN.
 */
export type SetPinArgs = { readonly pin: string | null; readonly current?: string };
