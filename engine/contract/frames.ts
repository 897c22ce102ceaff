/** Live state as the API pushes it: coalesced frames. */
import type { AnyEvent } from '../../model/index.js';
import type { Conservation, ControlCounts, ExceptionCounts, Gap, LineStats, OrderView } from '../../monitor/index.js';
import type { LiveCheck } from './checks.js';
import type { ConnectionStatus } from './connections.js';
import type { JournalHealth } from './journal.js';
import type { SessionStatus, Speed } from './session.js';

/** Open dead letters, in total and by category. */
export type FrameExceptions = { readonly total: number; readonly byCategory: ExceptionCounts };

/**
 * Live state, coalesced from the monitor at most ~10 times a second (plus one final frame when the
 * run ends). Reflects exactly what the journal has committed.
 */
export type Frame = {
  /** frame number, from 1, increasing per host */
  readonly seq: number;
  /** journal session id (null while idle) */
  readonly session: number | null;
  readonly status: SessionStatus;
  /** the session's virtual clock, epoch ms */
  readonly simTime: number;
  readonly speed: Speed;
  /** canonical events journaled and applied so far */
  readonly events: number;
  readonly lines: readonly LineStats[];
  /** the oldest ≤ 100 open sync gaps (all of them: `gaps.list`) */
  readonly gaps: readonly Gap[];
  /** open sync gaps in all */
  readonly gapsOpen: number;
  readonly gapsClosed: number;
  readonly exceptions: FrameExceptions;
  readonly controls: ControlCounts;
  readonly conservation: Conservation;
  /** orders not yet closed (at most 500, stuck ones first) with their lifecycle state */
  readonly orders: readonly OrderView[];
  /**
   * the integration contract rules judged live at the session's virtual time (the bundled ones plus
   * the host's rules file), measured at most about once a second; empty when the session has none
   */
  readonly checks: readonly LiveCheck[];
  /** the last ≤ 50 applied events (full envelopes), oldest first */
  readonly tail: readonly AnyEvent[];
  /** true on the frame that closes a finished run */
  readonly final: boolean;
  /** the brokers a watch session listens to (null for a simulation) */
  readonly watching: readonly ConnectionStatus[] | null;
  /** the host's journal file (see `SessionInfo.journal`) */
  readonly journal?: JournalHealth;
};

/** Receives frames; must not throw. */
export type FrameListener = (frame: Frame) => void;

