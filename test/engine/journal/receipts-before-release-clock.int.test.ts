import { afterAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../../engine/journal/open-journal.js';
import { receiptsBeforeRelease } from '../../../engine/journal/receipts-before-release.js';
import { SEC, builder } from '../../monitor/story.js';
import { tempDir } from './fixtures.js';
import { appendEvents, newSession } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/**
 * The quality gate by event time while the clocks disagree: QMS holds a lot and releases it; ERP
 * moves it to unrestricted stock 10 s after the release — on ERP's clock, which runs 40 s behind
 * QMS's, the transfer is stamped 30 s *before* the release. Read raw, that is a receipt before
 * release; read on ERP's clock (QMS +40 s, as the monitor estimates it), it is not.
 */
describe('receipts before release, judged on one clock', () => {
  const b = builder('DE01', 'L1');
  const lot = 'LOT-1';
  const events = [
    b.ev('qms.hold.placed', 0, { order: 'PO-1', item: 'PUMP-1', lot, qty: 10, reason: 'leak test failed' }, { key: 'PO-1/HOLD', order: 'PO-1', lot }),
    b.ev('qms.hold.released', 60 * SEC, { order: 'PO-1', lot, disposition: 'release' }, { key: 'PO-1/HOLD-REL', order: 'PO-1', lot }),
    // true instant: release + 10 s; ERP's clock: 40 s behind
    b.ev('erp.stock.transferred', 60 * SEC + 10 * SEC - 40 * SEC, { order: 'PO-1', item: 'PUMP-1', lot, qty: 10, from: 'blocked', to: 'unrestricted', document: 'D1' }, { key: 'PO-1/UD/1', order: 'PO-1', lot }),
  ];

  it('counts the transfer as before the release on raw event times, and not once QMS is read on ERP’s clock', () => {
    const journal = openJournal(tmp.path('gate.db'));
    try {
      const s = newSession(journal.db);
      appendEvents(journal.db, s, events);
      expect(receiptsBeforeRelease(journal.db, s)).toBe(1);
      expect(receiptsBeforeRelease(journal.db, s, [{ plant: 'DE01', line: 'L1', offsetMs: 40 * SEC }])).toBe(0);
      // another line's clock does not excuse this one
      expect(receiptsBeforeRelease(journal.db, s, [{ plant: 'DE01', line: 'L2', offsetMs: 40 * SEC }])).toBe(1);
    } finally {
      journal.close();
    }
  });

  it('still counts a transfer that truly came before the release, whatever the clocks', () => {
    const journal = openJournal(tmp.path('early.db'));
    try {
      const s = newSession(journal.db);
      const early = b.ev('erp.stock.transferred', 5 * SEC, { order: 'PO-1', item: 'PUMP-1', lot, qty: 10, from: 'blocked', to: 'unrestricted', document: 'D2' }, { key: 'PO-1/UD/2', order: 'PO-1', lot });
      appendEvents(journal.db, s, [events[0]!, events[1]!, early]);
      expect(receiptsBeforeRelease(journal.db, s, [{ plant: 'DE01', line: 'L1', offsetMs: 40 * SEC }])).toBe(1);
    } finally {
      journal.close();
    }
  });
});
