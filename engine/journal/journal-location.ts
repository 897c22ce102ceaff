import { accessSync, constants, existsSync, statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

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

/** The facts of the place `path` would be written, read from the file system. */
export function journalLocationFacts(path: string): JournalLocationFacts {
  const file = resolve(path);
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
  return { platform: process.platform, path: file, ...(fsType === undefined ? {} : { fsType }), notWritable };
}

/**
 * Refuse a journal that is to be written where it should not be: in a read-only folder always,
 * on a network file system unless `allowNetwork`. Throws `JournalLocationError`.
 */
export function checkJournalLocation(path: string, opts: { readonly allowNetwork?: boolean } = {}): void {
  const facts = journalLocationFacts(path);
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
