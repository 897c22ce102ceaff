import type { AnyEvent } from '../model/event.js';
import type { ExceptionCategory, Gate, GapKind, Interface, OrderState } from '../model/names.js';
import type { CauseStep, GapRow, RootCause } from './gap-types.js';
import type { ReversalPreview } from './reversal-types.js';

export type { ReversalPreview } from './reversal-types.js';

/** Options of {@link createMonitor}. */
export type MonitorOptions = {
  /** how long each interface may lag before a sync gap opens (ms of virtual time) */
  readonly gracePeriods: Readonly<Record<Interface, number>>;
  /**
   * how long a closed order keeps its detail (default 1 h): then a gap-free one leaves only counters,
   * and one that still owes something only what it owes
   */
  readonly retainClosedMs?: number;
};

/**
 * Transit latency of one line, one sample per business key: message time → first posting time,
 * less the time the integration layer reported holding the message (see {@link HoldKind}).
 */
export type LatencyStats = {
  /** null while nothing has been posted */
  readonly p50: number | null;
  readonly p95: number | null;
  readonly max: number | null;
  readonly count: number;
};

/**
 * What a posting is, for latency: operation confirmations, material consumptions, goods receipts,
 * and status postings (MES acknowledging an order release; ERP blocking or releasing held stock).
 */
export type PostingKind = 'confirmation' | 'consumption' | 'goodsReceipt' | 'status';

/**
 * Where the integration layer held a message: at one of its dependency gates (`GATES`, reported by
 * `int.message.released` with `heldMs`), waiting for its turn in resequencing (an
 * `int.message.resequenced` whose received sequence is ahead of the expected one: held from the
 * message, or from its previous hold, until that report), or at the edge while the WAN was down
 * (`int.message.forwarded` with `bufferedMs`).
 */
export type HoldKind = Gate | 'resequencing' | 'store-and-forward';

/** Time held of one line and kind of hold, one sample per hold the integration layer reported ended. */
export type HeldStats = LatencyStats & {
  /** sum of the holds (ms) */
  readonly totalMs: number;
};

export type ExceptionCounts = Readonly<Record<ExceptionCategory, number>>;

export type LineStats = {
  readonly plant: string;
  readonly line: string;
  readonly ordersReleased: number;
  readonly ordersCompleted: number;
  readonly ordersClosed: number;
  /** distinct business keys whose message still needs the other side (not posted, dead-lettered or discarded) */
  readonly queueDepth: number;
  readonly queueDepthMax: number;
  /** age of the oldest message in the queue, null when the queue is empty */
  readonly oldestPendingMs: number | null;
  /** transit latency of every posting of the line */
  readonly postingLatencyMs: LatencyStats;
  /** transit latency per kind of posting (together they are `postingLatencyMs`) */
  readonly latencyByKind: Readonly<Record<PostingKind, LatencyStats>>;
  /** time held per kind of hold: what transit latency leaves out */
  readonly heldMs: Readonly<Record<HoldKind, HeldStats>>;
  readonly openGaps: number;
  readonly duplicatesSuppressed: number;
  /** the integration layer's control counters for this line's messages (together they are the plant's `controls`) */
  readonly controls: ControlCounts;
  /** holes in the line's sources' sequence numbers: messages that never reached the journal */
  readonly missingMessages: number;
  /** open dead letters by category */
  readonly exceptions: ExceptionCounts;
  /**
   * Virtual epoch ms since which the line has been idle, or null while it works: it works while one
   * of its orders is in process (MES has started an operation and not yet reported the order
   * complete). A line declared before it sent anything (`Monitor.declareLines`) is idle since its
   * declaration; one first seen in traffic, since its first event (monitor/line-activity.ts).
   */
  readonly idleSince: number | null;
  /**
   * Business keys of the line dated in a posting period ERP had already closed when they reached it
   * (refused for it, or posted after a reopen); present once ERP announced a closed period for the line's plant.
   */
  readonly latePostings?: number;
  /**
   * Estimated clock offsets of the line's plant systems relative to ERP (monitor/clock-offsets.ts),
   * present only while one applies: the monitor then reads that system's events on ERP's clock.
   */
  readonly clocks?: Readonly<Partial<Record<'mes' | 'wms' | 'qms', ClockEstimate>>>;
  /** postings whose transit latency came out negative after clock correction and was counted as 0 (the estimate's residual); present once one did */
  readonly latencyClamped?: number;
};

