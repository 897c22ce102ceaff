import type { CheckMeasure, Expectation, ExpectationResult } from '../../model/index.js';
import { evaluateExpectations } from './evaluate.js';

/**
 * A contract rule's `expect:` judged on what it measured. A rule that has seen none of its events
 * has nothing to judge: an entry on a value it could not measure (a `within` rule's p95 before any
 * release was acknowledged) passes rather than failing a run that never did the thing. An entry
 * that measures the events themselves (`events: ">0"`) is judged as written.
 */
export function judgeCheck(doc: CheckMeasure['doc'], expect: readonly Expectation[]): ExpectationResult[] {
  const results = evaluateExpectations(doc, expect);
  if (doc.events !== 0) return results;
  return results.map((r) => (r.verdict === 'fail' && r.value === null ? { path: r.path, expected: r.expected, value: null, verdict: 'pass' } : r));
}
