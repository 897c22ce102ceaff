import { describe, expect, it } from 'vitest';
import { idleText } from '../../renderer/line-idle.js';

const T = Date.parse('2026-03-02T05:00:00Z');

describe('the idle mark of a line tile', () => {
  it('says since when in UTC, with the date only when that was another day', () => {
    expect(idleText(T, T + 3_600_000, 'UTC', 'en-US')).toBe('Idle since 05:00 UTC');
    expect(idleText(T, T + 24 * 3_600_000, 'UTC', 'en-US')).toBe('Idle since 03/02/2026, 05:00 UTC');
    expect(idleText(T, null, 'UTC', 'en-US')).toBe('Idle since 05:00 UTC');
  });

  it('says it in plant time, the day judged in the plant’s zone', () => {
    // 05:00 UTC is 23:00 CST the evening before: half an hour later it is still that day in Chicago
    expect(idleText(T, T + 1_800_000, 'America/Chicago', 'en-US')).toBe('Idle since 23:00 CST');
    // an hour later it is the next day in Chicago, though the same day in UTC
    expect(idleText(T, T + 3_600_000, 'America/Chicago', 'en-US')).toBe('Idle since 03/01/2026, 23:00 CST');
  });

  it('says nothing while the line works', () => {
    expect(idleText(null, T)).toBeNull();
  });
});
