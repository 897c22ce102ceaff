/** The journal's sessions as the session list shows them: summaries, labels, deletion, reports, comparisons. */
import type { Gap } from '../../monitor/index.js';
import type { CsvExportOptions, ImportWarning } from './journal.js';
import type { HopDiff } from './lineage.js';

/** A journal session as the session list shows it. */
export type SessionSummary = {
  readonly id: number;
  readonly kind: 'simulation' | 'live' | 'replay' | 'import';
  /** the name an engineer gave it (null: none yet) */
  readonly name: string | null;
  /** a free-text note (null: none) */
  readonly note: string | null;
  /** scenario id, or what was watched, replayed or imported */
  readonly scenario: string;
  readonly seed: number | null;
  /** RFC 3339 wall-clock start and end (end null while it runs) */
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly events: number;
  /** open sync gaps and open exceptions when it ended (null: not recorded, e.g. still running) */
  readonly gaps: number | null;
  readonly exceptions: number | null;
  /**
   * what its live integration contract checks said when it ended: how many rules it checked, how
   * many failed and their ids (null: not checked — still running, an import, or recorded before
   * sessions recorded their checks)
   */
  readonly checks: SessionChecksSummary | null;
  /** SHA-256 over the session's events in canonical JSON (same events ⇒ same digest) */
  readonly digest: string;
  /** how many assumptions its import made (0 for every other kind of session) */
  readonly warningCount: number;
  /** the first of them (at most 100), in file and document order */
  readonly warnings: readonly ImportWarning[];
  /**
   * present when the session was interrupted: its process died (a crash, a kill, a power cut)
   * before ending it, so `endedAt` stays null; it can still be replayed and reported up to its
   * last committed event
   */
  readonly interrupted?: SessionInterruption;
};

/** A session's contract checks as its outcome recorded them (see `linesight check` for every rule's measurement). */
export type SessionChecksSummary = { readonly rules: number; readonly failed: number; readonly failing: readonly string[] };

/** What an interrupted session left: its last committed event (null: it had committed none). */
export type SessionInterruption = {
  readonly lastEvent: {
    /** its position in the journal */
    readonly seq: number;
    readonly id: string;
    readonly type: string;
    /** the event's own time (RFC 3339) */
    readonly time: string;
    /** RFC 3339 wall-clock time it was received at */
    readonly receivedAt: string;
  } | null;
};

/** `sessions.label`: rename and/or annotate a session (an empty string clears). */
export type LabelArgs = { readonly session: number; readonly name?: string; readonly note?: string };

/** What deleting a session did: it is gone from lists at once; its space is reclaimed by compacting into a new file. */
export type DeleteResult = { readonly session: number; readonly bytesBefore: number; readonly bytesAfter: number };

/** `reports.reconcile`: a reconciliation report of a session (default the current one, else the latest). */
/** `csv`: a byte-order mark and the variant of a CSV report (see `CsvExportOptions`); ignored for html and json. */
export type ReportArgs = { readonly session?: number; readonly format: 'html' | 'csv' | 'json'; readonly csv?: CsvExportOptions };

/** `sessions.compare`: two sessions' gaps and exceptions side by side (a what-if against its original). */
export type SessionComparison = {
  readonly a: number;
  readonly b: number;
  /** gaps by `kind order` key: only in a (closed by b's rules), only in b (new), in both */
  readonly gaps: { readonly onlyA: readonly Gap[]; readonly onlyB: readonly Gap[]; readonly both: number };
  readonly exceptions: { readonly a: number; readonly b: number; readonly byCategory: Readonly<Record<string, { readonly a: number; readonly b: number }>> };
  /** the lineage diff of every order both sessions hold (up to `ordersCompared`), those that differ, most differing hops first */
  readonly orders: {
    readonly inBoth: number;
    readonly onlyA: number;
    readonly onlyB: number;
    /** how many of the orders in both were compared hop by hop */
    readonly compared: number;
    readonly differing: readonly { readonly order: string; readonly hops: number; readonly statuses: Readonly<Partial<Record<HopDiff['status'], number>>> }[];
  };
};

