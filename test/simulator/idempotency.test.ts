import { describe, expect, it } from 'vitest';
import { countByKey, fault, ofType, run, scenario } from './fixtures.js';
import { expectContiguousSequences } from './invariants.js';

const duplicates = [fault('duplicate', { eventType: 'mes.operation.confirmed', count: 4, params: { copies: 1, afterMs: 2_000 } })];

describe('simulator: duplicate messages against idempotency', () => {
  it('with idempotency on: the re-sent copy is a new message, suppressed, and ERP posts the key once', () => {
    // Given MES re-sends four confirmations
    const r = run(scenario({ faults: duplicates }));
    // Then the ledger names the four originals
    const dup = r.ledger.filter((l) => l.effect === 'duplicated');
    expect(dup).toHaveLength(4);
    for (const l of dup) {
      const copies = r.events.filter((e) => e.businesskey === l.businesskey && e.type === 'mes.operation.confirmed');
      // a new message: new id and its own sequence, same business key and data
      expect(copies).toHaveLength(2);
      expect(copies[0]!.id).toBe(l.messageId);
      expect(copies[1]!.id).not.toBe(copies[0]!.id);
      expect(Number(copies[1]!.sequence)).toBeGreaterThan(Number(copies[0]!.sequence));
      expect(copies[1]!.data).toEqual(copies[0]!.data);
      expect(l.needsPosting).toBe(true);
      // suppressed, naming the first message
      const sup = ofType(r.events, 'int.message.duplicate-suppressed').filter((e) => e.businesskey === l.businesskey);
      expect(sup).toHaveLength(1);
      expect(sup[0]!.data).toMatchObject({ firstMessageId: copies[0]!.id, messageId: copies[1]!.id, interface: 'confirmation' });
      expect(sup[0]!.causationid).toBe(copies[1]!.id);
    }
    const posted = countByKey(r.events, 'erp.confirmation.posted');
    for (const l of dup) expect(posted.get(l.businesskey!)).toBe(1);
    expectContiguousSequences(r.events);
  });

  it('with idempotency off: ERP posts the same key twice', () => {
    const r = run(scenario({ faults: duplicates, integration: { idempotency: { enabled: false } } }));
    const dup = r.ledger.filter((l) => l.effect === 'duplicated');
    expect(dup).toHaveLength(4);
    expect(ofType(r.events, 'int.message.duplicate-suppressed')).toHaveLength(0);
    const posted = countByKey(r.events, 'erp.confirmation.posted');
    for (const l of dup) expect(posted.get(l.businesskey!)).toBe(2);
  });

  it('with idempotency off: MES refuses a re-sent release of an order it has, and the order runs once', () => {
    const f = [fault('duplicate', { eventType: 'erp.order.released', count: 1 })];
    const r = run(scenario({ faults: f, integration: { idempotency: { enabled: false } } }));
    const key = r.ledger[0]!.businesskey!;
    const releases = ofType(r.events, 'erp.order.released').filter((e) => e.businesskey === key);
    expect(releases).toHaveLength(2);
    expect(ofType(r.events, 'mes.order.acknowledged').filter((e) => e.businesskey === key)).toHaveLength(1);
    const dead = ofType(r.events, 'int.message.dead-lettered').filter((e) => e.businesskey === key);
    expect(dead.map((e) => e.data)).toEqual([
      { attempts: 1, category: 'business-rule', interface: 'order-release', messageId: releases[1]!.id, messageType: 'erp.order.released', reason: 'order already released to MES' },
    ]);
    const order = r.ledger[0]!.order!;
    expect(ofType(r.events, 'mes.order.completed').filter((e) => e.data.order === order)).toHaveLength(1);
    expect(ofType(r.events, 'erp.order.closed').filter((e) => e.data.order === order)).toHaveLength(1);
  });
});
