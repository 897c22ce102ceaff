import { describe, expect, it } from 'vitest';
import { formatInstant } from '../../../renderer/time/plant-time.js';
import { instantsInText } from '../../../renderer/time/instants-in-text.js';

const chicago = (ms: number) => formatInstant(ms, 'America/Chicago', {}, 'en-US');

describe('instantsInText', () => {
  it('shows each RFC 3339 instant of an engine text in the zone asked for', () => {
    const text = 'ERP changed the order quantity (PO-1/CHG/1) at 2026-03-02T12:20:00.000Z → MES acknowledged the change at 2026-03-02T06:20:01.385-06:00';
    expect(instantsInText(text, chicago)).toBe('ERP changed the order quantity (PO-1/CHG/1) at 03/02/2026, 06:20:00 CST → MES acknowledged the change at 03/02/2026, 06:20:01 CST');
  });

  it('keeps what only looks like a date: an order number, a period, a day without a time', () => {
    const text = 'posting period 2026-02 is closed for PO-2026-03-02-1, dated 2026-02-28';
    expect(instantsInText(text, chicago)).toBe(text);
  });
});
