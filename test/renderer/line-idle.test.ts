import { describe, expect, it } from 'vitest';
import { idleText } from '../../renderer/line-idle.js';

const T = Date.parse('2026-03-02T05:00:00Z');

describe('the idle mark of a line tile', () => {
  it('says since when in UTC, with the date only when that was another day', () => {
    expect(idleText(T, T + 3_600_000)).toBe('Idle since 05:00 UTC');
    expect(idleText(T, T + 24 * 3_600_000)).toBe('Idle since 2026-03-02 05:00 UTC');
    expect(idleText(T, null)).toBe('Idle since 05:00 UTC');
  });

  it('says nothing while the line works', () => {
    expect(idleText(null, T)).toBeNull();
  });
});
