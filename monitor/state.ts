import { createPeriods, type PeriodsState } from './period-state.js';
import type { BusinessEventType, ExceptionCategory, Interface, OrderState } from '../model/names.js';
import { createHeap, type DeadlineHeap } from './deadline-heap.js';
import type { Histogram } from './histogram.js';
import type { LineClocks } from './clock-offsets.js';
import type { KeyTemplates } from './key-templates.js';
import type { ItemConversion } from '../model/uom.js';

/**
 * The monitor's mutable state. Projections mutate it in place: copying per event would not fit the
 * ~1–2 µs budget of a million-event run, and nothing outside the monitor ever sees these records
 * (snapshots are fresh plain objects).
 */

/** One side's payload of a business key, reduced to what comparisons need. */
export type Side = {
  /** operation, item, revision or disposition, depending on the interface */
  readonly label: string;
  readonly lot: string;
  readonly qty: number;
  readonly scrap: number;
  readonly uom: string;
  /**
   * Set only on a consumption side stated in an alternative unit its order records (uom-changes.ts):
   * what the message said; `qty` and `uom` above are then that amount in the item's base unit, at
   * the order's factor, so that every comparison works with the global unit table.
   */
  readonly said?: Said;
};

/** A quantity in an item's alternative unit, and the factor (1 `uom` = `factor` × base unit) it was converted at. */
export type Said = { readonly qty: number; readonly uom: string; readonly factor: number };

/** The alternative units an order's BOM states components in, as ERP recorded them for the order. */
export type OrderConversions = {
  readonly list: readonly ItemConversion[];
  /** taken from the order's release (else from its creation; a release's word overrides it) */
  readonly released: boolean;
};

/** A change of an item's alternative unit ERP announced (`erp.masterdata.changed`, change `uom`). */
export type UomChangeRec = {
  /** 1 uom = `from` → `to` × `base` */
  readonly from: number;
  readonly to: number;
  readonly base: string;
  /** as ERP stated it (RFC 3339) */
  readonly effective: string;
  readonly eventId: string;
  readonly plant: string;
  readonly line: string;
};

/** Conservation bucket of a key whose message needs an ERP posting. */
export type Bucket = 'posted' | 'reversed' | 'deadLettered' | 'pending' | 'lost' | 'notNeeded';

/** What the integration layer last said about a key. */
export const INT_NONE = 0;
export const INT_IN_FLIGHT = 1;
export const INT_DEAD = 2;
export type IntState = typeof INT_NONE | typeof INT_IN_FLIGHT | typeof INT_DEAD;

/** The latest integration-layer (or operator) note on a key, kept for cause texts. */
export type IntNote = { readonly type: string; readonly at: number; readonly text: string };

export type DeadNote = { readonly category: ExceptionCategory; readonly reason: string; readonly messageId: string };

