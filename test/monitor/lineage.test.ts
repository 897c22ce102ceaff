import { describe, expect, it } from 'vitest';
import { buildLineage } from '../../monitor/index.js';
import { MIN, SEC, builder, order } from './story.js';

describe('lineage', () => {
  it('links a message through the integration layer to its posting, with the latency of each hop', () => {
    // Given a confirmation retried once by the integration layer and then posted
    const o = order(builder(), 'PO-1');
    const c = o.confirmed(0, '0010', 10);
    const retry = o.retried(30 * SEC, c, 'confirmation', 1);
    const posted = o.confPosted(90 * SEC, '0010', 10, 0, { cause: c });
    // When the lineage is built from events given out of order
    const l = buildLineage([posted, retry, c]);
    // Then nodes are in time order with their system, and each hop has its latency
    expect(l.nodes.map((n) => [n.type, n.system])).toEqual([
      ['mes.operation.confirmed', 'mes'],
      ['int.message.retried', 'int'],
      ['erp.confirmation.posted', 'erp'],
    ]);
    expect(l.edges).toEqual([
      { from: c.id, to: retry.id, via: 'causation', latencyMs: 30_000 },
      { from: c.id, to: posted.id, via: 'causation', latencyMs: 90_000 },
    ]);
    // lanes follow SYSTEMS: erp, mes, wms, qms, int, operator
    expect(l.lanes).toEqual([
      { system: 'erp', nodes: [posted.id] },
      { system: 'mes', nodes: [c.id] },
      { system: 'int', nodes: [retry.id] },
    ]);
  });

  it('links a posting that names no cause to the first message with its business key', () => {
    const o = order(builder(), 'PO-1');
    const c = o.confirmed(0, '0010', 10);
    const copy = o.confirmed(2 * SEC, '0010', 10);
    const posted = o.confPosted(MIN, '0010', 10);
    const l = buildLineage([c, copy, posted]);
    expect(l.edges).toEqual([{ from: c.id, to: posted.id, via: 'businesskey', latencyMs: MIN }]);
  });

  it('links the release to its acknowledgement across ERP and MES', () => {
    const o = order(builder(), 'PO-1');
    const rel = o.released(0);
    const ack = o.acked(4 * SEC);
    expect(buildLineage([rel, ack]).edges).toEqual([{ from: rel.id, to: ack.id, via: 'businesskey', latencyMs: 4_000 }]);
  });
});
