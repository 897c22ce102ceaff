import type { AnyEvent, FaultEffect, FaultKind, FaultWindow, QuarantineReason } from '../../model/index.js';

/** How a session's events came to be. */
export const SESSION_KINDS = ['simulation', 'live', 'replay', 'import'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** What `startSession` records. */
export type SessionStart = {
  readonly scenario: string;
  readonly seed: number | null;
  readonly kind: SessionKind;
  /** anything JSON-serializable; stored as JSON text */
  readonly meta?: unknown;
  /** what an import assumed where its files left something out; stored with the session (table `import_warnings`) */
  readonly warnings?: readonly ImportWarning[];
};

/**
 * Something an imported file left out that its format makes optional, and what the import assumed
 * instead (B2MML: a due date, a work center, a lot's material). The file was imported all the same.
 * A row of `import_warnings`; the API's `ImportWarning`.
 */
export type ImportWarning = {
  /** the file's name (the CLI prints the path it was given) */
  readonly file: string;
  /** the element (`ProductionSchedule/ProductionRequest[2]`); '' for the whole file */
  readonly path: string;
  /** what was missing and what was assumed */
  readonly message: string;
};

/** One row of `sessions`. Wall-clock times are epoch milliseconds. */
export type SessionRow = {
  readonly id: number;
  readonly scenario: string;
  readonly seed: number | null;
  readonly kind: SessionKind;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly meta: unknown;
  /** present (true) when `endedAt` is null because the session's process died before ending it (migration 8) */
  readonly interrupted?: true;
};

/**
 * What an interrupted session left: its last committed event (null: none). The API's
 * `SessionInterruption` (the journal does not import the API's types: they import the journal).
 */
export type SessionInterruption = {
  readonly lastEvent: { readonly seq: number; readonly id: string; readonly type: string; readonly time: string; readonly receivedAt: string } | null;
};

/** What one committed append did. */
export type AppendResult = {
  /** new rows in `events` */
  readonly inserted: number;
  /** events whose id was already journaled in this session with the identical envelope (stored once) */
  readonly duplicateIds: number;
  /** events whose id was already journaled in this session with a different envelope (quarantined as `id-conflict`) */
  readonly idConflicts: number;
  /** positions in the batch of the events not inserted (duplicates and conflicts); absent when all were */
  readonly notInserted?: readonly number[];
  /**
   * how many of the duplicates and conflicts a live session met were journaled by an earlier live
   * session — a broker's redelivery of what a watch committed but could not acknowledge before it
   * died (absent when none)
   */
  readonly redelivered?: number;
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

/** A `quarantine` row read back. */
export type StoredQuarantine = {
  readonly id: number;
  readonly session: number;
  readonly source: string;
  readonly reason: QuarantineReason;
  readonly detail: string;
  readonly raw: Uint8Array;
  readonly time: string;
  readonly receivedAt: number;
};

/** A `fault_ledger` row read back. */
export type StoredLedgerEntry = {
  readonly id: number;
  readonly session: number;
  readonly time: string;
  readonly kind: FaultKind;
  readonly effect: FaultEffect;
  readonly plant: string;
  readonly line: string;
  readonly messageId: string | null;
  readonly messageType: string | null;
  readonly businesskey: string | null;
  readonly order: string | null;
  readonly needsPosting: boolean;
  readonly detail: string;
  /** effect `window`: the window of a windowed fault on this line (migration 7) */
  readonly window: FaultWindow | null;
};
