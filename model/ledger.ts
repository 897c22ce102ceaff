import type { FaultKind, QuarantineReason } from './names.js';

/** What a fault did to a message (or to the plant). */
export const FAULT_EFFECTS = [
  'dropped',
  'duplicated',
  'delayed',
  'reordered',
  'buffered',
  'rejected',
  'throttled',
  'mismatched-uom',
  'expired-lot',
  'mismatched-revision',
  'failed-inspection',
  'malformed',
  'mis-entered',
  'over-consumed',
  'order-changed',
  'order-cancelled',
  'schema-drifted',
  'master-data-changed',
  'window',
] as const;
export type FaultEffect = (typeof FAULT_EFFECTS)[number];

/**
 * One row of the fault ledger: ground truth the simulator writes when it injects a fault. The
 * monitor never reads it; tests join it against the journal.
 */
export type LedgerEntry = {
  /** RFC 3339 simulated time */
  readonly time: string;
  readonly kind: FaultKind;
  readonly effect: FaultEffect;
  readonly plant: string;
  readonly line: string;
  /** CloudEvent id of the message affected, where one is */
  readonly messageId?: string;
  readonly messageType?: string;
  readonly businesskey?: string;
  readonly order?: string;
  /** true when the affected message needed an ERP posting (MES→ERP or QMS→ERP) */
  readonly needsPosting: boolean;
  readonly detail: string;
  /** effect `window`: one closed window of a windowed fault on this line (written when it closes) */
  readonly window?: FaultWindow;
};

/** A windowed fault's window on one line: when it was active and how many messages it affected there (possibly 0). */
export type FaultWindow = {
  /** RFC 3339 simulated time the window opened */
  readonly start: string;
  /** RFC 3339 simulated time the window closed */
  readonly end: string;
  /** messages the ledger names for this fault on this line during the window */
  readonly messagesAffected: number;
};

/** Input that could not become a canonical event: raw bytes kept with a reason. */
export type QuarantineRecord = {
  readonly time: string;
  /** where the bytes came from: an event `source`, a topic, or a file path */
  readonly source: string;
  readonly reason: QuarantineReason;
  readonly detail: string;
  readonly raw: Uint8Array;
};
