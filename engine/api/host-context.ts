import type { Role } from '../contract/index.js';
import type { JournalWriter } from '../journal/index.js';
import type { HostClock } from '../session/host-clock.js';
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

/** What an in-process host (`createLocalApi`) is created with. */
export type LocalApiOptions = {
  /** the SQLite journal every session of this host appends to (created and migrated if needed) */
  readonly journalPath: string;
  /** wall clock and timers (default the real ones); tests inject a fake */
  readonly clock?: HostClock;
  /** minimum wall ms between frames (default 100: at most 10 frames a second) */
  readonly frameIntervalMs?: number;
  /** outputs per journal transaction (default 1000) */
  readonly batchSize?: number;
  /** wall ms between slices while paced (default 50) */
  readonly tickMs?: number;
  /** journal batches released per slice of work before yielding (default 20) */
  readonly batchesPerSlice?: number;
  /** where `events.export` writes (default `exports/` beside the journal) */
  readonly exportDir?: string;
  /** URL prefix under which the host serves exported files (the browser host does); the file name is appended, encoded */
  readonly exportBaseUrl?: string;
  /** whom operator actions are recorded as when a call names nobody (default the OS user) */
  readonly operator?: string;
  /** where this installation remembers things (default `defaultConfigDir()`): client ids, mappings files */
  readonly configDir?: string;
  /**
   * Files named on the command line or in a connections file (mappings): usable wherever they are.
   * Any other path that arrives over the API must lie in the config directory's `mappings/` folder.
   */
  readonly trustedPaths?: readonly string[];
  /**
   * The role the host starts in (default: operator when an engineer PIN is set in the config
   * directory, else engineer). The CLI starts an engineer host once the PIN is given.
   */
  readonly role?: Role;
  /** cap the journal at this many pages: writes beyond fail with SQLITE_FULL (tests provoke a full disk this way) */
  readonly maxPageCount?: number;
  /**
   * A rules file (YAML or JSON, resources/schema/rules.schema.json) whose rules every session of
   * this host checks live, beside the bundled ones unless it says `defaults: false`; read at each
   * session's start. Default: the bundled rules only.
   */
  readonly rulesFile?: string;
  /** the topic inspector of a watch: messages kept per topic (default 20) and bytes in all (default 32 MiB) */
  readonly inspector?: { readonly perTopic?: number; readonly maxBytes?: number };
};
