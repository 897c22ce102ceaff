import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The `linesight` bin as a user runs it: a separate process on the compiled build. */
const bin = join(import.meta.dirname, '..', '..', 'bin', 'linesight.js');
const dir = mkdtempSync(join(tmpdir(), 'linesight-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function linesight(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const db = join(dir, 'j.db');
const reports: Array<{ digest: string; events: number }> = [];

beforeAll(() => {
  for (const [scenario, until] of [['duplicates-reordering', '90m'], ['baseline', '2h']] as const) {
    const report = join(dir, `${scenario}.json`);
    expect(linesight(['run', scenario, '--until', until, '--journal', db, '--report', report]).code).toBe(0);
    const json = JSON.parse(readFileSync(report, 'utf8')) as { journal: { digest: string; events: number } };
    reports.push({ digest: json.journal.digest, events: json.journal.events });
  }
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('linesight export', () => {
  it('streams JSON Lines of a session to stdout: exactly the journaled envelopes, so the bytes hash to the digest', () => {
    const r = linesight(['export', db, '--session', '1', '--format', 'jsonl']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(reports[0]!.events);
    expect(sha256(r.stdout)).toBe(reports[0]!.digest);
  });

  it('defaults to the latest session and to JSON Lines', () => {
    const r = linesight(['export', db]);
    expect(r.code).toBe(0);
    expect(sha256(r.stdout)).toBe(reports[1]!.digest);
  });

  it('writes CSV to a file with --out, only once complete', () => {
    const out = join(dir, 'one.csv');
    const r = linesight(['export', db, '--session', '1', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^exported \d+ events of session 1 to .*one\.csv\n$/);
    const lines = readFileSync(out, 'utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('seq,time,type,plant,line,order,lot,businesskey,id,source,origin,sequence,data,retained');
    expect(lines).toHaveLength(reports[0]!.events + 1);
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
    const jsonl = join(dir, 'one.csv.jsonl');
    expect(linesight(['export', db, '--session', '1', '--format', 'jsonl', '--out', jsonl]).code).toBe(0);
    expect(sha256(readFileSync(jsonl, 'utf8'))).toBe(reports[0]!.digest);
  });

  it('writes the European Excel variant with a BOM: `;` between fields, JSON data intact', () => {
    const out = join(dir, 'eu.csv');
    expect(linesight(['export', db, '--session', '1', '--out', out, '--bom', '--excel-eu']).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('seq;time;type;plant;line;order;lot;businesskey;id;source;origin;sequence;data;retained');
    expect(lines).toHaveLength(reports[0]!.events + 1);
    // the data column is quoted JSON (it holds quotes), commas inside unquoted by `;`'s rules
    const data = /;"(\{.*\})";[01]?$/.exec(lines[1]!)?.[1];
    expect(JSON.parse(data!.replaceAll('""', '"'))).toBeTypeOf('object');
    expect(linesight(['export', db, '--session', '1', '--csv-variant', 'excel-eu', '--format', 'csv']).stdout.split('\r\n')[0]).toBe(lines[0]);
  });

  it('refuses bad input with exit 2', () => {
    const cases: Array<[string[], RegExp]> = [
      [['export', db, '--session', '7'], /has no session 7/],
      [['export', db, '--format', 'xml'], /--format: expected jsonl or csv/],
      [['export', join(dir, 'missing.db')], /no journal at/],
      [['export'], /export needs exactly one journal file/],
      [['export', db, '--format', 'jsonl', '--bom'], /apply to --format csv only/],
      [['export', db, '--format', 'csv', '--csv-variant', 'excel'], /--csv-variant: expected rfc4180 or excel-eu/],
    ];
    for (const [args, message] of cases) {
      const r = linesight(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });

  it('refuses a deleted session', () => {
    expect(linesight(['sessions', db, '--delete', '1']).code).toBe(0);
    const r = linesight(['export', db, '--session', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('linesight: session 1 was deleted\n');
  });
});
