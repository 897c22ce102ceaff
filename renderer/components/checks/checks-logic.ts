/** What the Contract checks panel says about a rule: pure, so it is tested without a browser. */
import type { LiveCheck } from '../../../engine/contract/index.js';
import { fmtCount, fmtMs } from '../../format.js';

/** Figures in milliseconds (a `within` rule's); the rest are counts. */
const MS = new Set(['p50', 'p95', 'max']);
/** Said by the table's own columns, or not worth a glance. */
const SHOWN_ELSEWHERE = new Set(['violations']);

/** A rule's measurement in a line: `events 20 · count 20 · p50 3 s · p95 4 s · max 4 s · unmatched 1`. */
export function measuredText(c: Pick<LiveCheck, 'measured'>): string {
  return Object.entries(c.measured)
    .filter(([k]) => !SHOWN_ELSEWHERE.has(k))
    .map(([k, v]) => `${k} ${v === null ? '—' : MS.has(k) ? fmtMs(v) : fmtCount(v)}`)
    .join(' · ');
}

/** The panel's headline: how many rules, how many fail. */
export function checksHeadline(checks: readonly LiveCheck[]): string {
  if (checks.length === 0) return 'No contract rules judged yet.';
  const failing = checks.filter((c) => c.verdict === 'fail').length;
  const rules = `${checks.length} rule${checks.length === 1 ? '' : 's'}`;
  return failing === 0 ? `All ${rules} hold so far.` : `${failing} of ${rules} failing.`;
}

/** How many violations the panel does not show with their events. */
export function moreViolations(c: Pick<LiveCheck, 'violations' | 'first'>): string {
  const more = c.violations - c.first.length;
  return more > 0 ? `… and ${fmtCount(more)} more` : '';
}