/** One system's estimated clock offset relative to ERP. */
export type ClockEstimate = {
  /** the system's clock minus ERP's, ms (MES 90 s ahead, ERP 40 s behind: +130 000) */
  readonly offsetMs: number;
  /** cause → effect pairs in the window it was estimated from */
  readonly pairs: number;
  /** `two-way`: from pairs in both directions (NTP style); `bound`: one direction only, the least offset that keeps every effect after its cause */
  readonly kind: 'two-way' | 'bound';
};

/** A production line by its ids, e.g. `{ plant: 'DE01', line: 'L2' }`. */
export type LineRef = { readonly plant: string; readonly line: string };

export type OrderView = {
  readonly order: string;
  readonly plant: string;
  readonly line: string;
  readonly state: OrderState;
  /** RFC 3339 time the order entered `state` */
  readonly since: string;
  readonly ageInStateMs: number;
  /** waiting longer than the threshold documented in `STUCK_AFTER_MS` (or the interface's grace period) */
  readonly stuck: boolean;
  readonly waitingFor: string;
  /** how long it has waited for that (virtual ms): for a stuck order, how long it has been stuck and then some */
  readonly waitingMs: number;
};

export type Gap = {
  /** `${kind}:${order}`, or `${kind}:${businesskey}` for duplicate-posting, reversal and status gaps (a reversal gap: the reversal's own key) */
  readonly id: string;
  readonly kind: GapKind;
  readonly interface: Interface;
  readonly plant: string;
  readonly line: string;
  readonly order: string;
  readonly businesskeys: readonly string[];
  /**
   * MES's side of the largest difference, with its unit (`7 PC`, `not reported`), or its state for
   * hold and status gaps (`on hold`); a count only for a double posting of something without a quantity
   */
  readonly mes: number | string;
  /** ERP's side of the same row (`not posted`, `28 EA`, `blocked`) */
  readonly erp: number | string;
  /** MES − ERP of that row, in its unit (`rows[0].delta`); null where the row has none (states, a message never seen) */
  readonly delta: number | null;
  /** one line naming the largest difference, with units: `operation 0050: MES 7 PC, ERP not posted (Δ +7 PC)` */
  readonly summary: string;
  /** what differs, one row per thing compared and unit, largest difference first (empty for hold and status gaps) */
  readonly rows: readonly GapRow[];
  /** RFC 3339 instant the grace period ran out (for duplicate-posting: the posting that made it one too many) */
  readonly openedAt: string;
  readonly ageMs: number;
  /**
   * probable cause, derived from what the monitor saw for the business keys involved; each cause
   * names its root first (`UoM PC not convertible to EA → final confirmation … dead-lettered → …`)
   */
  readonly cause: string;
  /** the first cause's chain, root first, each step with the event or business key that shows it */
  readonly causeChain: readonly CauseStep[];
  /** what kind of root the first cause has (its chain's first step), null when none is known */
  readonly rootCause: RootCause | null;
};

/** Counts of integration-layer events, by what the layer did. */
export type ControlCounts = {
  readonly duplicatesSuppressed: number;
  readonly resequenced: number;
  readonly gated: number;
  readonly retried: number;
  readonly deadLettered: number;
  readonly quarantined: number;
  readonly buffered: number;
  readonly forwarded: number;
  readonly discarded: number;
};

/** An open dead letter of the integration layer. */
export type ExceptionView = {
  readonly messageId: string;
  readonly businesskey: string;
  readonly category: ExceptionCategory;
  readonly reason: string;
  readonly plant: string;
  readonly line: string;
  readonly order: string;
  readonly interface: Interface;
  readonly messageType: string;
  /** RFC 3339 time of the dead-lettering */
  readonly at: string;
};

/**
 * Every distinct business key of a message that needs an ERP posting lands in exactly one bucket:
 * `needsPosting = posted + reversed + deadLettered + pending + lost` (checked on every snapshot),
 * and the keys of such messages in all are `needsPosting + notNeeded` — the whole a summary should
 * show, so that its parts visibly add up. (A retained message nothing has answered is in no bucket yet.)
 * A reversal (`{key}/REV/{n}`) is a key of its own in these buckets; ERP's own correction, with no
 * plant message, owes nothing and is in none.
 */
