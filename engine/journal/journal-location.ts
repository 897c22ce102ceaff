import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, statfsSync } from 'node:fs';
import { dirname, resolve, win32 } from 'node:path';

/**
 * File systems on which a journal is refused unless the user insists (`--allow-network-journal`):
 * SQLite's WAL keeps its index in shared memory beside the file (`-shm`) and relies on POSIX locks,
 * which network and FUSE file systems do not share correctly between machines (or at all) — two
 * writers may both believe they hold the lock, and the journal is corrupted without a word.
 * Keys are `statfs(2)` `f_type` magic numbers on Linux (see `statfs(2)`, linux/magic.h).
 */
export const NETWORK_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x6969, 'NFS'],
  [0xff534d42, 'SMB/CIFS'],
  [0xfe534d42, 'SMB2'],
  [0x517b, 'SMB (smbfs)'],
  [0x01021997, '9p (e.g. a Windows drive under WSL 2)'],
  // FUSE carries sshfs, rclone and GlusterFS, but also local ones (ntfs-3g): it cannot tell, so it asks
  [0x65735546, 'FUSE (sshfs, rclone, …)'],
  [0x5346414f, 'AFS'],
  [0x00c36400, 'CephFS'],
  [0x73757245, 'Coda'],
  [0x564c, 'NCP (NetWare)'],
  [0x0bd00bd0, 'Lustre'],
  [0x01161970, 'GFS2'],
  [0x7461636f, 'OCFS2'],
]);

/** What is known about where a journal would be written: the inputs of `journalLocationProblem`. */
export type JournalLocationFacts = {
  readonly platform: NodeJS.Platform;
  /** the journal file, as given */
  readonly path: string;
  /** `statfs(2)` f_type of its folder (Linux; undefined where unknown) */
  readonly fsType?: number | bigint;
  /** null when the folder (and the file, if it exists) may be written; else the access error's code (EACCES, EROFS, EPERM) */
  readonly notWritable: string | null;
  /** Windows: the network share its drive letter is mapped to (`\\server\share`; undefined: a local drive, or unknown) */
  readonly mappedTo?: string;
};

/** Why a journal cannot (or should not) be written where it is. */
export type JournalLocationProblem =
  | { readonly kind: 'network'; readonly fileSystem: string; readonly reason: string }
  | { readonly kind: 'read-only'; readonly reason: string };

/** A Windows UNC path (`\\server\share\…`, `//server/share/…`, `\\?\UNC\server\share\…`): a network share. */
export function isUncPath(path: string): boolean {
  if (/^[\\/]{2}[?.][\\/]/.test(path)) return /^[\\/]{2}\?[\\/]UNC[\\/]/i.test(path);
  return /^[\\/]{2}[^\\/]+[\\/][^\\/]+/.test(path);
}

/** Pure: the problem with writing a journal at the place `facts` describe, or null when there is none. */
export function journalLocationProblem(facts: JournalLocationFacts): JournalLocationProblem | null {
  const wal = "SQLite's write-ahead log is not safe on a network file system (its locks and shared-memory index do not work across machines, so the journal can be corrupted)";
  if (facts.platform === 'win32' && isUncPath(facts.path)) {
    return { kind: 'network', fileSystem: 'a Windows network share', reason: `${facts.path} is on a network share (UNC path): ${wal}` };
  }
  if (facts.platform === 'win32' && facts.mappedTo !== undefined) {
    const drive = driveOf(facts.path) ?? 'its drive';
    return { kind: 'network', fileSystem: 'a Windows network share', reason: `${facts.path} is on a network share (${drive} is mapped to ${facts.mappedTo}): ${wal}` };
  }
  if (facts.platform === 'linux' && facts.fsType !== undefined) {
    const fileSystem = NETWORK_FILE_SYSTEMS.get(Number(facts.fsType));
    if (fileSystem !== undefined) return { kind: 'network', fileSystem, reason: `${facts.path} is on ${fileSystem}: ${wal}` };
  }
  return readOnlyProblem(facts);
}

/** Pure: the read-only half of `journalLocationProblem` (what even `--allow-network-journal` cannot waive). */
export function readOnlyProblem(facts: Pick<JournalLocationFacts, 'path' | 'notWritable'>): JournalLocationProblem | null {
  if (facts.notWritable !== null) {
    const why = facts.notWritable === 'EROFS' ? 'is on a read-only file system' : `may not be written by this user (${facts.notWritable})`;
    return {
      kind: 'read-only',
      reason: `the journal's folder ${dirname(facts.path)} ${why}: the journal, and the -wal and -shm files SQLite keeps beside it, need a writable folder`,
    };
  }
  return null;
}

