import { DEFAULT_GRACE_MS, type AnyEvent, type CheckMeasure, type CheckRule, type Interface } from '../model/index.js';
import { balance, exactlyOnce, forbiddenBefore, ordering } from './check-kinds.js';
import { DEFAULT_LIMITS, type CheckLimits, type ClockView, type RuleState } from './check-state.js';
import { completeness, within } from './check-timed.js';
import { clockedSystem, createLineClocks, currentOffset, noteClock, settledOffset, type LineClocks } from './clock-offsets.js';

export { DEFAULT_LIMITS as DEFAULT_CHECK_LIMITS, type CheckLimits } from './check-state.js';

/**
 * Integration contract rules applied to events in journal order; `measure` says what each found so far.
 *
 * Memory is bounded (`CheckLimits`: a watch may run for days) and a measurement costs a pass over
 * what is in violation or still waiting now, never over every key seen: a live session measures
 * about once a second.
 */
export type Checker = {
  apply(e: AnyEvent): void;
  /** each rule's measurement at virtual instant `nowMs` (messages still inside their time are not judged), by rule id */
  measure(nowMs: number): Map<string, CheckMeasure>;
};

export type CheckerOptions = {
  /** bounds of what each rule remembers (default `DEFAULT_CHECK_LIMITS`) */
  readonly limits?: Partial<CheckLimits>;
};

/** A checker of `rules`; `gracePeriods` time a completeness rule that names no time of its own. */
export function createChecker(rules: readonly CheckRule[], gracePeriods: Readonly<Record<Interface, number>> = DEFAULT_GRACE_MS, opts: CheckerOptions = {}): Checker {
  const lim: CheckLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  if (!(lim.maxKeys >= 1 && lim.maxPerGroup >= 1 && lim.exactLatencies >= 0)) throw new Error(`check limits: expected positive bounds, got ${JSON.stringify(lim)}`);
  // timed rules read a plant system's events on ERP's clock, as the monitor does: a MES clock 130 s
  // ahead is a skewed clock (the line tile says so), not 130 s of latency
  const clocks = new Map<string, LineClocks>();
  const clockView: ClockView = { current: (line, sys) => currentOffset(clocks.get(line), sys), settled: (line, sys) => settledOffset(clocks.get(line), sys) };
  const states = rules.map((r): [string, RuleState] => {
    switch (r.kind) {
      case 'ordering':
        return [r.id, ordering(r, lim)];
      case 'forbidden-before':
        return [r.id, forbiddenBefore(r, lim)];
      case 'exactly-once':
        return [r.id, exactlyOnce(r, lim)];
      case 'within':
        return [r.id, within(r, lim, clockView)];
      case 'balance':
        return [r.id, balance(r, lim)];
      case 'completeness':
        return [r.id, completeness(r, gracePeriods, lim)];
    }
  });
  return {
    apply(e) {
      const raw = Date.parse(e.time);
      const sys = clockedSystem(e.source);
      let t = raw;
      if (sys >= 0 && raw === raw) {
        const key = `${e.plant}/${e.line}`;
        let c = clocks.get(key);
        if (c === undefined) clocks.set(key, (c = createLineClocks()));
        t = raw - noteClock(c, e, raw, sys);
      }
      for (const [, s] of states) s.apply(e, t);
    },
    measure: (nowMs) => new Map(states.map(([id, s]) => [id, s.measure(nowMs)])),
  };
}
