import type { AnyEvent } from '../model/event.js';
import { isReversalMessage, isReversalPosting } from '../model/interfaces.js';
import { rfc3339 } from '../model/event.js';
import { EVENT_TYPES } from '../model/names.js';
import { peekAt, pop } from './deadline-heap.js';
import { evictClosed } from './eviction.js';
import { evaluateOrder } from './gaps.js';
import { heldTime } from './held-time.js';
import { integration, operatorActions } from './integration.js';
import { keyLedger } from './key-ledger.js';
import { expectations, releasesLost } from './expectations.js';
import { lifecycle } from './lifecycle.js';
import { orderChanges } from './order-changes.js';
import { declareLines, noteOrderState } from './line-activity.js';
import type { Projection } from './projection.js';
import { previewReversal } from './preview-reversal.js';
import { takeSnapshot } from './snapshot.js';
import { createOrder, lineOf } from './records.js';
import { createState, type MonitorState, type OrderRec } from './state.js';
import { trackSequence } from './sequence.js';
import { parseTime } from './time.js';
import { periods } from './periods.js';
import { backlog } from './backlog.js';
import { uomChanges } from './uom-changes.js';
import { readAsVersion1 } from '../model/schema-versions.js';
import { aheadBound, clockedSystem, createLineClocks, noteClock, type LineClocks } from './clock-offsets.js';
import type { Monitor, MonitorCheckpoint, MonitorOptions } from './types.js';

/** Default retention of a closed, settled order's detail: one hour of virtual time. */
export const DEFAULT_RETAIN_CLOSED_MS = 60 * 60_000;

/** the ledger creates a message's key before expectations look for it; integration, before held time; an order's conversions are known before its keys */
const PROJECTIONS: readonly Projection[] = [lifecycle, uomChanges, keyLedger, integration, heldTime, operatorActions, expectations, periods, orderChanges, backlog];

/**
 * Per event type: its projections (in the order above: lifecycle before the ledger), whether it
 * belongs to an order, and whether it can change what the order owes — events that cannot (a
 * start, a staging) skip the re-evaluation, which is most of the per-event cost.
 */
type Route = { readonly handlers: Projection[]; readonly ordered: boolean; readonly evaluate: boolean; readonly keyed: boolean };
const NO_EVALUATION = new Set<string>(['erp.order.created', 'wms.material.staged', 'mes.downtime.reported']);
const ROUTES = new Map<string, Route>();
for (const t of EVENT_TYPES) {
  const ordered = !t.startsWith('operator.') && t !== 'int.message.quarantined';
  // events whose business key is a ledger key: the ledger's own, and integration-layer records of its messages
  const keyed = keyLedger.handles.includes(t) || integration.handles.includes(t);
  ROUTES.set(t, { handlers: PROJECTIONS.filter((p) => p.handles.includes(t)), ordered, evaluate: ordered && !NO_EVALUATION.has(t), keyed });
}
const UNKNOWN: Route = { handlers: [], ordered: false, evaluate: false, keyed: false };

/**
 * The order an event belongs to: `subject` (every event of an order carries it), created on first
 * sight so that a live stream joined mid-order still works. Undefined for events without an order
 * and for orders already evicted (their late events are ignored) — and, for a compacted order, for
 * events about a business key it no longer holds (late too: see compaction.ts).
 */
function orderOf(s: MonitorState, e: AnyEvent, at: number, keyed: boolean): OrderRec | undefined {
  const id = e.subject ?? ((e.data as { order?: unknown }).order as string | undefined);
  if (id === undefined) return undefined;
  let o = s.orders.get(id);
  if (o === undefined) {
    if (s.evicted.has(id)) return undefined;
    o = createOrder(id, lineOf(s, e.plant, e.line), at);
    s.orders.set(id, o);
  }
  // a reversal is new business on a key the order kept (or a key of its own, when it reverses one
  // compaction forgot): never a late copy of something forgotten
  if (o.compacted && keyed && s.keys.get(e.businesskey)?.order !== o && !isReversalMessage(e.type) && !isReversalPosting(e.type)) return undefined;
  return o;
}

