import { describe, expect, it } from 'vitest';
import { parseSimTime, percentOf, seekStep } from '../../../../renderer/components/simulator/replay-logic.js';

const start = Date.parse('2026-03-02T05:00:00Z');
const end = Date.parse('2026-03-02T09:00:00Z');

describe('the exact-time field of a replay', () => {
  it('reads simulated time as it is shown (UTC), with or without seconds and the UTC suffix', () => {
    expect(parseSimTime('2026-03-02 07:00:00 UTC', start, end)).toEqual({ ok: true, time: Date.parse('2026-03-02T07:00:00Z') });
    expect(parseSimTime('2026-03-02 07:30', start, end)).toEqual({ ok: true, time: Date.parse('2026-03-02T07:30:00Z') });
    expect(parseSimTime('2026-03-02T07:30:15Z', start, end)).toEqual({ ok: true, time: Date.parse('2026-03-02T07:30:15Z') });
  });

  it('honours an offset', () => {
    expect(parseSimTime('2026-03-02T08:00:00+01:00', start, end)).toEqual({ ok: true, time: Date.parse('2026-03-02T07:00:00Z') });
    expect(parseSimTime('2026-03-02 08:00 +0100', start, end)).toEqual({ ok: true, time: Date.parse('2026-03-02T07:00:00Z') });
  });

  it('takes HH:MM as UTC on the first day of the session', () => {
    expect(parseSimTime('06:15', start, end)).toEqual({ ok: true, time: Date.parse('2026-03-02T06:15:00Z') });
  });

  it('refuses text that is not a time, and an instant outside the session, saying its range', () => {
    expect(parseSimTime('', start, end).ok).toBe(false);
    expect(parseSimTime('noon', start, end)).toMatchObject({ ok: false, message: expect.stringContaining('is not a time') });
    expect(parseSimTime('2026-02-30 07:00', start, end)).toMatchObject({ ok: false });
    expect(parseSimTime('2026-03-02 10:00', start, end)).toEqual({
      ok: false,
      message: 'outside the session: it runs from 2026-03-02 05:00:00 UTC to 2026-03-02 09:00:00 UTC',
    });
  });
});

describe('the exact-time field in plant time', () => {
  const chicagoStart = Date.parse('2026-03-07T12:00:00Z');
  const chicagoEnd = Date.parse('2026-11-02T12:00:00Z');
  const read = (t: string) => parseSimTime(t, chicagoStart, chicagoEnd, 'America/Chicago');

  it('reads a wall time in the plant’s zone, in standard and in daylight time', () => {
    expect(read('2026-03-07 08:00')).toEqual({ ok: true, time: Date.parse('2026-03-07T14:00:00Z') });
    expect(read('2026-03-07 08:00 CST')).toEqual({ ok: true, time: Date.parse('2026-03-07T14:00:00Z') });
    expect(read('2026-07-01 08:00:00 CDT')).toEqual({ ok: true, time: Date.parse('2026-07-01T13:00:00Z') });
  });

  it('still takes UTC and offsets as given', () => {
    expect(read('2026-07-01 08:00 UTC')).toEqual({ ok: true, time: Date.parse('2026-07-01T08:00:00Z') });
    expect(read('2026-07-01T08:00:00-05:00')).toEqual({ ok: true, time: Date.parse('2026-07-01T13:00:00Z') });
  });

  it('takes HH:MM on the first day in the plant’s zone', () => {
    // the session starts 06:00 CST on 7 March
    expect(read('07:15')).toEqual({ ok: true, time: Date.parse('2026-03-07T13:15:00Z') });
  });

  it('moves a time the spring-forward gap skips forward, and takes the earlier of a fall-back repeat', () => {
    expect(read('2026-03-08 02:30')).toEqual({ ok: true, time: Date.parse('2026-03-08T08:30:00Z') });
    expect(read('2026-11-01 01:30')).toEqual({ ok: true, time: Date.parse('2026-11-01T06:30:00Z') });
  });

  it('says the session’s range in the plant’s zone', () => {
    expect(read('2026-03-01 10:00')).toEqual({ ok: false, message: 'outside the session: it runs from 2026-03-07 06:00:00 CST to 2026-11-02 06:00:00 CST' });
  });
});

describe('the seek slider', () => {
  it('has about a thousand positions in whole seconds, at least one second apart', () => {
    expect(seekStep(start, end)).toBe(15_000);
    expect(seekStep(start, start + 60_000)).toBe(1000);
  });

  it('reads out the position in percent, clamped', () => {
    expect(percentOf(start + 2 * 3_600_000, start, end)).toBe(50);
    expect(percentOf(end + 1, start, end)).toBe(100);
    expect(percentOf(start, start, start)).toBe(100);
  });
});
