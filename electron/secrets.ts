/**
 * Broker passwords the desktop app may remember, encrypted with Electron's `safeStorage` (Keychain
 * on macOS, DPAPI on Windows, the desktop's secret service on Linux) and kept as base64 in one JSON
 * file in the user-data folder. The file never holds a password in the clear: where the OS offers
 * no real encryption the store refuses to remember and the app asks each time instead.
 *
 * Electron is passed in rather than imported so the logic runs (and is tested) without it:
 * `createSecretStore(safeStorage, join(app.getPath('userData'), 'secrets.json'))`, after `ready`.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The part of Electron's `safeStorage` used here (its synchronous API, Electron ≤ 45). */
export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which secret store backs the encryption key */
  getSelectedStorageBackend?(): string;
};

export type SecretStore = {
  /** false when passwords cannot be encrypted for real: then ask each time and store nothing */
  canRemember(): boolean;
  /** the remembered password, or null (none, cannot remember, or no longer decryptable) */
  get(name: string): string | null;
  /** encrypt and keep; throws when `canRemember()` is false */
  remember(name: string, password: string): void;
  forget(name: string): void;
};

/** On disk: connection name → base64 of `safeStorage.encryptString(password)`. */
type SecretsFile = { readonly version: 1; readonly secrets: Record<string, string> };

/**
 * Linux backends that do not protect the key: `basic_text` encrypts with a password hard-coded in
 * Chromium (anyone who reads the file can decrypt it), `unknown` means the app is not ready yet.
 */
const WEAK_BACKENDS = new Set(['basic_text', 'unknown']);

export function createSecretStore(safeStorage: SafeStorageLike, file: string): SecretStore {
  const canRemember = (): boolean => {
    if (!safeStorage.isEncryptionAvailable()) return false;
    const backend = safeStorage.getSelectedStorageBackend?.();
    return backend === undefined || !WEAK_BACKENDS.has(backend);
  };

  return {
    canRemember,
    get(name) {
      if (!canRemember()) return null;
      const sealed = read(file).get(name);
      if (sealed === undefined) return null;
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        // the OS key changed (new profile, reset keychain): ask again, the next remember replaces it
        return null;
      }
    },
    remember(name, password) {
      if (!canRemember()) throw new Error('passwords cannot be remembered here: no OS secret store protects them');
      const secrets = read(file);
      secrets.set(name, safeStorage.encryptString(password).toString('base64'));
      write(file, secrets);
    },
    forget(name) {
      const secrets = read(file);
      if (!secrets.delete(name)) return;
      write(file, secrets);
    },
  };
}

/** The stored entries; a missing or damaged file counts as empty (these are only remembered passwords). */
function read(file: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return new Map();
  }
  const secrets = (parsed as Partial<SecretsFile> | null)?.secrets;
  if (typeof secrets !== 'object' || secrets === null) return new Map();
  return new Map(Object.entries(secrets).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Write a temporary file readable by the user only, then rename it over the old one: never half a file. */
function write(file: string, secrets: ReadonlyMap<string, string>): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const body: SecretsFile = { version: 1, secrets: Object.fromEntries(secrets) };
  const temp = `${file}.${process.pid}.tmp`;
  try {
    rmSync(temp, { force: true }); // a leftover of a crash: create afresh so the mode applies
    writeFileSync(temp, JSON.stringify(body, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
