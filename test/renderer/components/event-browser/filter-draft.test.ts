import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT, toFilter, utcInstant } from '../../../../renderer/components/event-browser/filter-draft.js';

describe('filter form', () => {
  it('reads datetime-local values as UTC and leaves blank fields out', () => {
    expect(utcInstant('2026-03-02T06:00')).toBe('2026-03-02T06:00:00.000Z');
    expect(utcInstant('2026-03-02T06:00:05')).toBe('2026-03-02T06:00:05.000Z');
    expect(toFilter({ ...EMPTY_DRAFT, type: ' mes.material.consumed ', from: '2026-03-02T06:00' })).toEqual({
      filter: { type: 'mes.material.consumed', from: '2026-03-02T06:00:00.000Z' },
    });
    expect(toFilter(EMPTY_DRAFT)).toEqual({ filter: {} });
  });

  it('says what is wrong with a range', () => {
    expect(toFilter({ ...EMPTY_DRAFT, from: '2026-03-02T07:00', to: '2026-03-02T06:00' })).toEqual({ problem: 'To must be later than From.' });
    expect(toFilter({ ...EMPTY_DRAFT, to: 'soon' })).toEqual({ problem: 'To is not a valid date and time.' });
  });
});
