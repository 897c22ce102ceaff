import { describe, expect, it } from 'vitest';
import { monthEndMs, parseInstant, periodBounds, periodClosedBy, periodOf, plantClock, postingDateOf } from '../../model/periods.js';

const Z = 'Europe/Berlin';

describe('posting periods in plant time', () => {
  it('a shift starting on 28 February at 18:00 in Kassel ends its period at midnight plant time (23:00 UTC)', () => {
    const t = Date.parse('2026-02-28T18:00:00+01:00');
    expect(new Date(monthEndMs(t, Z)).toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(periodOf(t, Z)).toBe('2026-02');
    expect(periodClosedBy(monthEndMs(t, Z), Z)).toBe('2026-02');
  });

  it('an instant after midnight plant time is in the next period although it is still February in UTC', () => {
    expect(periodOf(Date.parse('2026-02-28T23:30:00Z'), Z)).toBe('2026-03');
    expect(periodOf(Date.parse('2026-02-28T22:59:59Z'), Z)).toBe('2026-02');
  });

  it('a period spans local midnights, across a change of UTC offset (March ends in summer time)', () => {
    const b = periodBounds('2026-03', Z);
    expect(new Date(b.fromMs).toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(new Date(b.toMs).toISOString()).toBe('2026-03-31T22:00:00.000Z');
    expect(periodBounds('2026-12', Z).toMs).toBe(Date.parse('2026-12-31T23:00:00Z'));
  });

  it('a close some days into the month closes the month before; January closes December', () => {
    expect(periodClosedBy(Date.parse('2026-03-03T10:00:00+01:00'), Z)).toBe('2026-02');
    expect(periodClosedBy(Date.parse('2026-01-02T10:00:00+01:00'), Z)).toBe('2025-12');
  });

  it('a posting is dated by its postingDate, else by the message time', () => {
    expect(postingDateOf({ postingDate: '2026-03-01T06:00:00+01:00' }, '2026-02-28T22:00:00.000Z')).toBe('2026-03-01T06:00:00+01:00');
    expect(postingDateOf({}, '2026-02-28T22:00:00.000Z')).toBe('2026-02-28T22:00:00.000Z');
    expect(parseInstant('2026-03-01T06:00:00+01:00')).toBe(Date.parse('2026-03-01T05:00:00Z'));
    expect(parseInstant('1 March')).toBeNaN();
  });

  it('shows an instant as the plant reads its clock', () => {
    expect(plantClock(Date.parse('2026-02-28T22:45:40.954Z'), Z)).toBe('2026-02-28 23:45');
    expect(plantClock(Date.parse('2026-02-28T23:05:00Z'), 'America/Chicago')).toBe('2026-02-28 17:05');
  });
});
