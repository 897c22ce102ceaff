import { describe, expect, it } from 'vitest';
import { MIN, SEC, builder, feed, monitor, order } from './story.js';

describe('control counters per line', () => {
  it('counts a line’s buffered, forwarded and retried messages on that line, and the plant’s controls are their sum', () => {
    const cut = order(builder('MX01', 'L1'), 'PO-1');
    const other = order(builder('MX01', 'L2'), 'PO-2');
    const c1 = cut.confirmed(10 * SEC, '0010', 10);
    const c2 = other.confirmed(10 * SEC, '0010', 10);
    const m = feed(
      monitor(),
      cut.created(-MIN),
      other.created(-MIN),
      c1,
      cut.buffered(11 * SEC, c1, 'confirmation'),
      cut.forwarded(2 * MIN, c1, 'confirmation'),
      c2,
      other.retried(11 * SEC, c2, 'confirmation', 1),
    );
    const lines = Object.fromEntries(m.snapshot().lines.map((l) => [l.line, l.controls]));
    expect(lines.L1).toMatchObject({ buffered: 1, forwarded: 1, retried: 0 });
    expect(lines.L2).toMatchObject({ buffered: 0, forwarded: 0, retried: 1 });
    const plant = m.snapshot().controls;
    for (const k of Object.keys(plant) as (keyof typeof plant)[]) expect(lines.L1![k] + lines.L2![k], k).toBe(plant[k]);
  });
});
