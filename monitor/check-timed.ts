import { interfaceOfMessage, isPosting, type AnyEvent, type CheckEventRef, type CheckRule, type Interface } from '../model/index.js';
import { add, copyTally, docOf, FIRST, groupOf, ref, tally, timeOf, trimMap, trimSet, type CheckLimits, type ClockView, type RuleState, type Tally } from './check-state.js';
import { clockedSystem } from './clock-offsets.js';
import { createHistogram, quantile, record, type Histogram } from './histogram.js';

/**
 * The rule kinds judged against time: within (from one event to the one that answers it) and
 * completeness (a message posted within its time). What is still waiting is judged at the instant
 * measured, so a measurement passes over the waiting entries — bounded like everything else.
 */

/** The p-th percentile of sorted samples (the sample at rank ⌈p·n⌉). */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Insert `v` into ascending `sorted`, after the equal values already there. */
function insertSorted(sorted: number[], v: number): void {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  sorted.splice(lo, 0, v);
}

type From = { readonly ref: CheckEventRef; readonly t: number; readonly raw: number; readonly line: string; readonly sys: number };
type Slow = { readonly ms: number; readonly from: CheckEventRef; readonly to: CheckEventRef };
/** A pair measured while a clock it was read on was not yet settled: its latency as the clocks say */
type Provisional = { readonly raw: number; readonly from: CheckEventRef; readonly to: CheckEventRef };
/** The provisional pairs of one pair of clocks: `from`'s system on its line, `to`'s on its line */
type ProvisionalGroup = { readonly fromLine: string; readonly fromSys: number; readonly toLine: string; readonly toSys: number; readonly pairs: Provisional[] };

/**
 * Pairs held provisional at most: the first pairs of a run, before the clock estimates can tell (a
 * line's first releases are acknowledged before MES sent anything ERP answers). Beyond, the oldest
 * is judged as the clocks then say.
 */
export const MAX_PROVISIONAL = 256;

const lineOf = (e: AnyEvent) => `${e.plant}/${e.line}`;
type WithinState = {
  /** `from` events waiting for their `to`, per group */
  readonly pending: Map<string, From[]>;
  /** how many wait in all */
  waiting: number;
  /** every latency, ascending, while there are at most `exactLatencies` of them (then null) */
  exact: number[] | null;
  /** every latency: what p50 and p95 come from once there are too many to keep */
  readonly hist: Histogram;
  /** pairs over the limit: all counted, the slowest few kept (slowest first; of equal ones, the earliest) */
  slowCount: number;
  readonly slowest: Slow[];
  /** `from` events forgotten after their limit ran out unanswered */
  readonly gone: Tally;
  /** pairs read on a clock not yet settled, by pair of clocks; judged once both are (or as they are, beyond MAX_PROVISIONAL) */
  readonly provisional: Map<string, ProvisionalGroup>;
  provisionalCount: number;
  events: number;
  forgotten: number;
};

/**
 * `clocks`: what the checker knows of each line's clock offsets. A pair is judged on ERP's clock once
 * both its events' clocks are settled; a pair measured before (the estimate cannot tell yet) is held
 * provisional and judged again when they are — so a MES clock 130 s ahead is not 130 s of
 * acknowledgement latency in the first releases of a run either.
 */
