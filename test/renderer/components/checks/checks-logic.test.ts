import { describe, expect, it } from 'vitest';
import type { LiveCheck } from '../../../../engine/contract/index.js';
import { checksHeadline, measuredText, moreViolations } from '../../../../renderer/components/checks/checks-logic.js';
import { checksText, checksTitle } from '../../../../renderer/components/sessions/sessions-logic.js';

const check = (over: Partial<LiveCheck>): LiveCheck => ({
  id: 'posted-once',
  kind: 'exactly-once',
  title: 'Every business key is posted once',
  verdict: 'pass',
  violations: 0,
  measured: { events: 10, violations: 0 },
  failing: [],
  first: [],
  ...over,
});

describe('what the Contract checks panel and the Sessions view say', () => {
  it('a headline counts the failing rules', () => {
    expect(checksHeadline([])).toBe('No contract rules judged yet.');
    expect(checksHeadline([check({}), check({ id: 'b' })])).toBe('All 2 rules hold so far.');
    expect(checksHeadline([check({}), check({ id: 'b', verdict: 'fail' })])).toBe('1 of 2 rules failing.');
  });

  it("a rule's measurement in a line: latencies as durations, counts as counts, violations left to their column", () => {
    const within = check({ measured: { events: 1200, violations: 2, count: 1199, p50: 3040, p95: 250, max: 130_000, unmatched: 1 } });
    expect(measuredText(within)).toBe('events 1,200 · count 1,199 · p50 3 s · p95 250 ms · max 2 min 10 s · unmatched 1');
    expect(measuredText(check({ measured: { events: 0, violations: 0, count: 0, p50: null } }))).toBe('events 0 · count 0 · p50 —');
  });

  it('says how many violations are not shown with their events', () => {
    expect(moreViolations({ violations: 17, first: [{ text: 'a', events: [] }, { text: 'b', events: [] }, { text: 'c', events: [] }] })).toBe('… and 14 more');
    expect(moreViolations({ violations: 1, first: [{ text: 'a', events: [] }] })).toBe('');
  });

  it('a session row: how many rules held or failed, which in its title, — when none were recorded', () => {
    expect(checksText(null)).toBe('—');
    expect(checksText({ rules: 7, failed: 0, failing: [] })).toBe('7 hold');
    expect(checksText({ rules: 7, failed: 2, failing: ['posted-once', 'receipts-reach-erp'] })).toBe('2/7 fail');
    expect(checksTitle({ rules: 7, failed: 2, failing: ['posted-once', 'receipts-reach-erp'] })).toMatch(/posted-once, receipts-reach-erp/);
    expect(checksTitle(null)).toMatch(/^not recorded/);
  });
});
