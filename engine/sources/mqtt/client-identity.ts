import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * MQTT 3.1.1 (3.1.3.1) obliges every broker to accept 1–23 characters of `[0-9A-Za-z]` as a client
 * id; anything longer or other is the broker's choice. Derived ids keep to that.
 */
export const MAX_PORTABLE_CLIENT_ID = 23;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** What a connection does on its broker: watching keeps a session there; publishing keeps none. */
export type ClientRole = 'watch' | 'publish';

/** This installation's own random id, made on first use and kept in the config directory. */
function installationId(configDir: string): string {
  const file = join(configDir, 'installation-id');
  try {
    const id = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{32}$/.test(id)) return id;
  } catch {
    // not made yet
  }
  mkdirSync(configDir, { recursive: true });
  const id = randomBytes(16).toString('hex');
  writeAtomically(file, `${id}\n`);
  return id;
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, file);
}

/** `ls` and 21 base-62 digits of a hash: 23 characters every MQTT 3.1.1 broker accepts. */
export function deriveClientId(installation: string, role: ClientRole, name: string): string {
  let n = BigInt(`0x${createHash('sha256').update(`${installation}\0${role}\0${name}`).digest('hex')}`);
  let out = '';
  for (let i = 0; i < MAX_PORTABLE_CLIENT_ID - 2; i++) {
    out += ALPHABET[Number(n % 62n)];
    n /= 62n;
  }
  return `ls${out}`;
}

/**
 * The stable client id of a connection of this installation: derived once from the connection's
 * name, its role and the installation, then kept in `<configDir>/client-ids.json` (shown to the
 * user, and the same after every restart, so the broker's session is resumed, never orphaned).
 */
export function stableClientId(configDir: string, role: ClientRole, name: string): string {
  const file = join(configDir, 'client-ids.json');
  let ids: Record<string, string> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) ids = parsed as Record<string, string>;
  } catch {
    // none kept yet (or unreadable: made again, the derivation gives the same ids)
  }
  const key = `${role}:${name}`;
  const kept = ids[key];
  if (typeof kept === 'string' && /^[0-9A-Za-z]{1,23}$/.test(kept)) return kept;
  const id = deriveClientId(installationId(configDir), role, name);
  writeAtomically(file, `${JSON.stringify({ ...ids, [key]: id }, null, 2)}\n`);
  return id;
}

/** A claim on a client id for this process; `release` gives it up (idempotent). */
export type ClientIdClaim = { readonly ok: true; release(): void } | { readonly ok: false; readonly why: string };

/** ids this process holds now: a second connection of ours with the same id is refused too */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claim `clientId` on this machine with a lock file in `<configDir>/locks/`: two connections under
 * one id would take the broker session from each other in turn (MQTT 5 reason 0x8E), each
 * reconnecting, forever. A lock left by a process that is gone is taken over.
 */
export function claimClientId(configDir: string, clientId: string): ClientIdClaim {
  const key = `${configDir}\0${clientId}`;
  if (heldHere.has(key)) return { ok: false, why: `client id ${clientId} is already used by another connection of this Linesight` };
  const dir = join(configDir, 'locks');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${clientId.replace(/[^0-9A-Za-z_-]/g, '_')}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      heldHere.add(key);
      let held = true;
      return {
        ok: true,
        release() {
          if (!held) return;
          held = false;
          heldHere.delete(key);
          rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return { ok: false, why: `cannot lock client id ${clientId}: ${(err as Error).message}` };
      const pid = Number.parseInt(readFileSafe(file), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        return { ok: false, why: `client id ${clientId} is in use by another Linesight on this machine (process ${pid})` };
      }
      // left behind by a process that is gone (or by an earlier run of this one): take it over
      rmSync(file, { force: true });
    }
  }
  return { ok: false, why: `cannot lock client id ${clientId}: another process keeps taking the lock` };
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