export function within(r: Extract<CheckRule, { kind: 'within' }>, lim: CheckLimits, clocks: ClockView): RuleState {
  const s: WithinState = { pending: new Map(), waiting: 0, exact: [], hist: createHistogram(), slowCount: 0, slowest: [], gone: tally(), provisional: new Map(), provisionalCount: 0, events: 0, forgotten: 0 };
  const secs = (ms: number) => Math.round(ms / 1000);
  const unmatchedText = (f: From) => () => `no ${r.to} for ${r.from} ${f.ref.businesskey} within ${secs(r.limitMs)} s`;
  /** a waiting `from` forgotten at virtual instant `now`: unanswered past its limit it stays a violation */
  const forget = (f: From, now: number) => {
    s.waiting--;
    if (now - f.t > r.limitMs) add(s.gone, unmatchedText(f), [f.ref]);
    else s.forgotten++;
  };
  const noteSlow = (x: Slow) => {
    s.slowCount++;
    let i = s.slowest.length;
    while (i > 0 && s.slowest[i - 1]!.ms < x.ms) i--;
    if (i >= FIRST) return;
    s.slowest.splice(i, 0, x);
    if (s.slowest.length > FIRST) s.slowest.pop();
  };
  const judge = (ms: number, from: CheckEventRef, to: CheckEventRef) => {
    record(s.hist, ms);
    if (s.exact !== null) {
      if (s.hist.count > lim.exactLatencies) s.exact = null;
      else insertSorted(s.exact, ms);
    }
    if (ms > r.limitMs) noteSlow({ ms, from, to });
  };
  /** a provisional pair's latency with the offsets `off` gives (the clock of `to` less the clock of `from`) */
  const shifted = (p: Provisional, g: ProvisionalGroup, off: (line: string, sys: number) => number) => Math.max(0, p.raw - (off(g.toLine, g.toSys) - off(g.fromLine, g.fromSys)));
  /** judge the provisional pairs whose clocks are settled now */
  const settle = () => {
    for (const [k, g] of s.provisional) {
      const a = clocks.settled(g.fromLine, g.fromSys);
      const b = a === undefined ? undefined : clocks.settled(g.toLine, g.toSys);
      if (b === undefined) continue;
      for (const p of g.pairs) judge(Math.max(0, p.raw - (b - a!)), p.from, p.to);
      s.provisionalCount -= g.pairs.length;
      s.provisional.delete(k);
    }
  };
  const holdProvisional = (f: From, e: AnyEvent, toLine: string, toSys: number, raw: number) => {
    const k = `${f.line}\u0000${f.sys}\u0000${toLine}\u0000${toSys}`;
    let g = s.provisional.get(k);
    if (g === undefined) s.provisional.set(k, (g = { fromLine: f.line, fromSys: f.sys, toLine, toSys, pairs: [] }));
    g.pairs.push({ raw, from: f.ref, to: ref(e) });
    s.provisionalCount++;
    if (s.provisionalCount <= MAX_PROVISIONAL) return;
    // too many wait: the oldest is judged as the clocks say now
    const [ok, og] = s.provisional.entries().next().value as [string, ProvisionalGroup];
    const p = og.pairs.shift()!;
    judge(shifted(p, og, clocks.current), p.from, p.to);
    s.provisionalCount--;
    if (og.pairs.length === 0) s.provisional.delete(ok);
  };
  return {
    apply(e, t) {
      if (s.provisionalCount > 0) settle();
      const isFrom = e.type === r.from;
      const isTo = e.type === r.to;
      if (!isFrom && !isTo) return;
      if (isTo) {
        const g = r.match === 'causation' ? e.causationid : groupOf(e, r.match);
        const waiting = g === undefined ? undefined : s.pending.get(g);
        const f = waiting?.shift();
        if (f !== undefined) {
          s.waiting--;
          if (waiting!.length === 0) s.pending.delete(g!);
          const raw = timeOf(e);
          // an unreadable time (a caller that skipped the decoder): as the checker read it
          if (raw !== raw || f.raw !== f.raw) judge(Math.max(0, t - f.t), f.ref, ref(e));
          else {
            const toLine = lineOf(e);
            const toSys = clockedSystem(e.source);
            const a = clocks.settled(f.line, f.sys);
            const b = a === undefined ? undefined : clocks.settled(toLine, toSys);
            if (b !== undefined) judge(Math.max(0, raw - b - (f.raw - a!)), f.ref, ref(e));
            else holdProvisional(f, e, toLine, toSys, raw - f.raw);
          }
        }
      }
      if (isFrom) {
        s.events++;
        const g = r.match === 'causation' ? e.id : groupOf(e, r.match);
        if (g === undefined) return;
        const f: From = { ref: ref(e), t, raw: timeOf(e), line: lineOf(e), sys: clockedSystem(e.source) };
        const list = s.pending.get(g);
        if (list === undefined) s.pending.set(g, [f]);
        else list.push(f);
        s.waiting++;
        // the oldest waiting go first: the first of the oldest group
        while (s.waiting > lim.maxKeys) {
          const [og, olist] = s.pending.entries().next().value as [string, From[]];
          forget(olist.shift()!, f.t);
          if (olist.length === 0) s.pending.delete(og);
        }
      }
    },
    measure(nowMs) {
      // provisional pairs count as the clocks say now (their clocks are not settled, so no offset applies to them yet)
      const held: Slow[] = [];
      for (const g of s.provisional.values()) for (const p of g.pairs) held.push({ ms: shifted(p, g, clocks.current), from: p.from, to: p.to });
      const slowHeld = held.filter((x) => x.ms > r.limitMs);
      const slowest = slowHeld.length === 0 ? s.slowest : [...s.slowest, ...slowHeld].sort((a, b) => b.ms - a.ms).slice(0, FIRST);
      const t = tally();
      t.count = s.slowCount + slowHeld.length;
      for (const x of slowest) t.first.push({ text: `${r.to} ${secs(x.ms)} s after ${r.from} (limit ${secs(r.limitMs)} s)`, events: [x.from, x.to] });
      t.count += s.gone.count;
      for (const v of s.gone.first) if (t.first.length < FIRST) t.first.push(v);
      let unmatched = s.gone.count;
      for (const list of s.pending.values())
        for (const f of list)
          if (nowMs - f.t > r.limitMs) {
            unmatched++;
            add(t, unmatchedText(f), [f.ref]);
          }
      const exact = s.exact === null || held.length === 0 ? s.exact : [...s.exact, ...held.map((x) => x.ms)].sort((a, b) => a - b);
      const p = (q: number) => (exact !== null ? percentile(exact, q) : quantile(s.hist, q / 100));
      const count = s.hist.count + held.length;
      const max = held.reduce((m, x) => Math.max(m, x.ms), s.hist.count === 0 ? -Infinity : s.hist.max);
      const doc = { events: s.events, violations: t.count, count, p50: p(50), p95: p(95), max: count === 0 ? null : max, unmatched };
      return { doc: docOf(doc, s.forgotten), first: t.first };
    },
  };
}

