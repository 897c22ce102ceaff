import { createHistogram } from './histogram.js';
import { HOLD_KINDS, POSTING_KINDS } from './latency.js';
import { INT_NONE, SLOTS, type GapRec, type KeyRec, type LineRec, type MonitorState, type OrderRec } from './state.js';
import type { Interface } from '../model/names.js';

/** Records are created in one place with every field set, so each kind keeps one hidden class. */

export function lineOf(s: MonitorState, plant: string, line: string): LineRec {
  let byLine = s.plants.get(plant);
  if (byLine === undefined) {
    byLine = new Map();
    s.plants.set(plant, byLine);
  }
  let l = byLine.get(line);
  if (l === undefined) {
    l = {
      plant,
      line,
      released: 0,
      completed: 0,
      closed: 0,
      pending: new Map(),
      queueMax: 0,
      latency: createHistogram(),
      latencyByKind: POSTING_KINDS.map(() => createHistogram()),
      held: HOLD_KINDS.map(() => createHistogram()),
      openGaps: 0,
      duplicatesSuppressed: 0,
      controls: { duplicatesSuppressed: 0, resequenced: 0, gated: 0, retried: 0, deadLettered: 0, quarantined: 0, buffered: 0, forwarded: 0, discarded: 0 },
      exceptions: { technical: 0, 'business-rule': 0, 'data-quality': 0 },
      sources: new Map(),
      missing: 0,
      unreleased: new Set(),
      inProcess: 0,
      idleSince: s.nowMs,
    };
    byLine.set(line, l);
  }
  return l;
}

export function createOrder(id: string, line: LineRec, at: number): OrderRec {
  return {
    id,
    line,
    state: 'created',
    since: at,
    item: '',
    uom: '',
    revision: '',
    keys: [],
    releaseKey: undefined,
    completedAt: NaN,
    quality: 'none',
    qualityAt: NaN,
    clearedAt: NaN,
    inspectionRequested: false,
    firstReceipt: undefined,
    startedOps: undefined,
    staged: undefined,
    unseen: 0,
    laneFreedAt: -Infinity,
    laneHeadAt: Infinity,
    qmsKeys: ['', '', '', '', ''],
    closedAt: NaN,
    gaps: new Array<GapRec | undefined>(SLOTS).fill(undefined),
    dupGaps: undefined,
    changes: undefined,
    conversions: undefined,
    openGapCount: 0,
    openExceptions: 0,
    nextDeadline: Infinity,
    compacted: false,
    folded: undefined,
    evicted: false,
    countedReleased: false,
    countedCompleted: false,
    countedClosed: false,
  };
}

export function createKey(key: string, order: OrderRec, iface: Interface): KeyRec {
  const k: KeyRec = {
    key,
    order,
    iface,
    messageType: undefined,
    needsErp: false,
    messageAt: NaN,
    messageCount: 0,
    mes: undefined,
    expect: undefined,
    postings: 0,
    erpPostings: 0,
    firstPostingAt: NaN,
    postedBy: undefined,
    erp: undefined,
    erpMore: undefined,
    final: false,
    reversesKey: undefined,
    reverses: undefined,
    reversals: undefined,
    cancels: false,
    mesReversed: 0,
    erpReversed: 0,
    reversedAt: NaN,
    dupGap: undefined,
    revGap: undefined,
    mismatch: false,
    intState: INT_NONE,
    note: undefined,
    dead: undefined,
    operatorDiscarded: false,
    resendId: undefined,
    suppressed: 0,
    discarded: false,
    bucket: undefined,
    retained: false,
    inNeeds: false,
    queued: false,
    hold: undefined,
  };
  order.keys.push(k);
  return k;
}
