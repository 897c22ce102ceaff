import { describe, expect, it } from 'vitest';
import { GRACE, MIN, SEC, at, builder, feed, monitor, order } from './story.js';
import { postings } from './story-postings.js';

/** ERP's tolerance refusals arrive as business-rule dead letters whose reason names the posting, the quantity and the rule. */
describe('tolerance refusals', () => {
  it('shows an over-consumption refusal by its reason, root first', () => {
    const b = builder();
    const o = order(b, 'PO-1');
    const p = postings(b, 'PO-1');
    const reason = 'consumption of 2.6 KG ADH-243 is 30 % over plan (2 KG for 400 EA confirmed); tolerance ±10 %';
    const flush = p.flushed(0, 'ADH-243', '0010', 1, 2.6, 'KG');
    const m = feed(monitor(), o.created(-MIN), flush, o.deadLettered(SEC, flush, 'consumption', reason, 'business-rule'));
    at(m, GRACE.consumption + 1);
    expect(m.snapshot().gaps[0]).toMatchObject({
      kind: 'consumption',
      summary: 'ADH-243: MES 2.6 KG, ERP not posted (Δ +2.6 KG)',
      cause: `${reason} → consumption PO-1/CONS/ADH-243/0010/1 dead-lettered (business-rule)`,
      rootCause: 'business-rule',
    });
  });

  it('does not follow an over-delivery refusal of a receipt to a confirmation still in flight: ERP named its own rule', () => {
    const b = builder();
    const o = order(b, 'PO-1');
    const p = postings(b, 'PO-1');
    const reason = 'receipt of 14 EA takes order PO-1 to 28 EA of 14 ordered; over-delivery tolerance 10 %';
    const gr = p.declared(MIN, 2, 14);
    // a partial confirmation ERP has not posted yet when the receipt is refused
    const m = feed(monitor(), o.created(-MIN), p.partial(0, '0010', 3, 4), p.declared(30 * SEC, 1, 14), p.received(40 * SEC, 1, 14), gr, o.deadLettered(MIN + SEC, gr, 'goods-receipt', reason, 'business-rule'));
    at(m, MIN + GRACE['goods-receipt'] + 1);
    const g = m.snapshot().gaps.find((x) => x.kind === 'receipt');
    expect(g?.cause).toBe(`${reason} → partial goods receipt PO-1/GR/2 dead-lettered (business-rule)`);
  });

  it('still follows an "order not confirmed" refusal to the unposted final confirmation (as before)', () => {
    const b = builder();
    const o = order(b, 'PO-1');
    const p = postings(b, 'PO-1');
    const fin = p.partial(0, '0020', 2, 4, { final: true });
    const done = p.completed(MIN, 1, 10);
    const m = feed(monitor(), o.created(-MIN), p.partial(-MIN, '0010', 1, 10, { final: true }), fin, o.deadLettered(SEC, fin, 'confirmation', 'UoM PC not convertible to EA'), done, o.deadLettered(MIN + SEC, done, 'goods-receipt', 'order not confirmed', 'business-rule'));
    at(m, MIN + GRACE['goods-receipt'] + 1);
    const g = m.snapshot().gaps.find((x) => x.kind === 'receipt');
    expect(g?.cause).toBe('UoM PC not convertible to EA → final confirmation PO-1/CONF/0020/2 dead-lettered (data-quality) → goods receipt PO-1/GR/1 refused: order not confirmed');
  });
});
