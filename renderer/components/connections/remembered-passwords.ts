/**
 * Remembered broker passwords in the desktop app: which key store this console has, filling an empty
 * password from it before `session.watch`, and keeping or forgetting each connection's password
 * afterwards as its box says. The password goes only between the form, the key store and the watch:
 * never into the zustand store, a log or an error message.
 */
import type { SecretsBridge } from '../../api/bridge.js';
import { shownName, type ConnectionDraft } from './connection-draft.js';

/**
 * `absent`: the browser host, no key store at all; `checking`: the desktop app is being asked;
 * `unavailable`: the desktop app on a system without a key store it can use (Linux `basic_text`);
 * `available`: passwords may be remembered.
 */
export type KeyStore = 'absent' | 'checking' | 'unavailable' | 'available';

/** What the desktop app says about its key store (no answer counts as none: ask each time). */
export async function keyStoreOf(secrets: SecretsBridge | undefined): Promise<KeyStore> {
  if (!secrets) return 'absent';
  try {
    return (await secrets.status()).canRemember === true ? 'available' : 'unavailable';
  } catch {
    return 'absent';
  }
}

/** The longest connection name the desktop app keeps a password under (electron/secrets-ipc.ts). */
export const MAX_NAME_LENGTH = 200;

/** A connection whose password the key store may hold: it has a name and a user name. */
const keyOf = (d: ConnectionDraft): string | null => (d.username.trim() === '' ? null : shownName(d) || null);

/**
 * The drafts with each empty password filled from the key store (its box then ticked: it is
 * remembered). A password that cannot be read is simply not filled: the broker refuses, and the
 * user types it.
 */
export async function fillRemembered(drafts: readonly ConnectionDraft[], secrets: SecretsBridge): Promise<ConnectionDraft[]> {
  return Promise.all(
    drafts.map(async (d) => {
      const name = keyOf(d);
      if (name === null || d.password !== '') return d;
      let password: string | null;
      try {
        password = await secrets.get(name);
      } catch {
        return d;
      }
      return typeof password === 'string' && password !== '' ? { ...d, password, remember: true } : d;
    }),
  );
}

/**
 * After the watch started: remember the password of each ticked connection, forget the others'.
 * Returns what could not be done, in words naming the connection (never the password).
 */
export async function keepPasswords(drafts: readonly ConnectionDraft[], secrets: SecretsBridge): Promise<string[]> {
  const problems: string[] = [];
  for (const d of drafts) {
    const name = shownName(d);
    if (name === '') continue;
    const keep = d.remember && keyOf(d) !== null;
    if (keep && d.password === '') continue; // ticked but nothing typed or remembered: nothing to keep
    if (!keep && name.length > MAX_NAME_LENGTH) continue; // nothing can be kept under such a name
    try {
      if (keep) await secrets.remember(name, d.password);
      else await secrets.forget(name);
    } catch (err) {
      problems.push(`The password of “${name}” could not be ${keep ? 'remembered' : 'forgotten'}: ${reason(err)}`);
    }
  }
  return problems;
}

/** The main process's message without Electron's "Error invoking remote method …: Error:" wrapping. */
function reason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/^Error invoking remote method '[^']*': (\w*Error: )?/, '').replace(/^linesight: /, '');
}
