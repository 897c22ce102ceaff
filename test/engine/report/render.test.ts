import { describe, expect, it } from 'vitest';
import { renderReconciliationReport } from '../../../engine/report/reconciliation-report.js';
import { REPORT_CSV_COLUMNS } from '../../../engine/report/render-csv.js';
import { escapeHtml } from '../../../engine/report/escape.js';
import { barChart } from '../../../engine/report/svg-charts.js';
import { FORMULA, HOSTILE, hostileReport } from './fixture.js';

/** Split RFC 4180 text into records of fields (quotes, doubled quotes, CRLF inside quotes). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  return records;
}

describe('the HTML report', () => {
  const page = renderReconciliationReport(hostileReport(), 'html', '2026-11-23T12:00:00.000Z').text;

  it('escapes every text from the journal: no markup, no script, no handler gets through', () => {
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
    // inside a tag (the only `<` left are the report's own): the hostile `onerror=` survives only as text
    expect(page).not.toMatch(/<[^>]*\son\w+=/i);
    expect(page).toContain('&lt;script&gt;window.pwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;window.pwned=2&quot;&gt;&quot;&#39;&amp;');
  });

  it('is self-contained: inline style and SVG, a CSP that allows nothing else, no external URL', () => {
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain("default-src 'none'");
    expect(page).toContain('<style>');
    expect(page.match(/<svg /g)?.length).toBe(3);
    // no tag refers to anything: the SVG namespace is a name, never fetched; the hostile `src=x` is text
    expect(page).not.toMatch(/<[^>]*\s(?:href|src|srcset|action|data)\s*=/i);
    expect(page).not.toMatch(/<(?:link|script|img|iframe|object|embed)\b/i);
  });

  it('shows the title, session, seed, period, digest, summary, lines, mismatches and gaps', () => {
    expect(page).toContain('<h1>Reconciliation report — Name &lt;script&gt;');
    expect(page).toContain('<dt>Seed</dt><dd>42</dd>');
    expect(page).toContain('2026-03-02T05:00:00.000Z → 2026-03-02T13:00:00.000Z');
    expect(page).toContain('ab'.repeat(32));
    expect(page).toContain('confirmation 0010 good');
    expect(page).toContain('1.5h'); // the first gap's age
    // a gap's rows, each quantity with its unit, and its cause chain one click away
    expect(page).toContain('<td>operation 0020</td><td class="num">7 PC</td><td class="num">not posted</td><td class="num">+7 PC</td>');
    expect(page).toContain('>−50 EA<');
    expect(page).toContain('<details class="chain"><summary>Cause chain</summary><ol><li>');
    expect(page).toContain('<td class="num">120 EA</td><td class="num">100 EA</td>');
    expect(page).toMatch(/Business keys: 20 keys needed an ERP posting — 16 posted · 1 reversed · 1 dead-lettered · 1 pending · 1 lost/);
    for (const h of ['Summary', 'Charts', 'Lines', 'Reconciliation mismatches', 'Open sync gaps', 'Open exceptions (dead letters)']) expect(page).toContain(`<h2>${h}</h2>`);
  });

  it('escapes chart labels and keeps the full label in the bar’s title', () => {
    const svg = barChart('a <b> chart', [{ label: '<x>"&', value: 3 }, { label: 'zero', value: 0 }]);
    expect(svg).toContain('<title>&lt;x&gt;&quot;&amp;: 3</title>');
    expect(svg).toContain('aria-label="a &lt;b&gt; chart"');
    expect(svg).not.toContain('<x>');
    expect(escapeHtml('a\u0000b\u001bc\td')).toBe('abc\td');
  });
});

describe('the CSV report', () => {
  const { text, rows } = renderReconciliationReport(hostileReport(), 'csv');
  const records = parseCsv(text);

  it('is RFC 4180: a header, CRLF records, one per gap and mismatch, all the same width', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(records[0]).toEqual([...REPORT_CSV_COLUMNS]);
    expect(rows).toBe(4);
    expect(records).toHaveLength(5);
    for (const r of records) expect(r).toHaveLength(REPORT_CSV_COLUMNS.length);
    expect(records.slice(1).map((r) => r[1])).toEqual(['gap', 'gap', 'mismatch', 'mismatch']);
  });

  it('quotes commas, quotes and line breaks, and keeps them intact', () => {
    const keys = records[1]![REPORT_CSV_COLUMNS.indexOf('business_keys')];
    expect(keys).toBe(`K-1 K-2,"x"\r\n${HOSTILE}`);
  });

  it('guards against formula injection but keeps negative numbers numbers', () => {
    const col = (name: (typeof REPORT_CSV_COLUMNS)[number]) => REPORT_CSV_COLUMNS.indexOf(name);
    expect(records[2]![col('probable_cause')]).toBe(`'${FORMULA}`);
    expect(records[2]![col('difference')]).toBe('-50');
    expect(records[1]![col('age_hours')]).toBe('1.5');
    expect(records[3]![col('difference')]).toBe('20');
    expect(records[4]![col('field')]).toBe(`consumption ${FORMULA}`);
    expect(records[4]![col('difference')]).toBe('');
  });
});

describe('the JSON report', () => {
  it('is the report object as one JSON document, strings as they were', () => {
    const report = hostileReport();
    const { text, rows } = renderReconciliationReport(report, 'json');
    const parsed = JSON.parse(text) as { gaps: { cause: string }[] };
    expect(parsed).toEqual(report);
    expect(rows).toBe(4);
    expect(Object.keys(parsed)).toEqual(['report', 'version', 'session', 'period', 'judgedAt', 'summary', 'lines', 'mismatches', 'gaps', 'exceptions']);
    expect(parsed.gaps[0]!.cause).toContain(HOSTILE);
  });
});