/** One business key: a message on an interface and the posting(s) that answer it. */
export type KeyRec = {
  /** mutable only for placeholders, renamed once the plant's key spelling is learned */
  key: string;
  readonly order: OrderRec;
  iface: Interface;
  messageType: BusinessEventType | undefined;
  /** the message needs an ERP posting (model `needsErpPosting`) */
  needsErp: boolean;
  /** first message time; NaN until a message is seen */
  messageAt: number;
  messageCount: number;
  mes: Side | undefined;
  /**
   * Set on a placeholder for a message the conversation proves was sent but that never reached the
   * journal (lost before it): what it is about (operation, item/lot). Its key is synthetic.
   */
  expect: { readonly label: string; readonly lot: string } | undefined;
  postings: number;
  /** ERP postings only; an acknowledgement is MES's answer and never a double ERP posting */
  erpPostings: number;
  firstPostingAt: number;
  /** type of the first posting */
  postedBy: string | undefined;
  erp: Side | undefined;
  /** what ERP posted the second time and after, as posted (a double posting's quantities: gap-rows.ts) */
  erpMore: Side[] | undefined;
  /**
   * The message was its operation's final confirmation (`final: true`): no more partials of the
   * operation follow. Journals from before partial confirmations set it on the last operation only.
   * A refused goods receipt is followed to an unposted final confirmation first (root-cause.ts).
   */
  final: boolean;
  /**
   * For a reversal (`{key}/REV/{n}`: a cancellation or reversal message, or ERP's reversal posting):
   * the business key it nets (`data.reverses`), and that key's record when the order still holds it.
   */
  reversesKey: string | undefined;
  reverses: KeyRec | undefined;
  /**
   * For a reversal key with a message: the message takes the reversed key's MES word back (MES
   * cancels its confirmation, the plant its goods movement) — false when it came while ERP held more
   * postings of that key than MES's word: it then asks ERP alone to net a double posting.
   */
  cancels: boolean;
  /** the reversal keys that net this key, in order of first sight */
  reversals: KeyRec[] | undefined;
  /** reversal messages that cancel this key on MES's side (each reversal key's message counted once) */
  mesReversed: number;
  /** ERP reversal postings that net this key's postings (ERP's own corrections included) */
  erpReversed: number;
  /** time of the latest reversal posting that netted this key (NaN: none) */
  reversedAt: number;
  /** the key's open duplicate-posting gap, and, for a reversal key, its open reversal gap */
  dupGap: GapRec | undefined;
  revGap: GapRec | undefined;
  /** both sides present and they disagree */
  mismatch: boolean;
  intState: IntState;
  note: IntNote | undefined;
  dead: DeadNote | undefined;
  operatorDiscarded: boolean;
  /** id of the message an operator resent this key as: it replaces the MES side when it arrives */
  resendId: string | undefined;
  /** duplicates of the message the integration layer suppressed */
  suppressed: number;
  /** discarded by the integration layer: the posting is no longer needed */
  discarded: boolean;
  bucket: Bucket | undefined;
  /**
   * The key's message — or, for a key first seen from ERP, its first posting — came as a broker's
   * retained message: when it happened says nothing about now, so the key is never queued, timed
   * (latency) or late (a gap, or `lost`, by its age), and is in no conservation bucket until
   * something answers it (a posting, an integration-layer record).
   */
  retained: boolean;
  /** counted in `needsPosting` (kept from the key's flags, independently of `bucket`) */
  inNeeds: boolean;
  queued: boolean;
  /**
   * What the integration layer held of the key's message before its first posting, and when a copy
   * of the message came (held-time.ts): undefined for most keys, neither held nor sent twice.
   */
  hold: KeyHold | undefined;
};

/** Holds of a key's message (held-time.ts). */
export type KeyHold = {
  /** time held before the key's first posting, left out of its transit latency */
  ms: number;
  /** end of the latest hold counted in `ms`: a copy held over the same span is not counted twice */
  until: number;
  /** time of the key's latest copy (-Infinity: none), where a resequencing wait of that copy starts */
  copyAt: number;
};

/** QMS view of the order's lot. */
export type Quality = 'none' | 'requested' | 'passed' | 'failed' | 'held' | 'released' | 'rework' | 'scrapped';

/* Order changes and cancellations after release (order-changes.ts). */

/** One change or the cancellation, as ERP sent it. */
export type ChangeNote = {
  readonly key: string;
  readonly eventId: string;
  readonly at: number;
  /** the changed order quantity and its unit (a cancellation: undefined) */
  readonly qty: number | undefined;
  readonly uom: string;
  /** the order quantity before this change, when known ('' unit: unknown) */
  readonly was: number | undefined;
  readonly reason: string;
  /** when MES acknowledged it (NaN: not yet) */
  ackAt: number;
};

/** What MES confirmed, per business key (each key's first message counts once). */
export type Confirmed = { readonly op: string; readonly qty: number; readonly at: number; readonly eventId: string };

/** The work that broke the change: the first confirmation beyond it (or after the cancellation). */
export type Breach = { readonly key: string; readonly op: string; readonly total: number; readonly at: number; readonly eventId: string; readonly against: ChangeNote };

export type OrderChangesRec = {
  readonly changes: ChangeNote[];
  cancel: ChangeNote | undefined;
  /** the order quantity before the first change (from its release) */
  orderedQty: number | undefined;
  readonly confirmed: Map<string, Confirmed>;
  breach: Breach | undefined;
  gap: GapRec | undefined;
  /** open status gaps of changes (or the cancellation) MES has not acknowledged, by key */
  readonly ackGaps: Map<string, GapRec>;
};

/** Per-key gaps (`GapRec.slot`): a duplicate posting (`KeyRec.dupGap`), a reversal ERP has not posted (`KeyRec.revGap`). */
export const SLOT_DUPLICATE = -1;
export const SLOT_REVERSAL = -2;
/** Gaps of an order's changes (order-changes.ts): work confirmed beyond a change or after a cancellation; a change or cancellation MES has not acknowledged. */
export const SLOT_ORDER_CHANGE = -3;
export const SLOT_CHANGE_ACK = -4;