type Waiting = { readonly ref: CheckEventRef; readonly t: number; readonly limit: number };
type CompletenessState = {
  /** messages waiting for their posting, by business key */
  readonly pending: Map<string, Waiting>;
  /** business keys posted */
  readonly posted: Set<string>;
  readonly late: Tally;
  /** messages forgotten after their time ran out unposted */
  readonly gone: Tally;
  events: number;
  forgotten: number;
};

export function completeness(r: Extract<CheckRule, { kind: 'completeness' }>, grace: Readonly<Record<Interface, number>>, lim: CheckLimits): RuleState {
  const types = new Set(r.events);
  const s: CompletenessState = { pending: new Map(), posted: new Set(), late: tally(), gone: tally(), events: 0, forgotten: 0 };
  const limitOf = (type: string) => (Number.isFinite(r.withinMs) ? r.withinMs : grace[interfaceOfMessage(type) ?? 'confirmation']);
  const missingText = (m: Waiting) => () => `${m.ref.type} ${m.ref.businesskey} not posted within ${Math.round(m.limit / 1000)} s`;
  return {
    apply(e, t) {
      if (types.has(e.type)) {
        // a copy of a message whose key was posted owes nothing more
        if (s.posted.has(e.businesskey) || s.pending.has(e.businesskey)) return;
        s.events++;
        const now = t;
        s.pending.set(e.businesskey, { ref: ref(e), t: now, limit: limitOf(e.type) });
        // the oldest waiting go first; one past its time stays missing
        trimMap(s.pending, lim.maxKeys, (_, m) => {
          if (now - m.t > m.limit) add(s.gone, missingText(m), [m.ref]);
          else s.forgotten++;
        });
      } else if (isPosting(e.type)) {
        if (!s.posted.has(e.businesskey)) {
          s.posted.add(e.businesskey);
          s.forgotten += trimSet(s.posted, lim.maxKeys);
        }
        const m = s.pending.get(e.businesskey);
        if (m === undefined) return;
        s.pending.delete(e.businesskey);
        const ms = t - m.t;
        if (ms > m.limit) add(s.late, () => `${m.ref.type} ${m.ref.businesskey} posted ${Math.round(ms / 1000)} s later, over its ${Math.round(m.limit / 1000)} s`, [m.ref, ref(e)]);
      }
    },
    measure(nowMs) {
      const t = copyTally(s.late);
      t.count += s.gone.count;
      for (const v of s.gone.first) if (t.first.length < FIRST) t.first.push(v);
      for (const m of s.pending.values()) if (nowMs - m.t > m.limit) add(t, missingText(m), [m.ref]);
      return { doc: docOf({ events: s.events, violations: t.count, late: s.late.count, missing: t.count - s.late.count }, s.forgotten), first: t.first };
    },
  };
}
