import type { JournalWriter } from '../journal/index.js';
import type { JournalQueries } from './journal-queries.js';

/** What a domain's API handlers get from the host: the journal, its one writer, and the session running now. */
export type HostContext = {
  readonly journalPath: string;
  /** where files the user asked for (exports, reports) are written */
  readonly exportDir: string;
  /** URL prefix the host serves `exportDir` under (null: not served) */
  readonly exportBaseUrl: string | null;
  readonly journal: JournalQueries;
  /** the journal's one writer (opened on first use) */
  writer(): Promise<JournalWriter>;
  /** the id of the session running now (undefined: none) */
  currentSession(): number | undefined;
  /** its open gaps and exceptions now, as its monitor sees them (undefined: no session) */
  currentCounts(): { readonly gaps: number; readonly exceptions: number } | undefined;
  /**
   * Run `work` with the journal closed — writer and reader — and reopen it after (compaction
   * replaces the file). Refused while a session runs.
   */
  withJournalClosed<T>(work: () => Promise<T>): Promise<T>;
};
