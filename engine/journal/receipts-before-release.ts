import type { Database } from 'better-sqlite3';
import { statement } from './statement-cache.js';

// A goods receipt of a lot QMS held, posted before that hold was released: the hold may have been
// placed before the receipt or after it (the receipt did not wait for the inspection), by event time.
const SQL = `
SELECT count(*) FROM events r
WHERE r.session = @s AND r.type = 'erp.goods.received' AND r.lot IS NOT NULL
  AND EXISTS (
    SELECT 1 FROM events h
    WHERE h.session = @s AND h.type = 'qms.hold.placed' AND h.lot = r.lot
      AND NOT EXISTS (
        SELECT 1 FROM events x
        WHERE x.session = @s AND x.type = 'qms.hold.released' AND x.lot = r.lot AND x.time >= h.time AND x.time <= r.time
      )
  )`;

/** Goods receipts ERP posted for a lot QMS held before that hold was released (from the journal, by event time). */
export function receiptsBeforeRelease(db: Database, session: number): number {
  return statement(db, SQL).pluck().get({ s: session }) as number;
}
