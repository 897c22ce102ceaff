import { describe, expect, it } from 'vitest';
import { convertUom, formatDuration, parseDuration } from '../../model/index.js';

describe('durations: one grammar everywhere', () => {
  it.each([
    ['250ms', 250],
    ['90s', 90_000],
    ['1.5m', 90_000],
    ['8h', 28_800_000],
    ['2d', 172_800_000],
    ['0s', 0],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '10', 'h', '-5m', '5 minutes', '1e3s', '5M'])('refuses "%s"', (text) => expect(parseDuration(text)).toBeUndefined());

  it('formats back in a readable unit', () => {
    expect(formatDuration(90_000)).toBe('1.5m');
    expect(formatDuration(28_800_000)).toBe('8h');
    expect(formatDuration(12)).toBe('12ms');
  });
});

describe('units of measure: only what master data allows', () => {
  it('converts within a dimension', () => {
    expect(convertUom(2, 'DZ', 'EA')).toBe(24);
    expect(convertUom(1500, 'G', 'KG')).toBe(1.5);
  });
  it('refuses PC → EA (not in master data) and cross-dimension conversions', () => {
    expect(convertUom(10, 'PC', 'EA')).toBeUndefined();
    expect(convertUom(10, 'KG', 'L')).toBeUndefined();
  });
});
