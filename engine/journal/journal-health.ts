import type { JournalHealth } from '../contract/index.js';
import { startIntegrityCheck } from './integrity-check.js';
import { prepareJournal, type PreparedJournal } from './journal-checks.js';

/** A host's journal file: checked before use, then integrity-checked in the background. */
export type JournalHealthWatch = {
  /** the journal to write to (a new one beside the one asked for, when that one is damaged) */
  readonly path: string;
  readonly prepared: PreparedJournal;
  /** how the journal stands now */
  health(): JournalHealth;
  /** stop the background check (the host closes) */
  stop(): void;
};

/**
 * Check the journal at `path` before a host writes to it (`prepareJournal`: a damaged one is left
 * untouched and replaced by a new one beside it), then start the full integrity check of the
 * journal used on its own thread — only for a journal that already held something. `changed`
 * runs when the check ends.
 */
export function watchJournalHealth(path: string, changed: () => void = () => undefined): JournalHealthWatch {
  const prepared = prepareJournal(path);
  const replaced = prepared.replaced === undefined ? {} : { replaced: { path: prepared.replaced.path, problem: prepared.replaced.problem } };
  let health: JournalHealth = { path: prepared.path, integrity: 'new', ...replaced };
  let stop = () => undefined as void;
  if (prepared.check.state === 'ok' || prepared.check.state === 'unchecked') {
    health = { path: prepared.path, integrity: 'checking', ...replaced };
    const check = startIntegrityCheck(prepared.path);
    stop = check.stop;
    void check.done.then((r) => {
      const integrity = r.ok === true ? 'ok' : r.ok === false ? 'damaged' : 'unknown';
      health = { path: prepared.path, integrity, ...(r.problems.length > 0 ? { problems: r.problems } : {}), ...replaced };
      changed();
    });
  }
  return { path: prepared.path, prepared, health: () => health, stop: () => stop() };
}
