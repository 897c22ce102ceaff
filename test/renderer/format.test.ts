import { afterEach, describe, expect, it } from 'vitest';
import { fmtCount, fmtNumber, fmtSimTime } from '../../renderer/format.js';
import { setDisplayPreference, setPlantsSource } from '../../renderer/time/display-state.js';

const plants = [{ id: 'US01', name: 'Tulsa pump plant', timeZone: 'America/Chicago', kind: 'discrete' as const, lines: [] }];

afterEach(() => {
  setDisplayPreference({ time: 'plant', numbers: 'locale' });
  setPlantsSource(() => undefined);
});

describe('numbers the viewer’s way', () => {
  it('groups through Intl in the locale, or not at all when plain', () => {
    expect(fmtNumber(1234567.5, 'locale', 'en-US')).toBe('1,234,567.5');
    expect(fmtNumber(1234567.5, 'locale', 'de-DE')).toBe('1.234.567,5');
    expect(fmtNumber(1234567.5, 'plain', 'de-DE')).toBe('1234567.5');
  });

  it('fmtCount follows the preference', () => {
    setDisplayPreference({ time: 'plant', numbers: 'plain' });
    expect(fmtCount(12345)).toBe('12345');
  });
});

describe('simulated time in plant time', () => {
  const t = Date.parse('2026-03-02T12:00:00Z');
  it('shows the main plant’s zone by default and UTC when asked', () => {
    setPlantsSource(() => plants);
    expect(fmtSimTime(t)).toMatch(/06:00:00 (CST|GMT-6)$/);
    setDisplayPreference({ time: 'utc', numbers: 'locale' });
    expect(fmtSimTime(t)).toMatch(/12:00:00 UTC$/);
  });

  it('shows UTC when the session has no plant model, and a dash for no time', () => {
    expect(fmtSimTime(t)).toMatch(/12:00:00 UTC$/);
    expect(fmtSimTime(null)).toBe('—');
  });
});
