import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** `linesight reconcile` as a user runs it: a separate process on the compiled build. */
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'linesight.js');
const dir = mkdtempSync(join(tmpdir(), 'linesight-reconcile-'));
const journal = join(dir, 'j.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function linesight(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let runReport: { gaps: unknown[]; reconciliation: { ordersCompared: number; mismatches: unknown[] }; journal: { digest: string } };

beforeAll(() => {
  // session 1 has gaps; session 2 (the latest) has none
  const report = join(dir, 'run.json');
  expect(linesight(['run', 'master-data-errors', '--until', '3h', '--journal', journal, '--report', report]).code).toBe(0);
  runReport = JSON.parse(readFileSync(report, 'utf8')) as typeof runReport;
  expect(linesight(['run', 'baseline', '--until', '2h', '--journal', journal]).code).toBe(0);
}, 120_000);

describe('linesight reconcile', () => {
  it('writes the JSON report of a session with the run report’s gaps, reconciliation and digest', () => {
    const file = join(dir, 'r1.json');
    const r = linesight(['reconcile', journal, '--session', '1', '--report', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { report: string; session: object; gaps: unknown[]; summary: { ordersCompared: number }; mismatches: unknown[]; exceptions: unknown[] };
    expect(json.report).toBe('linesight-reconciliation');
    expect(json.session).toMatchObject({ id: 1, kind: 'simulation', scenario: 'master-data-errors', name: 'Master data errors', seed: 8086, digest: runReport.journal.digest });
    expect(json.gaps).toHaveLength(runReport.gaps.length);
    expect(json.gaps.length).toBeGreaterThan(0);
    expect(json.summary.ordersCompared).toBe(runReport.reconciliation.ordersCompared);
    expect(json.mismatches).toEqual(runReport.reconciliation.mismatches);
    expect(r.stdout).toBe(
      `session 1: ${json.gaps.length} open gaps, ${json.mismatches.length} mismatches, ${json.exceptions.length} open exceptions — JSON report (${json.gaps.length + json.mismatches.length} rows, ${readFileSync(file).length.toLocaleString('en-US')} bytes) written to ${file}\n`,
    );
  });

  it('writes HTML and CSV, defaulting to the latest session, and --fail-on-gaps exits 1 only with gaps', () => {
    const html = join(dir, 'latest.html');
    const r = linesight(['reconcile', journal, '--report', html, '--fail-on-gaps']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^session 2: 0 open gaps, .* HTML report .* written to .*latest\.html\n$/);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('Baseline (baseline)');
    expect(page).toContain('<svg ');

    const csv = join(dir, 'gaps.csv');
    const g = linesight(['reconcile', journal, '--session', '1', '--report', csv, '--fail-on-gaps']);
    expect(g.code).toBe(1);
    const lines = readFileSync(csv, 'utf8').split('\r\n');
    expect(lines[0]).toBe('session,record,kind,field,plant,line,order,business_keys,mes,erp,difference,unit,opened_at,age_hours,probable_cause');
    expect(lines.filter((l) => l.startsWith('1,gap,'))).toHaveLength(runReport.gaps.length);
    expect(lines.filter((l) => l.startsWith('1,mismatch,'))).toHaveLength(runReport.reconciliation.mismatches.length);

    // for Excel in Europe: a BOM, `;` between fields, the same rows
    const eu = join(dir, 'gaps-eu.csv');
    expect(linesight(['reconcile', journal, '--session', '1', '--report', eu, '--bom', '--excel-eu']).code).toBe(0);
    const text = readFileSync(eu, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const euLines = text.slice(1).split('\r\n');
    expect(euLines[0]).toBe(lines[0]!.replaceAll(',', ';'));
    expect(euLines.filter((l) => l.startsWith('1;gap;'))).toHaveLength(runReport.gaps.length);
  });

  it('refuses a wrong extension, an unknown session, a missing journal or --report with exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['reconcile', journal, '--report', join(dir, 'r.txt')], /--report: the file name must end in \.html, \.csv or \.json/],
      [['reconcile', journal, '--session', '9', '--report', join(dir, 'r.html')], /has no session 9/],
      [['reconcile', journal, '--session', 'x', '--report', join(dir, 'r.html')], /--session: expected a session id/],
      [['reconcile', join(dir, 'nope.db'), '--report', join(dir, 'r.html')], /no journal at/],
      [['reconcile', journal], /needs --report FILE/],
      [['reconcile', journal, '--report', join(dir, 'r.html'), '--excel-eu'], /apply to a \.csv report only/],
      [['reconcile', '--report', join(dir, 'r.html')], /needs exactly one journal file/],
    ];
    for (const [args, message] of cases) {
      const r = linesight(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(join(dir, 'r.txt'))).toBe(false);
    expect(existsSync(join(dir, 'nope.db'))).toBe(false);
  });

  it('shows its usage with --help and in the general help', () => {
    const help = linesight(['reconcile', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^linesight reconcile <journal> \[--session ID\] --report FILE/);
    expect(linesight(['help']).stdout).toContain('linesight reconcile <journal> --report FILE');
  });
});
