import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/index.js';
import { dataProblems, INJECTABLE_TYPES, isInjectable, payloadProblems, type AnyEvent } from '../../model/index.js';
import { createSimulation } from '../../simulator/index.js';

/**
 * The first event of each type the simulator makes in a few hours of scenarios that exercise every
 * plant message (genealogy: lot splits and refused picks). Reversals of goods movements come only from an operator: in baseline, the first
 * consumption and the first goods receipt ERP posts are reversed by one.
 */
function firstOfEachType(): Map<string, AnyEvent> {
  const seen = new Map<string, AnyEvent>();
  for (const id of ['baseline', 'quality-holds', 'partial-confirmations', 'reversals-and-corrections', 'order-change-cancel', 'genealogy']) {
    const sim = createSimulation(loadScenario(id, { until: '6h' }));
    const reverse = id === 'baseline' ? new Set(['erp.consumption.posted', 'erp.goods.received']) : new Set<string>();
    for (let batch = sim.pull(500); batch.length > 0; batch = sim.pull(500)) {
      for (const o of batch) {
        if (o.kind !== 'event') continue;
        if (!seen.has(o.event.type)) seen.set(o.event.type, o.event);
        if (reverse.delete(o.event.type)) sim.act({ kind: 'reverse', who: 'test', why: 'sample a reversal', reverses: o.event.businesskey });
      }
    }
  }
  return seen;
}

describe('injectable payloads', () => {
  const seen = firstOfEachType();

  it.each(INJECTABLE_TYPES)('%s: the fields the injector offers are exactly what the simulator sends', (type) => {
    const ev = seen.get(type);
    expect(ev, `no ${type} in the sample runs`).toBeDefined();
    expect(dataProblems(type, ev!.data)).toEqual([]);
  });

  it('every plant message type is injectable, and no ERP posting or integration report is', () => {
    const plant = [...seen.keys()].filter((t) => /^(mes|wms|qms)\./.test(t));
    expect(plant.filter((t) => !isInjectable(t))).toEqual([]);
    expect([...seen.keys()].filter((t) => /^(erp|int)\./.test(t) && isInjectable(t))).toEqual([]);
  });

  it('names every problem of a bad draft', () => {
    expect(payloadProblems({ type: 'erp.goods.received', order: 'O', businesskey: 'K', data: {} })).toEqual([
      'erp.goods.received is not injectable: only messages of MES, WMS and QMS are (ERP postings and integration reports are outcomes)',
    ]);
    expect(
      payloadProblems({ type: 'qms.hold.released', order: 'O', businesskey: '', data: { order: 'P', lot: 'L', disposition: 'burn', extra: 1 } }),
    ).toEqual([
      'businesskey must be a non-empty string',
      'data.disposition must be one of release, rework, scrap',
      'data.extra is not a field of qms.hold.released',
      'data.order (P) must be the event\'s order (O)',
    ]);
    expect(payloadProblems({ type: 'mes.operation.confirmed', order: 'O', businesskey: 'K', data: { order: 'O', operation: '0010', workCenter: 'W', goodQty: -1, scrapQty: 0, uom: 'EA', final: 'yes' } })).toEqual([
      'data.goodQty must be a number ≥ 0',
      'data.final must be true or false',
    ]);
  });
});
