/**
 * The journal as the API shows it: its file's health and refusals, stored events and import
 * warnings, and pages and exports of events.
 */
import type { AnyEvent } from '../../model/index.js';

/**
 * Whether the journal takes what a watch session receives. While it refuses writes (a full disk,
 * a locked or read-only file) the refused batch is retried with backoff and nothing more is
 * acknowledged to the broker; past the session's limit the watch stops.
 */
export type JournalState =
  | { readonly state: 'ok' }
  | {
      readonly state: 'unavailable';
      /** the journal's last refusal, e.g. "database or disk is full (SQLITE_FULL)" */
      readonly reason: string;
      /** wall-clock epoch ms of the first refusal of this outage */
      readonly since: number;
      /** attempts refused so far in this outage */
      readonly retries: number;
      /** what kind of refusal: the disk is full, another program holds the write lock, … */
      readonly cause?: JournalRefusal;
      /** the journal file that refuses writes */
      readonly path?: string;
      /** bytes free for this user in the journal's folder at the last refusal (null: unknown) */
      readonly freeBytes?: number | null;
    }
  /** refused writes past the limit: the watch stopped (the session's `error` says so) */
  | {
      readonly state: 'failed';
      readonly reason: string;
      readonly since: number;
      readonly cause?: JournalRefusal;
      readonly path?: string;
      readonly freeBytes?: number | null;
    };

/**
 * Why the journal refuses writes, from SQLite's error code: `full` (SQLITE_FULL: the disk, a quota
 * or the file's page limit), `busy` (SQLITE_BUSY: another program holds its write lock),
 * `read-only` (SQLITE_READONLY), `io` (SQLITE_IOERR), `damaged` (SQLITE_CORRUPT), `other`.
 */
export type JournalRefusal = 'full' | 'busy' | 'read-only' | 'io' | 'damaged' | 'other';

/**
 * The journal file a host writes to, as the checks at open and the background integrity check
 * found it. The header and schema are checked before the journal is used (and `quick_check` when
 * it is small); the full `integrity_check` runs afterwards on its own thread.
 */
export type JournalHealth = {
  /** the journal this host's sessions are appended to */
  readonly path: string;
  /**
   * the background integrity check: `checking` while it runs, `ok`, `damaged` (see `problems`),
   * `unknown` (it could not run: `problems[0]` says why), `new` (a journal started empty: nothing to check)
   */
  readonly integrity: 'checking' | 'ok' | 'damaged' | 'unknown' | 'new';
  /** what the integrity check found (at most 20), or why it could not run */
  readonly problems?: readonly string[];
  /**
   * The journal named at start was damaged: it was left exactly as it was (readable for export,
   * e.g. `linesight export PATH`), and this host's sessions go to `path`, a new journal beside it.
   */
  readonly replaced?: { readonly path: string; readonly problem: string };
  /**
   * The running simulation's writes while the journal refuses them (a full disk, a lock held by
   * another program): the run holds still and resumes by itself; `failed` once it gave up. Absent
   * while the journal takes them — and for a watch, which says it per connection (`watching[].journal`).
   */
  readonly writes?: Exclude<JournalState, { readonly state: 'ok' }>;
};

/** An event read back from the journal. */
export type StoredEvent = {
  /** global position in the journal file */
  readonly seq: number;
  readonly session: number;
  /** wall-clock epoch ms at which the input arrived */
  readonly receivedAt: number;
  readonly event: AnyEvent;
  /**
   * present (true) only when it arrived as a broker's retained message: old news sent on subscribe,
   * which the monitor takes as state but not as timing (column `retained`, migration 0005)
   */
  readonly retained?: true;
};

/**
 * Something an imported file left out that its format makes optional, and what the import assumed
 * instead (B2MML: a due date, a work center, a lot's material). The file was imported all the same.
 * Stored as a row of `import_warnings`.
 */
export type ImportWarning = {
  /** the file's name (the CLI prints the path it was given) */
  readonly file: string;
  /** the element (`ProductionSchedule/ProductionRequest[2]`); '' for the whole file */
  readonly path: string;
  /** what was missing and what was assumed */
  readonly message: string;
};

/** Which events of a session to read; every filter is optional and they combine with AND. */
export type EventsFilter = {
  /** `PLANT/LINE` */
  readonly line?: string;
  readonly type?: string;
  /** production order id (the event's `subject`) */
  readonly order?: string;
  readonly lot?: string;
  readonly businesskey?: string;
  /**
   * Events at or after this instant. In the journal's own format (RFC 3339 UTC with milliseconds,
   * as `Date.toISOString()` writes it): times are compared as text, which orders only that format.
   */
  readonly from?: string;
  /** Events before this instant (exclusive), in the same format as `from`. */
  readonly to?: string;
};

/** `events.page` arguments: one page of a session's journaled events. */
export type EventsPageArgs = EventsFilter & {
  /** return events after this journal position (omit for the first page; then pass `nextAfterSeq`) */
  readonly afterSeq?: number;
  /** page size (capped by the journal at 10 000) */
  readonly limit: number;
  /** journal session id; default the current session */
  readonly session?: number;
};

/** The filters of `events.page`, without paging: what `events.export` writes. */
export type EventFilter = Omit<EventsPageArgs, 'afterSeq' | 'limit'>;

/** `events.export` arguments. */
/**
 * How a CSV is written: a UTF-8 byte-order mark first (Excel then reads it as UTF-8), and the variant:
 * `rfc4180` (default, `,` and a decimal point) or `excel-eu` (`;` and a decimal comma, for Excel with
 * a European locale). Every variant keeps the formula-injection guard.
 */
export type CsvExportOptions = { readonly bom?: boolean; readonly variant?: 'rfc4180' | 'excel-eu' };

export type ExportArgs = EventFilter & { readonly format: 'csv' | 'jsonl'; readonly csv?: CsvExportOptions };

/** Where an export went. */
export type ExportResult = {
  /** absolute path of the written file, on the machine running the engine */
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
  /** a URL the UI can offer as a download, when the host serves exports (the browser host does) */
  readonly href: string | null;
};

/** One page of events, in journal (`seq`) order. */
export type EventsPage = {
  readonly session: number;
  readonly events: readonly StoredEvent[];
  /** pass as `afterSeq` for the next page; null when this page was the last */
  readonly nextAfterSeq: number | null;
};

