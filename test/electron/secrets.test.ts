import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretStore, type SafeStorageLike } from '../../electron/secrets.js';

// Electron's own safeStorage must fit the shape the store takes (a type-level check).
type ElectronSafeStorage = typeof import('electron').safeStorage;
const fits: (s: ElectronSafeStorage) => SafeStorageLike = (s) => s;
void fits;

/** A stand-in for safeStorage: a reversible scramble, with a marker so a wrong input fails to decrypt. */
function fakeSafeStorage(opts: { available?: boolean; backend?: string } = {}): SafeStorageLike {
  const scramble = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => opts.available ?? true,
    encryptString: (plain) => Buffer.concat([Buffer.from('v11'), scramble(Buffer.from(plain, 'utf8'))]),
    decryptString: (sealed) => {
      if (sealed.subarray(0, 3).toString() !== 'v11') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return scramble(sealed.subarray(3)).toString('utf8');
    },
    ...(opts.backend === undefined ? {} : { getSelectedStorageBackend: () => opts.backend! }),
  };
}

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-secrets-'));
  file = join(dir, 'user-data', 'secrets.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the desktop secret store', () => {
  it('remembers, gets and forgets a password', () => {
    const store = createSecretStore(fakeSafeStorage({ backend: 'gnome_libsecret' }), file);
    expect(store.canRemember()).toBe(true);
    expect(store.get('line9-edge')).toBeNull();
    store.remember('line9-edge', 'hunter2');
    store.remember('mes', 'other');
    expect(store.get('line9-edge')).toBe('hunter2');
    // a new store (the next start of the app) reads the same file
    expect(createSecretStore(fakeSafeStorage(), file).get('mes')).toBe('other');
    store.forget('line9-edge');
    expect(store.get('line9-edge')).toBeNull();
    expect(store.get('mes')).toBe('other');
  });

  it('never writes the plaintext, and the file is readable by the user only', () => {
    const store = createSecretStore(fakeSafeStorage(), file);
    store.remember('line9-edge', 'correct horse battery staple');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('correct horse battery staple');
    expect(text).toContain('line9-edge');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'user-data'))).toEqual(['secrets.json']); // no temp file left behind
  });

  it.each([
    ['encryption is unavailable', { available: false }],
    ['Linux falls back to basic_text (a key hard-coded in Chromium)', { backend: 'basic_text' }],
    ['the app is not ready yet (backend unknown)', { backend: 'unknown' }],
  ])('refuses to remember when %s, and stores nothing', (_why, opts) => {
    const store = createSecretStore(fakeSafeStorage(opts), file);
    expect(store.canRemember()).toBe(false);
    expect(() => store.remember('line9-edge', 'hunter2')).toThrow(/cannot be remembered/);
    expect(() => statSync(file)).toThrow();
    expect(store.get('line9-edge')).toBeNull();
  });

  it('answers null rather than failing when a stored password no longer decrypts or the file is damaged', () => {
    const store = createSecretStore(fakeSafeStorage(), file);
    store.remember('ok', 'fine');
    const data = JSON.parse(readFileSync(file, 'utf8')) as { secrets: Record<string, string> };
    data.secrets.stale = Buffer.from('not sealed by this key').toString('base64');
    writeFileSync(file, JSON.stringify(data));
    expect(store.get('stale')).toBeNull();
    expect(store.get('ok')).toBe('fine');
    writeFileSync(file, '{ not json');
    expect(store.get('ok')).toBeNull();
    store.remember('ok', 'again');
    expect(store.get('ok')).toBe('again');
  });
});
