import { describe, expect, it } from 'vitest';
import { BOM, checkCsvOptions, csvRecord } from '../../../engine/journal/csv-format.js';
import { renderReconciliationReport } from '../../../engine/report/reconciliation-report.js';
import { REPORT_CSV_COLUMNS } from '../../../engine/report/render-csv.js';
import { trainingRunsCsv } from '../../../engine/training/runs-csv.js';
import { FORMULA, HOSTILE, hostileReport } from '../report/fixture.js';

/**
 * A minimal RFC 4180 reader, as a spreadsheet reads the file: fields split on `delimiter`, quoted
 * fields may hold it, quotes doubled, CRLF between records. Says whether a BOM came first.
 */
function readCsv(text: string, delimiter: string): { bom: boolean; rows: string[][] } {
  const bom = text.startsWith(BOM);
  const s = bom ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) endField();
    else if (c === '\r' && s[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return { bom, rows };
}

/** A cell as European Excel reads a number: decimal comma. */
const euNumber = (cell: string) => Number(cell.replace(',', '.'));

const CELLS = [1, 2.5, -0.75, 'a,b', 'x;y', 'say "hi"', '=HYPERLINK("http://evil")', '+1', '-2', '@SUM(A1)', '\tTab', 'line\nbreak', null, 'ok'] as const;

describe('CSV variants', () => {
  it('RFC 4180: `,`, a decimal point, quotes where a comma, quote or line break is', () => {
    const text = csvRecord(CELLS);
    const { bom, rows } = readCsv(text, ',');
    expect(bom).toBe(false);
    expect(rows).toHaveLength(1);
    const r = rows[0]!;
    expect(r).toHaveLength(CELLS.length);
    expect(r.slice(0, 3).map(Number)).toEqual([1, 2.5, -0.75]);
    expect(r.slice(3, 6)).toEqual(['a,b', 'x;y', 'say "hi"']);
    expect(text).toContain(',x;y,'); // a semicolon needs no quotes here
  });

  it('Excel (Europe): `;`, a decimal comma, quotes where a semicolon, quote or line break is', () => {
    const text = BOM + csvRecord(['n', 'x', 'text'], 'excel-eu') + csvRecord(CELLS, 'excel-eu');
    const { bom, rows } = readCsv(text, ';');
    expect(bom).toBe(true);
    expect(rows[0]).toEqual(['n', 'x', 'text']);
    const r = rows[1]!;
    expect(r).toHaveLength(CELLS.length);
    expect(r.slice(0, 3)).toEqual(['1', '2,5', '-0,75']);
    expect(r.slice(0, 3).map(euNumber)).toEqual([1, 2.5, -0.75]);
    expect(r.slice(3, 6)).toEqual(['a,b', 'x;y', 'say "hi"']);
    expect(text).toContain(';a,b;'); // a comma needs no quotes here
    // read with the wrong delimiter, the row falls apart: the delimiter is really `;`
    expect(readCsv(text, ',').rows[1]!.length).not.toBe(CELLS.length);
  });

  it('keeps the formula-injection guard in both variants: such text starts with a quote mark', () => {
    for (const variant of ['rfc4180', 'excel-eu'] as const) {
      const r = readCsv(csvRecord(CELLS, variant), variant === 'excel-eu' ? ';' : ',').rows[0]!;
      expect(r.slice(6, 12), variant).toEqual(["'=HYPERLINK(\"http://evil\")", "'+1", "'-2", "'@SUM(A1)", "'\tTab", 'line\nbreak']);
      expect(r.slice(12), variant).toEqual(['', 'ok']);
    }
  });

  it('writes the trainee runs in either variant, minutes with the variant’s decimal mark', () => {
    const run = { id: 1, session: 2, trainee: '=cmd', exercise: 'e1', title: 'First; try', score: 7, maxScore: 10, passed: true, timeMs: 150_000, mistakes: 1, hints: 0, finishedAt: '2026-03-02T06:00:00Z' };
    const plain = readCsv(trainingRunsCsv([run]), ',');
    expect(plain.bom).toBe(false);
    expect(plain.rows[1]).toEqual(['1', '2', "'=cmd", 'e1', 'First; try', '7', '10', 'yes', '2.5', '1', '0', '2026-03-02T06:00:00Z']);
    const eu = readCsv(trainingRunsCsv([run], { bom: true, variant: 'excel-eu' }), ';');
    expect(eu.bom).toBe(true);
    expect(eu.rows[0]![8]).toBe('time_min');
    expect(eu.rows[1]).toEqual(['1', '2', "'=cmd", 'e1', 'First; try', '7', '10', 'yes', '2,5', '1', '0', '2026-03-02T06:00:00Z']);
  });

  it('writes the reconciliation report in either variant: the same cells, `;` and decimal commas in European Excel', () => {
    const col = (name: (typeof REPORT_CSV_COLUMNS)[number]) => REPORT_CSV_COLUMNS.indexOf(name);
    const plain = readCsv(renderReconciliationReport(hostileReport(), 'csv').text, ',');
    const eu = readCsv(renderReconciliationReport(hostileReport(), 'csv', undefined, { bom: true, variant: 'excel-eu' }).text, ';');
    expect(plain.bom).toBe(false);
    expect(eu.bom).toBe(true);
    expect(eu.rows).toHaveLength(plain.rows.length);
    for (const r of eu.rows) expect(r).toHaveLength(REPORT_CSV_COLUMNS.length);
    expect(plain.rows[1]![col('age_hours')]).toBe('1.5');
    expect(eu.rows[1]![col('age_hours')]).toBe('1,5');
    expect(eu.rows[2]![col('difference')]).toBe('-50');
    // text cells are the same in both, the formula guard included
    expect(eu.rows[1]![col('business_keys')]).toBe(`K-1 K-2,"x"\r\n${HOSTILE}`);
    expect(eu.rows[2]![col('probable_cause')]).toBe(`'${FORMULA}`);
    expect(plain.rows[2]![col('probable_cause')]).toBe(`'${FORMULA}`);
  });

  it('checks options from outside', () => {
    expect(checkCsvOptions({ bom: true, variant: 'excel-eu' })).toEqual({ bom: true, variant: 'excel-eu' });
    expect(() => checkCsvOptions({ variant: 'excel' })).toThrow(/variant: expected one of rfc4180, excel-eu/);
    expect(() => checkCsvOptions({ bom: 'yes' })).toThrow(/bom: expected true or false/);
  });
});
