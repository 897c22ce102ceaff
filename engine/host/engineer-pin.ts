import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file in the config directory that holds the engineer PIN's scrypt hash (never the PIN). */
export const PIN_FILE = 'engineer-pin.json';

/** What the file holds: the KDF's parameters beside the salt and hash, so they can be raised later without breaking old files. */
type PinRecord = {
  readonly version: 1;
  readonly kdf: 'scrypt';
  readonly N: number;
  readonly r: number;
  readonly p: number;
  /** base64 */
  readonly salt: string;
  /** base64 */
  readonly hash: string;
};

/** scrypt at N = 2^15, r = 8 (32 MiB, about 0.1 s here): slow enough that a copied file is costly to guess from, quick to type. */
const PARAMS = { N: 1 << 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const MIN_LENGTH = 4;
const MAX_LENGTH = 64;

/** What the config directory says of the PIN: none, one (its record), or a file that could not be read. */
export type PinState = { readonly kind: 'none' } | { readonly kind: 'set'; readonly record: PinRecord } | { readonly kind: 'unreadable'; readonly problem: string };

const derive = (pin: string, salt: Buffer, r: Pick<PinRecord, 'N' | 'r' | 'p'>): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const opts: ScryptOptions = { N: r.N, r: r.r, p: r.p, maxmem: 256 * r.N * r.r };
    scrypt(pin.normalize('NFC'), salt, KEY_BYTES, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });

/** A PIN the user may choose: 4 to 64 characters, not only spaces. */
export function checkNewPin(pin: unknown): string {
  if (typeof pin !== 'string') throw new Error('pin: expected text');
  const chars = [...pin].length;
  if (chars < MIN_LENGTH || chars > MAX_LENGTH || pin.trim() === '') throw new Error(`the PIN must have ${MIN_LENGTH} to ${MAX_LENGTH} characters`);
  return pin;
}

function isRecord(v: unknown): v is PinRecord {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  const int = (x: unknown, lo: number, hi: number) => Number.isSafeInteger(x) && (x as number) >= lo && (x as number) <= hi;
  return (
    o.version === 1 &&
    o.kdf === 'scrypt' &&
    int(o.N, 2, 1 << 20) &&
    ((o.N as number) & ((o.N as number) - 1)) === 0 &&
    int(o.r, 1, 32) &&
    int(o.p, 1, 16) &&
    typeof o.salt === 'string' &&
    typeof o.hash === 'string' &&
    Buffer.from(o.hash, 'base64').length === KEY_BYTES
  );
}

/** Read the PIN file of a config directory. A file that is there but not a PIN record is `unreadable` (fail closed: no unlock). */
export function readPin(configDir: string): PinState {
  const file = join(configDir, PIN_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    return { kind: 'unreadable', problem: `${file}: ${(err as Error).message}` };
  }
  try {
    const v: unknown = JSON.parse(text);
    if (isRecord(v)) return { kind: 'set', record: v };
  } catch {
    // said below
  }
  return { kind: 'unreadable', problem: `${file} is not an engineer PIN file (an administrator can delete it to set a new PIN)` };
}

/** Whether `pin` is the one recorded (compared in constant time). */
export async function pinMatches(record: PinRecord, pin: string): Promise<boolean> {
  if (typeof pin !== 'string' || pin.length > 4 * MAX_LENGTH) return false;
  const expected = Buffer.from(record.hash, 'base64');
  const got = await derive(pin, Buffer.from(record.salt, 'base64'), record);
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/** Write a new PIN's hash (atomically, readable by the user only), or remove the file for `null`. */
export async function writePin(configDir: string, pin: string | null): Promise<void> {
  const file = join(configDir, PIN_FILE);
  if (pin === null) {
    rmSync(file, { force: true });
    return;
  }
  const salt = randomBytes(16);
  const hash = await derive(checkNewPin(pin), salt, PARAMS);
  const record: PinRecord = { version: 1, kdf: 'scrypt', ...PARAMS, salt: salt.toString('base64'), hash: hash.toString('base64') };
  mkdirSync(configDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}
