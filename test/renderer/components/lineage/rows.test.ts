import { describe, expect, it } from 'vitest';
import type { AnyEvent, OrderLineage } from '../../../../engine/contract/index.js';
import { buildLineage } from '../../../../monitor/index.js';
import { lineageModel } from '../../../../renderer/components/lineage/rows.js';

function ev(id: string, type: string, at: string, data: Record<string, unknown> = {}): AnyEvent {
  return {
    specversion: '1.0',
    id,
    source: `/US01/L2/${type.split('.')[0]}`,
    type,
    time: `2026-03-02T14:00:${at}.000Z`,
    subject: 'PO-1',
    datacontenttype: 'application/json',
    data,
    correlationid: 'PO-1',
    businesskey: 'PO-1/CONF/0010',
    plant: 'US01',
    line: 'L2',
    sequence: '1',
    origin: 'simulated',
  } as AnyEvent;
}

const read = (events: AnyEvent[]): OrderLineage => ({
  session: 1,
  order: 'PO-1',
  events: events.map((event, i) => ({ seq: i + 1, session: 1, receivedAt: 0, event })),
  lineage: buildLineage(events),
});

const confirmed = ev('c', 'mes.operation.confirmed', '10', { operation: '0010', goodQty: 5, scrapQty: 0, uom: 'PC' });
const gated = ev('g', 'int.message.gated', '11', { messageId: 'c', messageType: 'mes.operation.confirmed', interface: 'confirmation', gate: 'uom', reason: 'x' });
const dead = ev('d', 'int.message.dead-lettered', '12', {
  messageId: 'c',
  messageType: 'mes.operation.confirmed',
  interface: 'confirmation',
  category: 'data-quality',
  reason: 'UoM PC not convertible to EA',
  attempts: 1,
});

describe('lineageModel', () => {
  it('lists the events in time order with their system, outcome and summary', () => {
    const m = lineageModel(read([dead, confirmed]));
    expect(m.rows.map((r) => [r.id, r.system, r.outcome])).toEqual([
      ['c', 'MES', 'dead-lettered'],
      ['d', 'Integration', 'dead-lettered'],
    ]);
    expect(m.byId.get('d')!.summary).toContain('not convertible');
  });

  it('marks the events that arrived as a broker\'s retained message', () => {
    const l = read([confirmed, gated]);
    const m = lineageModel({ ...l, events: l.events.map((s) => (s.event.id === 'c' ? { ...s, retained: true as const } : s)) });
    expect(m.rows.map((r) => [r.id, r.retained])).toEqual([
      ['c', true],
      ['g', false],
    ]);
  });

  it('reuses unchanged rows on a refresh, and replaces a row whose outcome changed', () => {
    const first = lineageModel(read([confirmed, gated]));
    const next = lineageModel(read([confirmed, gated, dead]), first);
    expect(next.byId.get('g')).toBe(first.byId.get('g'));
    expect(next.byId.get('c')).not.toBe(first.byId.get('c'));
    expect(next.byId.get('c')!.outcome).toBe('dead-lettered');
  });
});
