import { latestSession, openJournal, sessionState } from '../engine/journal/index.js';
import { UsageError } from './errors.js';

/** `--session ID` of the commands that read a journal (replay, reconcile). */
export function parseSession(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`--session: expected a session id (a positive integer), got "${text}"`);
  return n;
}

/** The asked session if the journal holds it (and it was not deleted), else the latest one; a UsageError when there is none. */
export function pickSession(journalPath: string, asked: number | undefined): number {
  const journal = openJournal(journalPath, { readonly: true });
  try {
    if (asked === undefined) {
      const latest = latestSession(journal.db);
      if (latest === undefined) throw new UsageError(`${journalPath} holds no sessions yet — run a scenario or watch a broker first`);
      return latest;
    }
    const state = sessionState(journal.db, asked);
    if (state !== 'present') throw new UsageError(`--session: ${journalPath} has no session ${asked}${state === 'deleted' ? ' (it was deleted)' : ''}; \`linesight sessions ${journalPath}\` lists them`);
    return asked;
  } finally {
    journal.close();
  }
}
