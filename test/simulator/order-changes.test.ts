import { describe, expect, it } from 'vitest';
import { interfaceOfMessage, type AnyEvent } from '../../model/index.js';
import { businessRefusal } from '../../simulator/actors/erp-rules.js';
import { newOrder, type Msg, type OrderRt } from '../../simulator/core/records.js';
import { resolveLines } from '../../simulator/plant/master-data.js';
import { DISCRETE_NO_QM, fault, ofType, run, scenario } from './fixtures.js';

const H = 3_600_000;
const M = 60_000;
const twoLines = [{ plant: 'P1', line: 'L1' }, { plant: 'P1', line: 'L2' }];
const t = (e: AnyEvent) => Date.parse(e.time);

/** The order's events of `type`. */
function of<T extends AnyEvent['type']>(events: readonly AnyEvent[], type: T, order: string) {
  return ofType(events, type).filter((e) => e.subject === order);
}

/** Dead letters of the order's messages, by business key. */
function deadLetters(events: readonly AnyEvent[], order: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of ofType(events, 'int.message.dead-lettered')) if (d.subject === order) out.set(d.businesskey, d.data.reason);
  return out;
}

describe('simulator: ERP changes a released order', () => {
  // Given ERP cuts three orders to half their quantity ten minutes after release
  const r = run(scenario({ lines: twoLines, durationMs: 6 * H, faults: [fault('order-change', { count: 3, params: { factor: 0.5, afterMs: 10 * M } })] }));
  const changes = ofType(r.events, 'erp.order.changed');

  it('sends the change on order-release keyed {order}/CHG/1, caused by the release, ten minutes after it', () => {
    expect(changes).toHaveLength(3);
    expect(interfaceOfMessage('erp.order.changed')).toBe('order-release');
    for (const c of changes) {
      const rel = of(r.events, 'erp.order.released', c.data.order)[0]!;
      expect(c.businesskey).toBe(`${c.data.order}/CHG/1`);
      expect(c.causationid).toBe(rel.id);
      expect(t(c) - t(rel)).toBe(10 * M);
      expect(c.data).toMatchObject({ change: 1, qty: Math.max(1, Math.round(rel.data.qty * 0.5)), uom: rel.data.uom });
      expect(c.data.due).toBeUndefined();
    }
    expect(r.ledger.filter((l) => l.effect === 'order-changed').map((l) => l.businesskey).sort()).toEqual(changes.map((c) => c.businesskey).sort());
  });

  it('MES acknowledges each change with its key, quantity and number, 1–5 s after it arrives', () => {
    for (const c of changes) {
      const ack = ofType(r.events, 'mes.order.change-acknowledged').find((a) => a.businesskey === c.businesskey)!;
      expect(ack.causationid).toBe(c.id);
      expect(ack.data).toEqual({ change: 1, order: c.data.order, qty: c.data.qty, uom: c.data.uom });
      expect(t(ack) - t(c)).toBeGreaterThanOrEqual(1_000);
      expect(t(ack) - t(c)).toBeLessThanOrEqual(5_000 + 30_000);
    }
  });

  it('runs every operation started after the acknowledgement to the changed quantity, and ERP takes it', () => {
    let checked = 0;
    for (const c of changes) {
      const ack = ofType(r.events, 'mes.order.change-acknowledged').find((a) => a.businesskey === c.businesskey)!;
      const dead = deadLetters(r.events, c.data.order);
      for (const s of of(r.events, 'mes.operation.started', c.data.order).filter((s) => t(s) > t(ack))) {
        const confs = of(r.events, 'mes.operation.confirmed', c.data.order).filter((x) => x.data.operation === s.data.operation);
        const total = confs.reduce((n, x) => n + x.data.goodQty + x.data.scrapQty, 0);
        expect(total, s.businesskey).toBeLessThanOrEqual(c.data.qty);
        for (const x of confs) expect(dead.has(x.businesskey), x.businesskey).toBe(false);
        checked++;
      }
      const done = of(r.events, 'mes.order.completed', c.data.order)[0];
      if (done) expect(done.data.goodQty).toBeLessThanOrEqual(c.data.qty);
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('an operation already running at the change finishes to the old quantity, and ERP refuses it naming the change', () => {
    const refused = changes.flatMap((c) => [...deadLetters(r.events, c.data.order)].filter(([k]) => k.includes('/CONF/')).map(([k, reason]) => ({ c, k, reason })));
    for (const { c, k, reason } of refused) {
      expect(reason).toContain(`of ${c.data.qty} ordered since change ${c.businesskey} at ${c.time}`);
      expect(reason).toMatch(/over-delivery tolerance \d+ %$/);
      expect(k.startsWith(`${c.data.order}/CONF/`)).toBe(true);
    }
  });

  it('with dueIn, the change also sets the due date that long after it', () => {
    const d = run(scenario({ lines: twoLines, durationMs: 3 * H, faults: [fault('order-change', { count: 1, params: { factor: 0.5, afterMs: 10 * M, dueInMs: 2 * H } })] }));
    const c = ofType(d.events, 'erp.order.changed')[0]!;
    expect(c.data.due).toBe(new Date(t(c) + 2 * H).toISOString());
    expect(Object.keys(c.data)).toEqual(['change', 'due', 'order', 'qty', 'uom']);
  });

  it('is off by default: a scenario without the fault sends no change and no cancellation', () => {
    const clean = run(scenario({ lines: twoLines, durationMs: 3 * H }));
    expect(clean.events.filter((e) => e.type.startsWith('erp.order.c') && e.type !== 'erp.order.created' && e.type !== 'erp.order.closed')).toEqual([]);
  });
});

describe('simulator: a change lost on its way to MES', () => {
  // Given the change of the first order released is dropped in transit
  const r = run(
    scenario({
      lines: twoLines,
      durationMs: 6 * H,
      faults: [fault('order-change', { count: 1, params: { factor: 0.5, afterMs: 1 * M } }), fault('drop', { eventType: 'erp.order.changed', count: 1 })],
    }),
  );
  const c = ofType(r.events, 'erp.order.changed')[0]!;

  it('is never acknowledged, and MES works on to the old quantity', () => {
    expect(r.ledger.find((l) => l.effect === 'dropped')?.businesskey).toBe(c.businesskey);
    expect(ofType(r.events, 'mes.order.change-acknowledged')).toEqual([]);
    const rel = of(r.events, 'erp.order.released', c.data.order)[0]!;
    const first = of(r.events, 'mes.operation.confirmed', c.data.order).filter((x) => x.data.operation === '0010');
    expect(first.reduce((n, x) => n + x.data.goodQty + x.data.scrapQty, 0)).toBe(rel.data.qty);
  });

  it('ERP refuses what MES confirms beyond the changed quantity, naming order, change and tolerance', () => {
    const dead = deadLetters(r.events, c.data.order);
    const confs = [...dead].filter(([k]) => k.includes('/CONF/'));
    expect(confs.length).toBeGreaterThan(0);
    for (const [k, reason] of confs) {
      expect(reason).toMatch(new RegExp(`^confirmation ${k} takes operation \\d+ of order ${c.data.order} to \\d+ EA of ${c.data.qty} ordered since change ${c.businesskey}`));
    }
  });
});

describe('simulator: ERP cancels a released order', () => {
  // Given ERP cancels two orders 15 minutes after their release
  const r = run(scenario({ lines: twoLines, durationMs: 6 * H, faults: [fault('order-cancel', { count: 2, params: { afterMs: 15 * M } })] }));
  const cancels = ofType(r.events, 'erp.order.cancelled');

  it('sends {order}/CANCEL with its reason, and MES acknowledges it naming the running operation, if any', () => {
    expect(cancels).toHaveLength(2);
    for (const c of cancels) {
      expect(c.businesskey).toBe(`${c.data.order}/CANCEL`);
      expect(c.data.reason).toBe('customer cancelled');
      const ack = ofType(r.events, 'mes.order.cancel-acknowledged').find((a) => a.businesskey === c.businesskey)!;
      expect(ack.causationid).toBe(c.id);
      const running = of(r.events, 'mes.operation.started', c.data.order).filter((s) => t(s) <= t(ack)).at(-1);
      if (ack.data.operation !== undefined) expect(running?.data.operation).toBe(ack.data.operation);
    }
    expect(ofType(r.events, 'mes.order.cancel-acknowledged').some((a) => a.data.operation !== undefined)).toBe(true);
  });

  it('stops the order after its running operation: nothing starts after the acknowledgement, it never completes', () => {
    for (const c of cancels) {
      const ack = ofType(r.events, 'mes.order.cancel-acknowledged').find((a) => a.businesskey === c.businesskey)!;
      expect(of(r.events, 'mes.operation.started', c.data.order).filter((s) => t(s) > t(ack))).toEqual([]);
      expect(of(r.events, 'mes.order.completed', c.data.order)).toEqual([]);
      expect(of(r.events, 'erp.order.closed', c.data.order)).toEqual([]);
    }
  });

  it('ERP refuses what the order confirms after the cancellation, naming the cancellation; the lines keep producing', () => {
    let refused = 0;
    for (const c of cancels) {
      const dead = deadLetters(r.events, c.data.order);
      for (const x of of(r.events, 'mes.operation.confirmed', c.data.order).filter((x) => t(x) > t(c))) {
        refused++;
        expect(dead.get(x.businesskey)).toBe(`order ${c.data.order} was cancelled by ${c.businesskey} at ${c.time} (customer cancelled): ERP posts no ${x.businesskey} for it`);
      }
    }
    expect(refused).toBeGreaterThan(0);
    for (const l of twoLines) expect(ofType(r.events, 'mes.order.completed').filter((e) => e.line === l.line && t(e) > t(cancels.at(-1)!)).length).toBeGreaterThan(0);
  });
});

/** ERP's rules on a changed or cancelled order, decide-style. */
describe('ERP business rules on a changed order', () => {
  const line = resolveLines(scenario({ plant: DISCRETE_NO_QM }), [])[0]!;
  const order = (qty: number): OrderRt => newOrder('PO-P1-L1-00001', line, line.products[0]!, qty);
  const msg = (ord: OrderRt, type: AnyEvent['type'], key: string, data: Record<string, unknown>, qty: number, scrap = 0): Msg => {
    const ev = { type, businesskey: key, data: { order: ord.id, ...data }, id: `ev-${key}` } as unknown as AnyEvent;
    return { ev, ord, iface: interfaceOfMessage(type)!, qty, scrap, uom: 'EA', attempts: 1 };
  };
  const changed = (ord: OrderRt, qty: number): void => {
    ord.chg = { erpQty: qty, erpN: 1, erpChangeKey: `${ord.id}/CHG/1`, erpChangeTime: '2026-03-02T05:20:00.000Z', erpCancelTime: undefined, erpCancelReason: '', mesQty: undefined, mesCancelled: false };
  };

  it('given an order cut from 20 to 10, a confirmation taking its operation to 12 is refused; one to 11 is taken (10 % tolerance)', () => {
    const ord = order(20);
    changed(ord, 10);
    (ord.erpKeys ??= new Map()).set(`${ord.id}/CONF/0010/1`, { type: 'mes.operation.confirmed', booked: 1, posted: 1, qty: 6, scrap: 0, last: undefined });
    const over = msg(ord, 'mes.operation.confirmed', `${ord.id}/CONF/0010/2`, { operation: '0010', goodQty: 5, scrapQty: 1, uom: 'EA' }, 5, 1);
    expect(businessRefusal(over, false)).toEqual({
      technical: false,
      reason: `confirmation ${ord.id}/CONF/0010/2 takes operation 0010 of order ${ord.id} to 12 EA of 10 ordered since change ${ord.id}/CHG/1 at 2026-03-02T05:20:00.000Z (was 20); over-delivery tolerance 10 %`,
    });
    expect(businessRefusal(msg(ord, 'mes.operation.confirmed', `${ord.id}/CONF/0010/2`, { operation: '0010', goodQty: 5, scrapQty: 0, uom: 'EA' }, 5), false)).toBeUndefined();
  });

  it('judges the completion against the changed quantity: 10 of 10 taken, 20 of 10 refused naming the change', () => {
    const ord = order(20);
    changed(ord, 10);
    const gr = (qty: number) => msg(ord, 'mes.order.completed', `${ord.id}/GR/1`, { goodQty: qty, item: 'PUMP-100', lot: 'L1', scrapQty: 0, uom: 'EA' }, qty);
    expect(businessRefusal(gr(10), false)).toBeUndefined();
    expect(businessRefusal(gr(20), false)?.reason).toBe(
      `receipt of 20 EA takes order ${ord.id} to 20 EA of 10 ordered since change ${ord.id}/CHG/1 at 2026-03-02T05:20:00.000Z (was 20); over-delivery tolerance 10 %`,
    );
  });

  it('refuses every work posting of a cancelled order, and leaves an unchanged order to the other rules', () => {
    const ord = order(20);
    expect(businessRefusal(msg(ord, 'mes.operation.confirmed', `${ord.id}/CONF/0010/1`, { operation: '0010', goodQty: 20, scrapQty: 0, uom: 'EA' }, 20), false)).toBeUndefined();
    changed(ord, 20);
    ord.chg!.erpQty = undefined;
    ord.chg!.erpCancelTime = '2026-03-02T06:00:00.000Z';
    ord.chg!.erpCancelReason = 'customer cancelled';
    expect(businessRefusal(msg(ord, 'mes.material.consumed', `${ord.id}/CONS/HOUSING/L9`, { item: 'HOUSING', lot: 'L9', qty: 20, uom: 'EA' }, 20), false)?.reason).toBe(
      `order ${ord.id} was cancelled by ${ord.id}/CANCEL at 2026-03-02T06:00:00.000Z (customer cancelled): ERP posts no ${ord.id}/CONS/HOUSING/L9 for it`,
    );
  });
});