/** A journal refused for its location; the message says why and what to do. */
export class JournalLocationError extends Error {
  override readonly name = 'JournalLocationError';
  constructor(readonly problem: JournalLocationProblem) {
    super(
      problem.kind === 'network'
        ? `${problem.reason}. Put the journal on a local disk with --journal, or accept the risk with --allow-network-journal`
        : `${problem.reason}. Choose another place with --journal`,
    );
  }
}

/** The drive letter of a Windows path, upper case with its colon ("Z:"), also behind `\\?\`; undefined for a UNC or relative path. */
export function driveOf(path: string): string | undefined {
  const m = /^(?:[\\/]{2}[?.][\\/])?([A-Za-z]):/.exec(path);
  return m === null ? undefined : `${m[1]!.toUpperCase()}:`;
}

/**
 * Pure: the drive letters `net use` lists as mapped to a network share, from its output — "Z:" →
 * "\\server\share". Matched by the shape of a line (a drive letter, then a UNC path), not by its
 * words: the status (OK, Disconnected, Unavailable, or none), the headers and the network's name
 * are in the user's language. A share name may hold single spaces; two mark the next column.
 */
export function parseNetUse(output: string): ReadonlyMap<string, string> {
  const drives = new Map<string, string>();
  for (const line of output.split(/\r?\n/)) {
    const m = /(?:^|\s)([A-Za-z]):\s+(\\\\[^\\\s]+\\\S+(?: \S+)*)/.exec(line);
    if (m !== null) drives.set(`${m[1]!.toUpperCase()}:`, m[2]!);
  }
  return drives;
}

/** `net use`'s output (Windows), or null when it cannot say: not there, too slow, refused. */
function netUse(): string | null {
  try {
    return execFileSync('net', ['use'], { encoding: 'utf8', timeout: 3_000, windowsHide: true, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

/** How `journalLocationFacts` looks: the platform and how it asks Windows for its mapped drives (tests replace both). */
export type LocationProbe = { readonly platform?: NodeJS.Platform; readonly netUse?: () => string | null };

/** The facts of the place `path` would be written, read from the file system (and, on Windows, `net use` once). */
export function journalLocationFacts(path: string, probe: LocationProbe = {}): JournalLocationFacts {
  const platform = probe.platform ?? process.platform;
  const file = platform === 'win32' ? win32.resolve(path) : resolve(path);
  const dir = dirname(file);
  let fsType: number | undefined;
  try {
    fsType = statfsSync(dir).type;
  } catch {
    // no such folder (SQLite says so when it opens), or no statfs here: nothing to tell
  }
  let notWritable: string | null = null;
  try {
    accessSync(dir, constants.W_OK);
    if (existsSync(file)) accessSync(file, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // a folder that does not exist is not a read-only one
    if (code !== 'ENOENT') notWritable = code ?? 'EACCES';
  }
  // a mapped drive letter looks local: only the mapping tells it is a share (unknown when `net use` fails)
  const drive = platform === 'win32' ? driveOf(file) : undefined;
  let mappedTo: string | undefined;
  if (drive !== undefined) {
    try {
      const listed = (probe.netUse ?? netUse)();
      mappedTo = listed === null ? undefined : parseNetUse(listed).get(drive);
    } catch {
      mappedTo = undefined;
    }
  }
  return { platform, path: file, ...(fsType === undefined ? {} : { fsType }), notWritable, ...(mappedTo === undefined ? {} : { mappedTo }) };
}

/** The environment variable that lets the desktop app write its journal on a network share (`1`), like `--allow-network-journal`. */
export const ALLOW_NETWORK_JOURNAL_ENV = 'LINESIGHT_ALLOW_NETWORK_JOURNAL';

/**
 * Pure: whether a host started with `argv` and `env` accepts a journal on a network file system —
 * `--allow-network-journal` among its arguments, or LINESIGHT_ALLOW_NETWORK_JOURNAL=1 (also `true`, `yes`).
 */
export function allowNetworkJournalFrom(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): boolean {
  if (argv.includes('--allow-network-journal')) return true;
  return /^(1|true|yes)$/i.test(env[ALLOW_NETWORK_JOURNAL_ENV]?.trim() ?? '');
}

/**
 * Refuse a journal that is to be written where it should not be: in a read-only folder always,
 * on a network file system unless `allowNetwork`. Throws `JournalLocationError`.
 */
export function checkJournalLocation(path: string, opts: { readonly allowNetwork?: boolean; readonly probe?: LocationProbe } = {}): void {
  const facts = journalLocationFacts(path, opts.probe);
  let problem = journalLocationProblem(facts);
  // allowed on a network file system: it must still be writable there
  if (problem?.kind === 'network' && opts.allowNetwork === true) problem = readOnlyProblem(facts);
  if (problem !== null) throw new JournalLocationError(problem);
}

/** Free bytes for this user in the folder of `path` (null when the file system will not say). */
export function freeBytesBeside(path: string): number | null {
  try {
    const s = statfsSync(dirname(resolve(path)));
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}
