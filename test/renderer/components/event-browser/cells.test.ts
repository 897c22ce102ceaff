import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../../engine/contract/index.js';
import { cells } from '../../../../renderer/components/event-browser/event-cells.js';
import { orderEvent } from '../../../engine/journal/fixtures.js';

describe('event browser cells', () => {
  it('say "retained" after the origin of an event delivered as a broker\'s retained message', () => {
    const stored: StoredEvent = { seq: 7, session: 1, receivedAt: 0, event: { ...orderEvent(0), origin: 'live' } };
    expect(cells(stored).at(-1)).toBe('live');
    expect(cells({ ...stored, retained: true }).at(-1)).toBe('live · retained');
    expect(cells({ ...stored, retained: true })[0]).toBe('7');
  });
});