export type Conservation = {
  readonly needsPosting: number;
  /** posted, and not netted to nothing by reversals */
  readonly posted: number;
  /** posted, then reversed: ERP's postings of the key net to none (a cancelled confirmation, a reversed goods movement) */
  readonly reversed: number;
  readonly deadLettered: number;
  readonly pending: number;
  readonly lost: number;
  /** discarded by the integration layer (e.g. a scrapped lot's receipt); not in needsPosting */
  readonly notNeeded: number;
};

export type ReconciliationMismatch = {
  readonly order: string;
  readonly plant: string;
  readonly line: string;
  /** e.g. `confirmation 0010 good`, `consumption RM-1/L42`, `receipt PUMP-1/LOT-7`, `hold`, `usage decision LOT-7`, `postings K-1` */
  readonly field: string;
  /** a quantity in `uom` (every ERP posting counted), or a state; never two units added */
  readonly mes: number | string;
  readonly erp: number | string;
  /** the unit of a quantity field's `mes` and `erp` (a field whose units do not convert is listed once per unit) */
  readonly uom?: string;
  /** e.g. `PO-1/GR posted twice` */
  readonly note?: string;
};

export type Reconciliation = {
  readonly ordersCompared: number;
  readonly ordersMatched: number;
  readonly mismatches: readonly ReconciliationMismatch[];
};

export type LedgerSummary = {
  /** distinct business keys posted at least once (kept after eviction) */
  readonly postedKeys: number;
  /** distinct business keys ERP posted more than once (counted once, even when a reversal netted them later) */
  readonly doublePostedKeys: number;
};

export type MonitorSnapshot = {
  readonly nowMs: number;
  readonly lines: readonly LineStats[];
  readonly orders: readonly OrderView[];
  readonly gaps: readonly Gap[];
  readonly gapsClosed: number;
  readonly controls: ControlCounts;
  readonly exceptions: readonly ExceptionView[];
  readonly conservation: Conservation;
  readonly reconciliation: Reconciliation;
  readonly ledger: LedgerSummary;
};

/** What the ledger knows of one business key's postings. */
export type PostingRecord = {
  readonly count: number;
  /** RFC 3339 time of the first posting */
  readonly firstAt: string;
};

export type Monitor = {
  /**
   * Apply one journaled event, in journal order. `retained`: it was delivered as a broker's
   * retained message (sent on subscribe, possibly long after it happened). It still feeds state —
   * the order's last known status, what each side of a business key said, dead letters — but not
   * timing: no posting-latency sample, no place in the queue, no gap opened by its age, no
   * sequence hole, and no proof that messages before it were lost.
   */
  apply(e: AnyEvent, retained?: boolean): void;
  /** evaluate grace periods at this virtual time (ms); also called implicitly with each event's time */
  advance(nowMs: number): void;
  /**
   * The lines the session knows of before they send anything (a scenario's plant, a connections
   * file's `lines:`): each is in every snapshot from now on, with zero counters, idle since `atMs`
   * (virtual ms). A line already known is left as it is. Does not move the monitor's time.
   */
  declareLines(lines: readonly LineRef[], atMs: number): void;
  readonly nowMs: number;
  snapshot(): MonitorSnapshot;
  /** distinct business keys posted at least once, evicted orders included */
  postedKeys(): number;
  /**
   * postings of one business key; undefined when never posted, or when its order closed more than
   * `retainClosedMs` ago and the key was not kept with something still owed or disputed
   * (monitor/README.md: the journal has it)
   */
  postingsOf(key: string): PostingRecord | undefined;
  /**
   * A copy of everything the monitor knows now, to resume from later (`createMonitor({ from })`):
   * what lets a replay seek backwards without re-applying the session from its start.
   */
  checkpoint(): MonitorCheckpoint;
  /**
   * Hand the live state to `write` — a serializer such as `v8.serialize`, which copies it and must
   * not keep it — for checkpoints kept compactly outside the JS heap, without an intermediate copy.
   */
  writeState<T>(write: (state: MonitorCheckpoint) => T): T;
  /**
   * What a reversal of `key` would net if ERP posted it now: one posting's worth of what ERP posted
   * for it, the key's net postings before and after, and the gap it would close — or why it is
   * refused (unknown key, nothing left to net, a reversal itself). Pure: changes nothing.
   */
  previewReversal(key: string): ReversalPreview;
};

/** An opaque, self-contained copy of a monitor's state (plain data: it can also cross threads). */
export type MonitorCheckpoint = { readonly __monitorCheckpoint: true };