/** Slots of the order-level gaps (per-key gaps live on their key and in `dupGaps`). */
export const SLOT_QUANTITY = 0;
export const SLOT_CONSUMPTION = 1;
export const SLOT_RECEIPT = 2;
export const SLOT_HOLD = 3;
export const SLOT_STATUS_RELEASE = 4;
export const SLOT_STATUS_RECEIPT = 5;
export const SLOTS = 6;

export type GapRec = {
  readonly id: string;
  readonly slot: number;
  readonly order: OrderRec;
  /** the business key a per-key gap is about */
  readonly key: KeyRec | undefined;
  readonly openedAt: number;
};

export type OrderRec = {
  readonly id: string;
  readonly line: LineRec;
  state: OrderState;
  since: number;
  item: string;
  /** the order's unit (ERP master data via the order); '' until the order is seen */
  uom: string;
  revision: string;
  keys: KeyRec[];
  releaseKey: KeyRec | undefined;
  completedAt: number;
  quality: Quality;
  qualityAt: number;
  /** last inspection pass or hold release with disposition release; NaN while not cleared */
  clearedAt: number;
  inspectionRequested: boolean;
  firstReceipt: KeyRec | undefined;
  /** operations MES started, in order; staged component lots as item, lot pairs (evidence of what must follow) */
  startedOps: string[] | undefined;
  staged: string[] | undefined;
  /** placeholders for messages proven sent but not seen */
  unseen: number;
  /**
   * When the order's last in-flight message left the integration layer's lane (posted or
   * dead-lettered), and that message's own time: messages queued behind it start their grace then.
   */
  laneFreedAt: number;
  laneHeadAt: number;
  /** business key of the last inspection request, result, hold, hold release and usage decision: their duplicates are ignored */
  readonly qmsKeys: [string, string, string, string, string];
  closedAt: number;
  gaps: (GapRec | undefined)[];
  dupGaps: GapRec[] | undefined;
  /** changes and cancellation ERP made after release, and their gaps (order-changes.ts); undefined for most orders */
  changes: OrderChangesRec | undefined;
  /** alternative units the order's BOM states components in (uom-changes.ts); undefined for most orders */
  conversions: OrderConversions | undefined;
  openGapCount: number;
  openExceptions: number;
  nextDeadline: number;
  /**
   * A closed order kept past its retention because something is still owed or wrong: it holds
   * only the keys that still matter (see compaction.ts), and events about any other key are late
   * events, ignored as for an evicted order.
   */
  compacted: boolean;
  /** what the keys compaction forgot added to the interface's totals, for gaps on the keys it kept */
  folded: Folded | undefined;
  evicted: boolean;
  countedReleased: boolean;
  countedCompleted: boolean;
  countedClosed: boolean;
};

/**
 * Both sides' sums of the keys compaction forgot, as describe-gap's totals would have added them:
 * `sums` holds MES quantity, ERP quantity, MES scrap and ERP scrap in `ref` (the unit the
 * interface's totals are kept in); `other` the same four per unit master data cannot convert.
 */
export type FoldedTotals = {
  ref: string;
  readonly sums: number[];
  other: Map<string, number[]> | undefined;
};

/** Interfaces whose agreeing keys compaction folds into totals: they are most of an order's keys. */
export type FoldedInterface = 'confirmation' | 'consumption';
export type Folded = { [I in FoldedInterface]: FoldedTotals | undefined };

export type LineRec = {
  readonly plant: string;
  readonly line: string;
  released: number;
  completed: number;
  closed: number;
  /** keys waiting for the other side, in arrival order */
  readonly pending: Map<string, KeyRec>;
  queueMax: number;
  /** transit latency of every posting (latency.ts) */
  readonly latency: Histogram;
  /** transit latency per posting kind, in `POSTING_KINDS` order */
  readonly latencyByKind: readonly Histogram[];
  /** time held per kind of hold, in `HOLD_KINDS` order (held-time.ts) */
  readonly held: readonly Histogram[];
  openGaps: number;
  duplicatesSuppressed: number;
  /** the integration layer's control counters for this line's messages (`controls` per line) */
  readonly controls: Controls;
  readonly exceptions: Record<ExceptionCategory, number>;
  /** per source of the line: sequence bookkeeping, to count messages that never reached the journal */
  readonly sources: Map<string, SourceSeq>;
  missing: number;
  /** orders ERP created whose release has not been seen, oldest first */
  readonly unreleased: Set<OrderRec>;
  /** orders of the line in state `in-process` (line-activity.ts) */
  inProcess: number;
  /** virtual ms the line last became idle (declared, first seen, or its last order in process completed) */
  idleSince: number;
  /** postings whose transit latency was negative after clock correction, counted as 0 (latency.ts); absent until one is */
  latencyClamped?: number;
};

