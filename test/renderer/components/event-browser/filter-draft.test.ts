import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT, toFilter, utcInstant, zonedInstant } from '../../../../renderer/components/event-browser/filter-draft.js';

describe('filter form', () => {
  it('reads datetime-local values as UTC and leaves blank fields out', () => {
    expect(utcInstant('2026-03-02T06:00')).toBe('2026-03-02T06:00:00.000Z');
    expect(utcInstant('2026-03-02T06:00:05')).toBe('2026-03-02T06:00:05.000Z');
    expect(toFilter({ ...EMPTY_DRAFT, type: ' mes.material.consumed ', from: '2026-03-02T06:00' })).toEqual({
      filter: { type: 'mes.material.consumed', from: '2026-03-02T06:00:00.000Z' },
    });
    expect(toFilter(EMPTY_DRAFT)).toEqual({ filter: {} });
  });

  it('reads them in the plant’s zone when times are shown in plant time', () => {
    expect(zonedInstant('2026-03-02T06:00', 'America/Chicago')).toBe('2026-03-02T12:00:00.000Z');
    expect(zonedInstant('2026-07-02T06:00', 'America/Chicago')).toBe('2026-07-02T11:00:00.000Z');
    expect(toFilter({ ...EMPTY_DRAFT, from: '2026-03-08T02:30', to: '2026-03-08T04:00' }, 'America/Chicago')).toEqual({
      filter: { from: '2026-03-08T08:30:00.000Z', to: '2026-03-08T09:00:00.000Z' },
    });
  });

  it('says what is wrong with a range', () => {
    expect(toFilter({ ...EMPTY_DRAFT, from: '2026-03-02T07:00', to: '2026-03-02T06:00' })).toEqual({ problem: 'To must be later than From.' });
    expect(toFilter({ ...EMPTY_DRAFT, to: 'soon' })).toEqual({ problem: 'To is not a valid date and time.' });
  });
});
