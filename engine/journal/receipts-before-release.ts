import type { Database } from 'better-sqlite3';
import { statement } from './statement-cache.js';

// A lot QMS held that reached unrestricted stock before that hold was released: a goods receipt into
// unrestricted stock (no `stock` field: journals from before quality-inspection stock) or a transfer to
// unrestricted, posted while the hold stood. The hold may have been placed before the posting or after
// it (the receipt did not wait for the inspection), by event time. A receipt into quality-inspection
// stock before the decision is how ERP is meant to receive such a lot, and is not counted.
const SQL = `
SELECT count(*) FROM events r
WHERE r.session = @s AND r.lot IS NOT NULL
  AND (
    (r.type = 'erp.goods.received' AND coalesce(json_extract(r.data, '$.stock'), 'unrestricted') = 'unrestricted')
    OR (r.type = 'erp.stock.transferred' AND json_extract(r.data, '$.to') = 'unrestricted')
  )
  AND EXISTS (
    SELECT 1 FROM events h
    WHERE h.session = @s AND h.type = 'qms.hold.placed' AND h.lot = r.lot
      AND NOT EXISTS (
        SELECT 1 FROM events x
        WHERE x.session = @s AND x.type = 'qms.hold.released' AND x.lot = r.lot AND x.time >= h.time AND x.time <= r.time
      )
  )`;

/** Postings that put a lot QMS held into unrestricted stock before that hold was released (from the journal, by event time). */
export function receiptsBeforeRelease(db: Database, session: number): number {
  return statement(db, SQL).pluck().get({ s: session }) as number;
}
