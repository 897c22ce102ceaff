import { createChecker, type Checker, type CheckLimits } from '../../monitor/checks.js';
import type { AnyEvent, CheckRule, ExpectationResult, Interface } from '../../model/index.js';
import type { LiveCheck } from '../contract/index.js';
import { judgeCheck } from '../expect/judge-check.js';
import type { SessionChecks } from '../journal/record-outcome.js';
import { defaultRules } from '../scenario/index.js';
import type { HostClock } from './host-clock.js';

/** How many violations of a rule a frame carries with their events (the count is all of them). */
export const LIVE_CHECK_FIRST = 3;
/** Wall ms between two measurements while a session runs: a frame in between shows the last one. */
export const LIVE_CHECK_EVERY_MS = 1000;

/**
 * A session's integration contract checks, judged live: every event the session applies goes
 * through the rule checker as well (in journal order), and the rules are measured and judged at
 * the session's virtual time — at most once per `everyMs` of wall time while it runs, at once when
 * asked for a fresh look (a paused or finished session, a final frame), and never again while
 * nothing changed.
 */
export type LiveChecks = {
  readonly rules: readonly CheckRule[];
  /**
   * Take an event in journal order. A retained message (`retained`) is skipped: the broker's last
   * value, kept from whenever, is not this session's traffic — its posting may well have come before
   * the watch began, as the monitor reasons too (it opens no gap for one).
   */
  apply(e: AnyEvent, retained?: boolean): void;
  /** the rules as judged at virtual instant `nowMs` (or at the last measurement, under a second ago, unless `fresh`) */
  summary(nowMs: number, fresh: boolean): readonly LiveCheck[];
  /** what the session's outcome records: judged at `nowMs` now */
  outcome(nowMs: number): SessionChecks;
  /** forget every event: the checks start over (a replay that jumps to a checkpoint goes over the session again) */
  reset(): void;
};

export type LiveChecksOptions = {
  readonly everyMs?: number;
  /** bounds of what each rule remembers (tests make them small) */
  readonly limits?: Partial<CheckLimits>;
};

/** The rules a session checks live: those its host gave (the bundled ones and its rules file), else the bundled ones. */
export function liveRules(rules?: readonly CheckRule[]): readonly CheckRule[] {
  return rules ?? defaultRules();
}

/** `violations = 0: 11 is not 0`: a failed `expect:` entry in words (as `linesight check` says it). */
function failedText(c: ExpectationResult): string {
  const expected = /^(<|>|=|!=|in )/.test(c.expected) ? c.expected : `= ${c.expected}`;
  return `${c.path} ${expected}: ${c.why ?? ''}`;
}

export function createLiveChecks(rules: readonly CheckRule[], gracePeriods: Readonly<Record<Interface, number>>, clock: HostClock, opts: LiveChecksOptions = {}): LiveChecks {
  const everyMs = opts.everyMs ?? LIVE_CHECK_EVERY_MS;
  const make = (): Checker => createChecker(rules, gracePeriods, opts.limits === undefined ? {} : { limits: opts.limits });
  let checker = make();
  /** events applied since the start (or the last restore): a measurement is redone only when they or the instant changed */
  let applied = 0;
  let last: { readonly wall: number; readonly nowMs: number; readonly applied: number; readonly checks: readonly LiveCheck[] } | undefined;

  const judge = (nowMs: number): readonly LiveCheck[] => {
    const measured = checker.measure(nowMs);
    return rules.map((r): LiveCheck => {
      const m = measured.get(r.id)!;
      const failed = judgeCheck(m.doc, r.expect).filter((c) => c.verdict === 'fail');
      return {
        id: r.id,
        kind: r.kind,
        title: r.title,
        verdict: failed.length === 0 ? 'pass' : 'fail',
        violations: m.doc.violations,
        measured: m.doc,
        failing: failed.map(failedText),
        first: m.first.slice(0, LIVE_CHECK_FIRST),
      };
    });
  };
  const measure = (nowMs: number, fresh: boolean): readonly LiveCheck[] => {
    const wall = clock.now();
    if (last !== undefined && last.applied === applied && last.nowMs === nowMs) return last.checks;
    if (last !== undefined && !fresh && wall - last.wall < everyMs) return last.checks;
    last = { wall, nowMs, applied, checks: judge(nowMs) };
    return last.checks;
  };
  return {
    rules,
    apply(e, retained) {
      if (retained === true) return;
      checker.apply(e);
      applied++;
    },
    summary: measure,
    outcome(nowMs) {
      const checks = measure(nowMs, true);
      return { rules: checks.length, failing: checks.filter((c) => c.verdict === 'fail').map((c) => c.id) };
    },
    reset() {
      checker = make();
      applied = 0;
      last = undefined;
    },
  };
}
