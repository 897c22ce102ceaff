import type { Database } from 'better-sqlite3';
import { statement } from './statement-cache.js';

// A lot QMS held that reached unrestricted stock before that hold was released: a goods receipt into
// unrestricted stock (no `stock` field: journals from before quality-inspection stock) or a transfer to
// unrestricted, posted while the hold stood. The hold may have been placed before the posting or after
// it (the receipt did not wait for the inspection), by event time. A receipt into quality-inspection
// stock before the decision is how ERP is meant to receive such a lot, and is not counted.
function countSql(withClause: string, releasedByPosting: string): string {
  return `${withClause}
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
        WHERE x.session = @s AND x.type = 'qms.hold.released' AND x.lot = r.lot AND x.time >= h.time AND ${releasedByPosting}
      )
  )`;
}

const SQL = countSql('', 'x.time <= r.time');

/** A line's QMS clock against ERP's, as the monitor estimated it (ms, QMS minus ERP). */
export type QmsClock = { readonly plant: string; readonly line: string; readonly offsetMs: number };

/**
 * The same count with the hold release read on ERP's clock: QMS's and ERP's event times are compared
 * less QMS's estimated offset on the posting's line, so that a release 40 s "after" a transfer only
 * because ERP's clock runs 40 s behind is not a receipt before release. Holds and releases are both
 * QMS's and keep their own clock between them.
 */
function skewedSql(n: number): string {
  const rows = Array.from({ length: n }, (_, i) => `(@p${i}, @l${i}, @o${i})`).join(', ');
  return countSql(
    `WITH qms_clock(plant, line, offset_ms) AS (VALUES ${rows})`,
    'julianday(x.time) * 86400000.0 - coalesce((SELECT c.offset_ms FROM qms_clock c WHERE c.plant = r.plant AND c.line = r.line), 0) <= julianday(r.time) * 86400000.0',
  );
}

/**
 * Postings that put a lot QMS held into unrestricted stock before that hold was released (from the
 * journal, by event time — corrected by `qmsClocks` when the monitor found QMS's clock off ERP's).
 */
export function receiptsBeforeRelease(db: Database, session: number, qmsClocks: readonly QmsClock[] = []): number {
  if (qmsClocks.length === 0) return statement(db, SQL).pluck().get({ s: session }) as number;
  const params: Record<string, string | number> = { s: session };
  qmsClocks.forEach((c, i) => {
    params[`p${i}`] = c.plant;
    params[`l${i}`] = c.line;
    params[`o${i}`] = c.offsetMs;
  });
  return statement(db, skewedSql(qmsClocks.length)).pluck().get(params) as number;
}