export type SourceSeq = { next: number; readonly missing: Set<number> };

export type ExceptionRec = {
  readonly messageId: string;
  readonly key: KeyRec | undefined;
  readonly orderRec: OrderRec | undefined;
  readonly businesskey: string;
  readonly category: ExceptionCategory;
  readonly reason: string;
  readonly line: LineRec;
  readonly order: string;
  readonly iface: Interface;
  readonly messageType: string;
  readonly at: number;
};

export type Controls = {
  duplicatesSuppressed: number;
  resequenced: number;
  gated: number;
  retried: number;
  deadLettered: number;
  quarantined: number;
  buffered: number;
  forwarded: number;
  discarded: number;
};

export type MonitorState = {
  readonly grace: Readonly<Record<Interface, number>>;
  readonly retainClosedMs: number;
  nowMs: number;
  readonly plants: Map<string, Map<string, LineRec>>;
  /** per plant, per line: clock-offset estimates (clock-offsets.ts); created on first need (older checkpoints lack it) */
  clocks?: Map<string, Map<string, LineClocks>>;
  readonly orders: Map<string, OrderRec>;
  readonly keys: Map<string, KeyRec>;
  readonly openGaps: Map<string, GapRec>;
  gapsClosed: number;
  readonly controls: Controls;
  readonly exceptions: Map<string, ExceptionRec>;
  readonly buckets: Record<Bucket, number>;
  /** maintained apart from the buckets, so that their sum can be checked against it */
  needsPosting: number;
  postedKeys: number;
  doublePostedKeys: number;
  readonly deadlines: DeadlineHeap<OrderRec>;
  /** closed orders in closing order, each with the time from which it may be evicted */
  readonly closedQueue: { order: OrderRec; from: number }[];
  closedHead: number;
  /**
   * ids of evicted orders with the time of their eviction, oldest first: late events for them are
   * ignored. Kept for `TOMBSTONE_MS` and at most `MAX_TOMBSTONES` (eviction.ts).
   */
  readonly evicted: Map<string, number>;
  evictedCompared: number;
  /** business-key spelling per message type, learned from traffic */
  readonly templates: KeyTemplates;
  /** placeholders named `unseen:…` because their type's spelling was not known yet */
  readonly unnamed: Set<KeyRec>;
  /**
   * The integration layer reports its goods-receipt gate (an `int.message.gated` or `released`
   * record of that gate was seen): a completion it has no record of was not held there, but lost.
   */
  receiptGateReported: boolean;
  /** posting periods ERP announced and late postings per line (periods.ts); absent in checkpoints written before them */
  periods: PeriodsState;
  /**
   * Changes of items' alternative units ERP announced, per `item\u0000uom` (uom-changes.ts):
   * undefined until one is seen (and in checkpoints written before them).
   */
  uomChanges: Map<string, UomChangeRec[]> | undefined;
};

export function createState(grace: Readonly<Record<Interface, number>>, retainClosedMs: number): MonitorState {
  return {
    grace,
    retainClosedMs,
    nowMs: 0,
    plants: new Map(),
    orders: new Map(),
    keys: new Map(),
    openGaps: new Map(),
    gapsClosed: 0,
    controls: {
      duplicatesSuppressed: 0,
      resequenced: 0,
      gated: 0,
      retried: 0,
      deadLettered: 0,
      quarantined: 0,
      buffered: 0,
      forwarded: 0,
      discarded: 0,
    },
    exceptions: new Map(),
    buckets: { posted: 0, reversed: 0, deadLettered: 0, pending: 0, lost: 0, notNeeded: 0 },
    needsPosting: 0,
    postedKeys: 0,
    doublePostedKeys: 0,
    deadlines: createHeap(),
    closedQueue: [],
    closedHead: 0,
    evicted: new Map(),
    evictedCompared: 0,
    templates: new Map(),
    unnamed: new Set(),
    receiptGateReported: false,
    periods: createPeriods(),
    uomChanges: undefined,
  };
}
