import { describe, expect, it } from 'vitest';
import type { ExceptionView, OperatorResult, SessionInfo } from '../../../../engine/contract/index.js';
import { applyFilter, categoryCounts, countBy, NO_FILTER } from '../../../../renderer/components/exceptions/exception-filter.js';
import { describeResult } from '../../../../renderer/components/exceptions/operator-result.js';
import { allBoxState, EMPTY_SELECTION, selectedVisible, selectionReducer } from '../../../../renderer/components/exceptions/selection.js';

const x = (messageId: string, category: ExceptionView['category'], line: string, messageType: string): ExceptionView => ({
  messageId,
  businesskey: `BK-${messageId}`,
  category,
  reason: 'r',
  plant: 'US01',
  line,
  order: `O-${messageId}`,
  interface: 'production-confirmation' as ExceptionView['interface'],
  messageType,
  at: '2026-03-02T12:00:00.000Z',
});

const LIST = [
  x('1', 'data-quality', 'L2', 'mes.operation.confirmed'),
  x('2', 'data-quality', 'L2', 'mes.operation.confirmed'),
  x('3', 'business-rule', 'L1', 'mes.material.consumed'),
  x('4', 'technical', 'L1', 'mes.operation.confirmed'),
];

describe('exception filters', () => {
  it('filters by category, line and message type together', () => {
    expect(applyFilter(LIST, NO_FILTER)).toHaveLength(4);
    expect(applyFilter(LIST, { ...NO_FILTER, line: 'US01/L1' }).map((e) => e.messageId)).toEqual(['3', '4']);
    expect(applyFilter(LIST, { category: 'technical', line: 'US01/L1', messageType: 'mes.operation.confirmed' }).map((e) => e.messageId)).toEqual(['4']);
  });

  it('counts categories under the other filters, ignoring the chosen category', () => {
    const counts = categoryCounts(LIST, { category: 'technical', line: null, messageType: 'mes.operation.confirmed' });
    expect(Object.fromEntries(counts)).toEqual({ 'data-quality': 2, technical: 1 });
  });

  it('lists values most frequent first', () => {
    expect(countBy(LIST, (e) => e.messageType)).toEqual([
      ['mes.operation.confirmed', 3],
      ['mes.material.consumed', 1],
    ]);
  });
});

describe('bulk selection', () => {
  it('toggles, selects all visible, clears', () => {
    let s = selectionReducer(EMPTY_SELECTION, { kind: 'toggle', id: 'a' });
    expect([...s]).toEqual(['a']);
    s = selectionReducer(s, { kind: 'set', ids: ['a', 'b', 'c'], selected: true });
    expect([...s].sort()).toEqual(['a', 'b', 'c']);
    s = selectionReducer(s, { kind: 'toggle', id: 'b' });
    s = selectionReducer(s, { kind: 'set', ids: ['c'], selected: false });
    expect([...s]).toEqual(['a']);
    expect(selectionReducer(s, { kind: 'clear' }).size).toBe(0);
  });

  it('acts only on ticked rows that are visible, in row order', () => {
    const s = new Set(['c', 'gone', 'a']);
    expect(selectedVisible(s, ['a', 'b', 'c'])).toEqual(['a', 'c']);
  });

  it('shows the select-all box as all, none or mixed', () => {
    expect(allBoxState(0, 3)).toBe('none');
    expect(allBoxState(2, 3)).toBe('some');
    expect(allBoxState(3, 3)).toBe('all');
    expect(allBoxState(0, 0)).toBe('none');
  });
});

describe('operator result sentence', () => {
  const info = {} as SessionInfo;
  const result = (messages: string[], refused: OperatorResult['refused'] = []): OperatorResult => ({ actions: ['op-1'], messages, refused, info });

  it('says what a bulk action did', () => {
    expect(describeResult('Retried', 3, result(['m1', 'm2', 'm3']))).toBe('Retried 3 of 3 dead letters: 3 messages sent.');
    expect(describeResult('Discarded', 2, result([]))).toBe('Discarded 2 of 2 dead letters.');
  });

  it('names refusals with their reasons', () => {
    const r = result(['m1'], [{ messageId: 'd-9', reason: 'already closed' }]);
    expect(describeResult('Retried', 2, r)).toBe('Retried 1 of 2 dead letters: 1 message sent. Refused 1: d-9 (already closed).');
  });

  it('reads naturally for a single resend', () => {
    expect(describeResult('Resent', 1, result(['m7']))).toBe('Resent the dead letter: 1 message sent.');
  });
});
