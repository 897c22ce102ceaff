import { checkJournalLocation, JournalLocationError } from '../engine/journal/journal-location.js';
import { prepareJournal, replacedJournalNotice } from '../engine/journal/journal-checks.js';
import { UsageError } from './errors.js';

/** The flag of every command that writes to a journal (parseArgs option config). */
export const ALLOW_NETWORK_JOURNAL = { 'allow-network-journal': { type: 'boolean' } } as const;

/** Its line in a command's usage. */
export const ALLOW_NETWORK_JOURNAL_USAGE = `  --allow-network-journal
                      write the journal even on a network file system (NFS, SMB/CIFS, 9p, sshfs/FUSE)
                      or a Windows share, where SQLite's write-ahead log is not safe (refused otherwise)`;

/**
 * Refuse, as bad input (exit 2), a journal to be written in a read-only folder, or on a network
 * file system without `--allow-network-journal`: the reason and the way out in one message.
 */
export function checkJournalForWriting(path: string, allowNetwork: boolean | undefined): void {
  try {
    checkJournalLocation(path, { allowNetwork: allowNetwork === true });
  } catch (err) {
    if (err instanceof JournalLocationError) throw new UsageError(err.message);
    throw err;
  }
}

/**
 * The journal a one-shot command (run, import) writes to: `path` after the location check and the
 * checks at open — or, when `path` is damaged, a new journal beside it (the damaged one is left
 * untouched), which `notice` is told about with both paths.
 */
export function journalForWriting(path: string, allowNetwork: boolean | undefined, notice: NodeJS.WritableStream): string {
  checkJournalForWriting(path, allowNetwork);
  const prepared = prepareJournal(path);
  const told = replacedJournalNotice(prepared);
  if (told !== null) notice.write(`linesight: ${told}\n`);
  return prepared.path;
}
