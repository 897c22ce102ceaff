import { describe, expect, it } from 'vitest';
import { evaluateExpectations } from '../../../engine/expect/evaluate.js';
import { parseExpectation, type Expectation } from '../../../model/index.js';

const report = {
  controls: { buffered: 12, forwarded: 12, retried: 0 },
  faults: { 'wan-outage': 1 },
  lines: [
    { plant: 'MX01', line: 'L1', controls: { buffered: 12 }, postingLatencyMs: { p95: 18_000 } },
    { plant: 'MX01', line: 'L2', controls: { buffered: 0 }, postingLatencyMs: { p95: 75_000 } },
  ],
  gaps: [
    { kind: 'duplicate-posting', plant: 'MX01', line: 'L1', order: 'PO-1', overPosted: 14 },
    { kind: 'quantity', plant: 'MX01', line: 'L2', order: 'PO-2', overPosted: null },
  ],
};
const ex = (path: string, value: unknown): Expectation => {
  const e = parseExpectation(path, value);
  if (typeof e === 'string') throw new Error(e);
  return e;
};
const verdicts = (...es: Expectation[]) => evaluateExpectations(report, es).map((r) => r.verdict);

describe('expectations checked against a run report', () => {
  it('compares numbers, durations and other paths', () => {
    expect(verdicts(ex('controls.buffered', '>0'), ex('controls.retried', 0), ex('controls.forwarded', '=controls.buffered'), ex('faults.wan-outage', '>=1'))).toEqual([
      'pass',
      'pass',
      'pass',
      'pass',
    ]);
    expect(verdicts(ex('controls.retried', '>0'), ex('lines[MX01/L2].postingLatencyMs.p95', '<60s'))).toEqual(['fail', 'fail']);
    expect(verdicts(ex('lines[MX01/L1].postingLatencyMs.p95', '<60s'), ex('lines[MX01/L1].controls.buffered', '>0'))).toEqual(['pass', 'pass']);
  });

  it('holds [*] for every element, names the ones that fail, and fails on none', () => {
    const [r] = evaluateExpectations(report, [ex('lines[*].postingLatencyMs.p95', '<60s')]);
    expect(r).toMatchObject({ verdict: 'fail', value: { 'MX01/L1': 18_000, 'MX01/L2': 75_000 } });
    expect(r!.why).toBe('MX01/L2: 75000 (expected <60s)');
    expect(verdicts(ex('gaps[kind=status][*].overPosted', '>0'))).toEqual(['fail']);
    expect(verdicts(ex('gaps[kind=duplicate-posting][*].overPosted', '>0'), ex('gaps[kind=duplicate-posting].length', 1), ex('gaps[*].kind', 'in duplicate-posting, quantity'))).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
  });

  it('fails, saying so, when the path leads nowhere — never passes by default', () => {
    const [missing, rhs] = evaluateExpectations(report, [ex('controls.nothing', 0), ex('controls.buffered', '=controls.nothing')]);
    expect(missing).toMatchObject({ verdict: 'fail', value: null, why: 'nothing at controls.nothing in the report' });
    expect(rhs).toMatchObject({ verdict: 'fail', why: 'nothing at controls.nothing in the report' });
    expect(verdicts(ex('lines[XX/L9].controls.buffered', 0))).toEqual(['fail']);
  });

  it('"in PATH" accepts a value that is one of those the path reaches, and nothing else', () => {
    const doc = { ...report, answer: 'PO-2' };
    expect(evaluateExpectations(doc, [ex('answer', 'in gaps[*].order'), ex('answer', 'in gaps[kind=duplicate-posting][*].order'), ex('answer', 'in gaps[kind=status][*].order')]).map((r) => r.verdict)).toEqual([
      'pass',
      'fail',
      'fail',
    ]);
    // a list reached without [*] counts its elements
    expect(evaluateExpectations({ answer: 'b', lists: { choices: ['a', 'b'] } }, [ex('answer', 'in lists.choices')])[0]!.verdict).toBe('pass');
    // a comma list stays a list of words, even with a dot in one
    expect(parseExpectation('answer', 'in a.b, c')).toMatchObject({ test: { op: 'in', values: ['a.b', 'c'] } });
    expect(parseExpectation('answer', 'in gaps[kind=x')).toMatch(/unclosed/);
  });
});
