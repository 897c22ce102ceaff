import { describe, expect, it } from 'vitest';
import { fault, ofType, run, scenario } from './fixtures.js';

const H = 3_600_000;
const M = 60_000;
const twoLines = [{ plant: 'P1', line: 'L1' }, { plant: 'P1', line: 'L2' }];

/** The integration layer carries a change or cancellation the way it carries a release: to MES, once per business key. */
describe('integration layer: order changes on the order-release interface', () => {
  it('suppresses a duplicate of a change by its key, so MES acknowledges it once', () => {
    // Given every change is sent twice in transit
    const r = run(
      scenario({
        lines: twoLines,
        durationMs: 4 * H,
        faults: [fault('order-change', { count: 2, params: { factor: 0.5, afterMs: 5 * M } }), fault('duplicate', { eventType: 'erp.order.changed', probability: 1 })],
      }),
    );
    const changes = ofType(r.events, 'erp.order.changed');
    const keys = [...new Set(changes.map((c) => c.businesskey))];
    expect(keys).toHaveLength(2);
    expect(changes.length).toBeGreaterThan(keys.length);
    // Then the layer reports the copies as duplicates on order-release, and MES answers each key once
    const suppressed = ofType(r.events, 'int.message.duplicate-suppressed').filter((e) => e.data.messageType === 'erp.order.changed');
    expect(suppressed.length).toBe(changes.length - keys.length);
    for (const s of suppressed) expect(s.data.interface).toBe('order-release');
    for (const k of keys) expect(ofType(r.events, 'mes.order.change-acknowledged').filter((a) => a.businesskey === k)).toHaveLength(1);
  });

  it('with idempotency off, MES takes the copy too and acknowledges the same change again (nothing else moves)', () => {
    const r = run(
      scenario({
        lines: twoLines,
        durationMs: 4 * H,
        integration: { idempotency: { enabled: false } },
        faults: [fault('order-change', { count: 1, params: { factor: 0.5, afterMs: 5 * M } }), fault('duplicate', { eventType: 'erp.order.changed', probability: 1 })],
      }),
    );
    const c = ofType(r.events, 'erp.order.changed')[0]!;
    const acks = ofType(r.events, 'mes.order.change-acknowledged').filter((a) => a.businesskey === c.businesskey);
    expect(acks.length).toBe(ofType(r.events, 'erp.order.changed').length);
    expect(new Set(acks.map((a) => a.data.qty))).toEqual(new Set([c.data.qty]));
  });

  it('delivers a cancellation that overtakes nothing: a release that never reached MES is not started once cancelled', () => {
    // Given the first release of line L1 is delayed past its cancellation
    const r = run(
      scenario({
        lines: [{ plant: 'P1', line: 'L1' }],
        durationMs: 3 * H,
        faults: [fault('delay', { eventType: 'erp.order.released', count: 1, params: { byMs: 10 * M } }), fault('order-cancel', { count: 1, params: { afterMs: 2 * M } })],
      }),
    );
    const cancel = ofType(r.events, 'erp.order.cancelled')[0]!;
    // Then MES acknowledges the cancellation, takes the late release, and never starts the order
    const cancelAck = ofType(r.events, 'mes.order.cancel-acknowledged');
    expect(cancelAck.map((a) => a.businesskey)).toEqual([cancel.businesskey]);
    const relAck = ofType(r.events, 'mes.order.acknowledged').find((a) => a.subject === cancel.data.order)!;
    expect(Date.parse(relAck.time)).toBeGreaterThan(Date.parse(cancelAck[0]!.time));
    expect(ofType(r.events, 'mes.operation.started').filter((s) => s.subject === cancel.data.order)).toEqual([]);
    expect(ofType(r.events, 'mes.order.completed').length).toBeGreaterThan(0);
  });
});