/** The clock estimates of a line, created on first need (a state from an older checkpoint has none). */
function clocksOf(s: MonitorState, plant: string, line: string): LineClocks {
  const all = (s.clocks ??= new Map<string, Map<string, LineClocks>>());
  let byLine = all.get(plant);
  if (byLine === undefined) all.set(plant, (byLine = new Map<string, LineClocks>()));
  let c = byLine.get(line);
  if (c === undefined) byLine.set(line, (c = createLineClocks()));
  return c;
}

function advanceTo(s: MonitorState, nowMs: number): void {
  if (!(nowMs > s.nowMs)) return;
  const h = s.deadlines;
  // each deadline is evaluated at its own instant, so a gap opens exactly when its grace ran out
  while (peekAt(h) <= nowMs) {
    const at = peekAt(h);
    const o = pop(h);
    if (o.nextDeadline !== at) continue;
    o.nextDeadline = Infinity;
    if (at > s.nowMs) s.nowMs = at;
    evaluateOrder(s, o);
  }
  s.nowMs = nowMs;
  evictClosed(s);
}

/**
 * The sync monitor: folds journaled canonical events — and nothing else — into per-line
 * statistics, order lifecycles, sync gaps, the exception queue, conservation of business keys and
 * reconciliation. Time comes only from event times and `advance`; it never moves backwards.
 */
export function createMonitor(opts: MonitorOptions & { readonly from?: MonitorCheckpoint; readonly adopt?: boolean }): Monitor {
  // the state is plain data (maps, sets, records pointing at each other): a structured clone copies
  // it whole, shared references and cycles included, so a resumed monitor is the one checkpointed.
  // `adopt`: `from` is a fresh copy nobody else holds (just deserialized), taken as it is.
  const s = opts.from
    ? ((opts.adopt ? opts.from : structuredClone(opts.from)) as unknown as MonitorState)
    : createState(opts.gracePeriods, opts.retainClosedMs ?? DEFAULT_RETAIN_CLOSED_MS);
  return {
    apply(sent: AnyEvent, retained = false): void {
      // a newer payload version (dataschema) is read through model's rename table, never as NaN
      const e = readAsVersion1(sent);
      const t = parseTime(e.time);
      // an unreadable time (only possible when a caller skips the decoder) is taken as "now";
      // a plant system whose clock is estimated off ERP's is read on ERP's clock (clock-offsets.ts)
      const sys = clockedSystem(e.source);
      const clocks = sys >= 0 ? clocksOf(s, e.plant, e.line) : undefined;
      const at = t !== t ? s.nowMs : clocks !== undefined ? t - noteClock(clocks, e, t, sys) : t;
      // a clock not yet settled moves time no further than it can be trusted (clock-offsets.ts)
      advanceTo(s, clocks !== undefined ? at - aheadBound(clocks, sys) : at);
      const route = ROUTES.get(e.type) ?? UNKNOWN;
      const o = route.ordered ? orderOf(s, e, at, route.keyed) : undefined;
      const line = o?.line ?? lineOf(s, e.plant, e.line);
      // a retained message is one per topic, kept from whenever: its sequence number says nothing of loss
      const holes = retained ? 0 : trackSequence(line, e);
      const was = o?.state;
      for (const p of route.handlers) p.evolve(s, e, o, at, retained);
      if (o !== undefined && o.state !== was) noteOrderState(o, was!, at);
      if (o !== undefined && route.evaluate) evaluateOrder(s, o);
      if (holes > 0 && e.source.endsWith('/erp')) for (const lost of releasesLost(s, line, at, holes)) evaluateOrder(s, lost);
    },
    advance(nowMs: number): void {
      advanceTo(s, nowMs);
    },
    declareLines: (lines, atMs) => declareLines(s, lines, atMs),
    get nowMs() {
      return s.nowMs;
    },
    snapshot: () => takeSnapshot(s),
    checkpoint: () => structuredClone(s) as unknown as MonitorCheckpoint,
    writeState: (write) => write(s as unknown as MonitorCheckpoint),
    postedKeys: () => s.postedKeys,
    previewReversal: (key: string) => previewReversal(s, key),
    postingsOf(key: string) {
      const k = s.keys.get(key);
      if (k === undefined || k.postings === 0) return undefined;
      return { count: k.postings, firstAt: rfc3339(k.firstPostingAt) };
    },
  };
}
