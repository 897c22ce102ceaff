import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvField, EXPORT_FILE_NAME, exportEvents } from '../../../engine/journal/export-events.js';
import { openJournal } from '../../../engine/journal/open-journal.js';
import { canonicalJson } from '../../../engine/journal/canonical-json.js';
import type { AnyEvent } from '../../../model/index.js';
import { orderEvent, tempDir } from './fixtures.js';
import { appendEvents, newSession } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** An event whose text would break a naive CSV writer or run as a spreadsheet formula. */
function hostile(i: number): AnyEvent {
  const e = orderEvent(i) as Extract<AnyEvent, { type: 'mes.material.consumed' }>;
  return { ...e, businesskey: '=HYPERLINK("http://x","click")', lot: '+1,"two"\r\nthree', data: { ...e.data, item: '@SUM(A1)' } };
}

const events = [...Array.from({ length: 13 }, (_, i) => orderEvent(i)), hostile(13)];
const j = openJournal(tmp.path('export.db'));
afterAll(() => j.close());
const s = newSession(j.db);
appendEvents(j.db, newSession(j.db, 'other'), [orderEvent(0)]);
appendEvents(j.db, s, events);
const now = new Date(Date.UTC(2026, 10, 23, 14, 5, 9));
const dir = join(tmp.dir, 'exports', 'nested');

/** Split CSV text into records of fields (RFC 4180: quoted fields may hold commas, quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      const close = /"(?!")/g;
      close.lastIndex = i + 1;
      const end = close.exec(text.replaceAll('""', '\u0000\u0000'))!.index;
      field += text.slice(i + 1, end).replaceAll('""', '"');
      i = end + 1;
    } else if (text[i] === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (text.startsWith('\r\n', i)) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      field += text[i];
      i++;
    }
  }
  return records;
}

describe('events.export', () => {
  it('writes CSV with a header, RFC 4180 quoting and the formula guard, named by session and UTC time', async () => {
    const r = await exportEvents(j.db, s, {}, { format: 'csv', dir, now, chunkRows: 4 });
    expect(r.path).toBe(join(dir, `linesight-session-${s}-20261123-140509.csv`));
    expect(EXPORT_FILE_NAME.test('linesight-session-2-20261123-140509.csv')).toBe(true);
    expect(r.rows).toBe(14);
    expect(r.bytes).toBe(statSync(r.path).size);
    const records = parseCsv(readFileSync(r.path, 'utf8'));
    expect(records[0]).toEqual(['seq', 'time', 'type', 'plant', 'line', 'order', 'lot', 'businesskey', 'id', 'source', 'origin', 'sequence', 'data', 'retained']);
    expect(records).toHaveLength(15);
    const first = records[1]!;
    expect(first.slice(1)).toEqual([events[0]!.time, 'erp.order.released', 'P1', 'L1', 'PO-1000', '', 'PO-1000/release', 'evt-0', '/P1/L1/erp', 'simulated', '0', canonicalJson(events[0]!.data), '0']);
    const last = records[14]!;
    expect(last[6]).toBe(`'+1,"two"\r\nthree`);
    expect(last[7]).toBe(`'=HYPERLINK("http://x","click")`);
    // The payload cell starts with `{`: its formula-like text inside stays as it was.
    expect(JSON.parse(last[12]!)).toMatchObject({ item: '@SUM(A1)' });
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('guards every cell that a spreadsheet would evaluate, and quotes only where needed', () => {
    expect(['=1', '+1', '-1', '@x', '\tx', '\rx'].map(csvField)).toEqual(["'=1", "'+1", "'-1", "'@x", "'\tx", `"'\rx"`]);
    expect([null, 7, 'plain', 'a,b', 'say "hi"', 'x\ny'].map(csvField)).toEqual(['', '7', 'plain', '"a,b"', '"say ""hi"""', '"x\ny"']);
  });

  it('writes JSON Lines whose lines parse back to the journaled events, filtered, without replacing an earlier file', async () => {
    const r = await exportEvents(j.db, s, { line: 'L1' }, { format: 'jsonl', dir, now, chunkRows: 2 });
    const again = await exportEvents(j.db, s, { line: 'L1' }, { format: 'jsonl', dir, now });
    expect(r.path).toBe(join(dir, `linesight-session-${s}-20261123-140509.jsonl`));
    expect(again.path).toBe(join(dir, `linesight-session-${s}-20261123-140509-2.jsonl`));
    expect(EXPORT_FILE_NAME.test('linesight-session-2-20261123-140509-2.jsonl')).toBe(true);
    const text = readFileSync(r.path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    const l1 = events.filter((e) => e.line === 'L1');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(l1);
    expect(lines).toEqual(l1.map((e) => canonicalJson(e)));
    expect(r).toMatchObject({ rows: l1.length, bytes: Buffer.byteLength(text) });
    expect(readFileSync(again.path, 'utf8')).toBe(text);
  });

  it('leaves out events committed after it began, and writes just a header when nothing matches', async () => {
    const pending = exportEvents(j.db, s, {}, { format: 'jsonl', dir, now, chunkRows: 5 });
    appendEvents(j.db, s, [orderEvent(14)]);
    expect((await pending).rows).toBe(14);
    const none = await exportEvents(j.db, s, { type: 'no.such.type' }, { format: 'csv', dir, now });
    expect(none.rows).toBe(0);
    expect(readFileSync(none.path, 'utf8')).toBe('seq,time,type,plant,line,order,lot,businesskey,id,source,origin,sequence,data,retained\r\n');
  });
});
