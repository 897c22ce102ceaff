import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../model/event.js';
import { dataschemaOf, driftPayload, SCHEMA_REVISIONS } from '../../model/schema-versions.js';
import { GRACE, MIN, SEC, at, builder, feed, monitor, order } from './story.js';

/** The monitor reads a producer's newer payload version (dataschema) through model's rename table. */
const CONF_V2 = dataschemaOf('mes.operation.confirmed', 2);
const REV = SCHEMA_REVISIONS['mes.operation.confirmed']!;

/** `e` as a producer sends it in version 2: renamed fields, the added one, marked by dataschema. */
function asV2(e: AnyEvent): AnyEvent {
  return { ...e, dataschema: CONF_V2, data: driftPayload(REV, e.data) } as unknown as AnyEvent;
}

describe('monitor: schema drift', () => {
  it('reads version 2 as version 1: the same conversation in either version gives the same snapshot', () => {
    const stream = (v2: boolean) => {
      const b = builder();
      const o = order(b, 'PO-1');
      const as = (e: AnyEvent) => (v2 ? asV2(e) : e);
      const c1 = as(o.confirmed(0, '0010', 7, 0));
      const c2 = as(o.confirmed(MIN, '0020', 6, 1, { final: true }));
      const m = feed(monitor(), o.created(-SEC), o.released(0), o.acked(SEC / 2), c1, o.confPosted(10 * SEC, '0010', 7, 0), c2, o.deadLettered(MIN + SEC, c2, 'confirmation', 'refused'));
      at(m, MIN + GRACE.confirmation + 1);
      return m.snapshot();
    };
    const v2 = stream(true);
    expect(v2).toEqual(stream(false));
    expect(v2.gaps.map((g) => g.summary)).toEqual(['operation 0020: MES 6 EA, ERP not posted (Δ +6 EA); 1 more row']);
  });

  it('a strict reader\'s dead letter opens a quantity gap with the confirmed quantity (not NaN) and the field in its root cause', () => {
    const b = builder();
    const o = order(b, 'PO-1');
    const conf = asV2(o.confirmed(0, '0010', 7, 0));
    const reason = `mes.operation.confirmed version 2 (${CONF_V2}): field goodQty missing (the payload has yieldQty instead)`;
    const m = feed(monitor(), o.created(-SEC), o.released(0), o.acked(SEC / 2), conf, o.deadLettered(SEC, conf, 'confirmation', reason));
    at(m, GRACE.confirmation + 1);
    const gaps = m.snapshot().gaps;
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({
      kind: 'quantity',
      summary: 'operation 0010: MES 7 EA, ERP not posted (Δ +7 EA)',
      cause: `${reason} → confirmation PO-1/CONF/0010 dead-lettered (data-quality)`,
      rootCause: 'data-quality',
    });
    expect(JSON.stringify(m.snapshot())).not.toContain('NaN');
  });

  it('shows what the tolerant reader renamed and ignored on the key while ERP has not posted it', () => {
    const b = builder();
    const o = order(b, 'PO-1');
    const conf = asV2(o.confirmed(0, '0010', 7, 0));
    const mapped = b.ev(
      'int.message.schema-mapped',
      SEC,
      { dataschema: CONF_V2, ignored: ['shift'], interface: 'confirmation', messageId: conf.id, messageType: conf.type, renamed: ['rejectQty→scrapQty', 'unitOfMeasure→uom', 'yieldQty→goodQty'] },
      { key: conf.businesskey, cause: conf.id, order: 'PO-1' },
    );
    const m = feed(monitor(), o.created(-SEC), o.released(0), o.acked(SEC / 2), conf, mapped);
    at(m, GRACE.confirmation + 1);
    const g = m.snapshot().gaps[0]!;
    expect(g.summary).toBe('operation 0010: MES 7 EA, ERP not posted (Δ +7 EA)');
    expect(JSON.stringify(g)).toContain(
      `read as ${CONF_V2} by the tolerant schema reader: renamed rejectQty→scrapQty, unitOfMeasure→uom, yieldQty→goodQty; ignored shift; not yet posted`,
    );
  });
});
