import { describe, expect, it } from 'vitest';
import { plantSpanText, plantTimeText } from '../../../engine/report/plant-time-text.js';

describe('plant time in summaries', () => {
  it("shows a span on the plant's wall clock with its zone", () => {
    // 14:00Z is 08:00 in Chicago in winter
    expect(plantSpanText(Date.parse('2026-03-02T14:00:00Z'), Date.parse('2026-03-02T14:25:00Z'), 'America/Chicago')).toBe('2026-03-02 08:00–08:25 CST');
  });

  it("names the end's date when a span ends on another day", () => {
    expect(plantSpanText(Date.parse('2026-03-02T04:30:00Z'), Date.parse('2026-03-02T07:00:00Z'), 'America/Chicago')).toBe('2026-03-01 22:30–2026-03-02 01:00 CST');
  });

  it('names both zones when the clocks change within the span', () => {
    // the spring-forward night in Berlin: 22:00 CET to 06:00 CEST is seven hours
    expect(plantSpanText(Date.parse('2026-03-28T21:00:00Z'), Date.parse('2026-03-29T04:00:00Z'), 'Europe/Berlin')).toBe('2026-03-28 22:00 CET – 2026-03-29 06:00 CEST');
  });

  it("shows every instant of a cause in the plant's time and leaves the rest of the text alone", () => {
    expect(plantTimeText('lot L1 expired on 2026-02-25T12:01:17.718Z → dead-lettered', 'America/Chicago')).toBe('lot L1 expired on 2026-02-25 06:01:17 CST → dead-lettered');
  });
});
