import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { link, mkdir, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { eventsPageQuery, type EventsFilter } from './events-page.js';
import { exportedEnvelope } from './retained-attribute.js';
import { statement } from './statement-cache.js';
import { checkNotDeleted } from './session-state.js';
import { BOM, csvRecord, type CsvOptions } from './csv-format.js';

export type ExportFormat = 'csv' | 'jsonl';

export type ExportOptions = {
  readonly format: ExportFormat;
  /** folder the file goes to; created when missing */
  readonly dir: string;
  /** wall-clock instant stamped into the file name (default now) */
  readonly now?: Date;
  /** rows per query and per write (default 5,000) */
  readonly chunkRows?: number;
  /** CSV only: a byte-order mark, and the variant (see csv-format.ts) */
  readonly csv?: CsvOptions;
};

export type ExportedFile = { readonly path: string; readonly rows: number; readonly bytes: number };

/**
 * Names of finished export files: `linesight-session-<n>-<yyyymmdd-hhmmss>[-<k>].csv|jsonl`, the
 * stamp in UTC and `-<k>` added when that name is taken. Hosts that serve exports accept only
 * names like these; files still being written have other names (see `exportEvents`).
 */
export const EXPORT_FILE_NAME = /^linesight-session-\d+-\d{8}-\d{6}(?:-\d+)?\.(?:csv|jsonl)$/;

/** The CSV columns, in order; `data` is the payload as (canonical) JSON, `retained` 1 for a broker's retained message. */
export const CSV_COLUMNS = ['seq', 'time', 'type', 'plant', 'line', 'order', 'lot', 'businesskey', 'id', 'source', 'origin', 'sequence', 'data', 'retained'] as const;

// `origin` has no column of its own; json_extract reads it from the envelope inside SQLite.
const CSV_SELECT =
  "seq, time, type, plant, line, order_id AS \"order\", lot, businesskey, id, source, json_extract(envelope, '$.origin') AS origin, sequence, data, retained";
const JSONL_SELECT = 'seq, envelope, retained';

type Cell = string | number | null;

export { csvField, csvRecord } from './csv-format.js';

function csvLine(row: Record<string, Cell>, csv: CsvOptions): string {
  return csvRecord(CSV_COLUMNS.map((c) => row[c] ?? null), csv.variant);
}

/** `yyyymmdd-hhmmss` of `d` in UTC. */
function stamp(d: Date): string {
  return d.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

/** Give the finished file its name without replacing another export: `link` refuses an existing name. */
async function publish(temp: string, dir: string, base: string, ext: string): Promise<string> {
  for (let k = 1; ; k++) {
    const path = join(dir, `${base}${k === 1 ? '' : `-${k}`}.${ext}`);
    try {
      await link(temp, path);
      await unlink(temp);
      return path;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The journal's last position now: what an export started now includes at most. */
const lastPosition = (db: Database) => statement(db, 'SELECT coalesce(max(seq), 0) FROM events', 'pluck').get() as number;

/**
 * Hand the session's events that pass `filter` to `write` in chunks, as CSV (a header row, then
 * `CSV_COLUMNS`; `opts.csv`: a byte-order mark first, the `excel-eu` variant) or JSON Lines (each event's canonical envelope as journaled, one per line; a
 * retained delivery's with `RETAINED_ATTRIBUTE` added, see retained-attribute.ts);
 * returns how many events were written. It reads in keyset chunks by `seq` and yields to the event
 * loop after each (it may run on the engine's thread, which must keep sending frames). The set is
 * the one journaled when it began: events committed meanwhile are left out, so it is one cut.
 */
export async function writeEvents(
  db: Database,
  session: number,
  filter: EventsFilter,
  format: ExportFormat,
  write: (text: string) => Promise<void>,
  opts: { readonly chunkRows?: number; readonly lastSeq?: number; readonly csv?: CsvOptions } = {},
): Promise<number> {
  const csv = opts.csv ?? {};
  checkNotDeleted(db, session);
  const chunkRows = opts.chunkRows ?? 5_000;
  const lastSeq = opts.lastSeq ?? lastPosition(db);
  let rows = 0;
  if (format === 'csv') await write(`${csv.bom ? BOM : ''}${csvRecord(CSV_COLUMNS, csv.variant)}`);
  for (let afterSeq = 0; ; ) {
    const { sql, params } = eventsPageQuery(session, { ...filter, afterSeq, limit: chunkRows }, chunkRows, format === 'csv' ? CSV_SELECT : JSONL_SELECT);
    const chunk = (statement(db, sql).all(...params) as Record<string, Cell>[]).filter((r) => (r.seq as number) <= lastSeq);
    if (chunk.length > 0) {
      await write(chunk.map((r) => (format === 'csv' ? csvLine(r, csv) : `${exportedEnvelope(r.envelope as string, r.retained === 1)}\n`)).join(''));
      rows += chunk.length;
      afterSeq = chunk[chunk.length - 1]!.seq as number;
    }
    if (chunk.length < chunkRows) break;
    await nextTurn();
  }
  return rows;
}

/**
 * Write the session's events that pass `filter` to a new file in `opts.dir`: CSV (a header row, then
 * `CSV_COLUMNS`) or JSON Lines (each event's canonical envelope as journaled, one per line; a
 * retained delivery's with `RETAINED_ATTRIBUTE` added).
 *
 * It reads in keyset chunks by `seq` and yields to the event loop after each, because it runs on
 * the engine's thread, which must keep sending frames meanwhile. The set is the one journaled when
 * the export began: events committed while it runs are left out, so the file is one consistent cut.
 * The file is written under a temporary name and gets its final name only once complete.
 */
export async function exportEvents(db: Database, session: number, filter: EventsFilter, opts: ExportOptions): Promise<ExportedFile> {
  checkNotDeleted(db, session);
  const lastSeq = lastPosition(db);
  const base = `linesight-session-${session}-${stamp(opts.now ?? new Date())}`;
  await mkdir(opts.dir, { recursive: true });
  const temp = join(opts.dir, `.${base}.${randomUUID()}.part`);
  const file = await open(temp, 'wx');
  let bytes = 0;
  const write = async (text: string) => {
    // writeFile, unlike write, loops until every byte is written; it continues at the current position.
    await file.writeFile(text);
    bytes += Buffer.byteLength(text);
  };
  try {
    const rows = await writeEvents(db, session, filter, opts.format, write, { lastSeq, ...(opts.chunkRows === undefined ? {} : { chunkRows: opts.chunkRows }), ...(opts.csv ? { csv: opts.csv } : {}) });
    await file.sync();
    await file.close();
    return { path: await publish(temp, opts.dir, base, opts.format), rows, bytes };
  } catch (err) {
    await file.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
