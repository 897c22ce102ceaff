import { describe, expect, it } from 'vitest';
import { judgeCheck } from '../../../engine/expect/judge-check.js';
import { parseExpectation, type Expectation } from '../../../model/index.js';

const ex = (path: string, value: unknown): Expectation => {
  const e = parseExpectation(path, value);
  if (typeof e === 'string') throw new Error(e);
  return e;
};
const within = (events: number, p95: number | null) => ({ events, violations: 0, count: p95 === null ? 0 : 1, p50: p95, p95, max: p95, unmatched: 0 });

describe('a contract rule judged on its measurement', () => {
  it('passes a value it could not measure while it has seen none of its events', () => {
    expect(judgeCheck(within(0, null), [ex('p95', '<=2m')]).map((r) => r.verdict)).toEqual(['pass']);
  });
  it('fails that value once its events came and nothing was measured (releases never acknowledged)', () => {
    const [r] = judgeCheck(within(3, null), [ex('p95', '<=2m')]);
    expect(r).toMatchObject({ verdict: 'fail', value: null });
  });
  it('judges a measured value, and an entry on the events themselves, as written', () => {
    expect(judgeCheck(within(5, 180_000), [ex('p95', '<=2m')])[0]!.verdict).toBe('fail');
    expect(judgeCheck(within(5, 60_000), [ex('p95', '<=2m')])[0]!.verdict).toBe('pass');
    expect(judgeCheck(within(0, null), [ex('events', '>0')])[0]).toMatchObject({ verdict: 'fail', value: 0 });
  });
});
