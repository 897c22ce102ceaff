import type { ImportWarning } from '../contract/index.js';
import type { FaultEffect, FaultKind, FaultWindow, QuarantineReason } from '../../model/index.js';

export type { ImportWarning, SessionInterruption, StoredEvent } from '../contract/index.js';

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
