import type { AnyEvent, FaultEffect, FaultKind, QuarantineReason } from '../../model/index.js';

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
};

/** An event read back from the journal. */
export type StoredEvent = {
  /** global position in the journal file */
  readonly seq: number;
  readonly session: number;
  /** wall-clock epoch ms at which the input arrived */
  readonly receivedAt: number;
  readonly event: AnyEvent;
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
};
