import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The `linesight` bin as a user runs it: a separate process on the compiled build. */
const bin = join(import.meta.dirname, '..', '..', 'bin', 'linesight.js');
const dir = mkdtempSync(join(tmpdir(), 'linesight-sessions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function linesight(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const db = join(dir, 'j.db');
const digests: string[] = [];

beforeAll(() => {
  for (const [scenario, until] of [['duplicates-reordering', '90m'], ['baseline', '2h']] as const) {
    const report = join(dir, `${scenario}.json`);
    expect(linesight(['run', scenario, '--until', until, '--journal', db, '--report', report]).code).toBe(0);
    digests.push((JSON.parse(readFileSync(report, 'utf8')) as { journal: { digest: string } }).journal.digest);
  }
});

describe('linesight sessions', () => {
  it('lists the sessions newest first, as a table and as JSON', () => {
    const table = linesight(['sessions', db]);
    expect(table.stderr).toBe('');
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+kind\s+name\s+scenario\s+seed\s+started \(UTC\)\s+ended \(UTC\)\s+events\s+gaps\s+exceptions\s+checks\s+digest$/);
    expect(lines).toHaveLength(4);
    // the contract checks the run recorded with its outcome: the bundled seven hold on the baseline
    expect(lines[2]).toMatch(new RegExp(`^\\s*2\\s+simulation\\s+baseline\\s+20260302 .*\\s7 hold\\s+${digests[1]!.slice(0, 12)}$`));
    expect(lines[3]).toMatch(new RegExp(`^\\s*1\\s+simulation\\s+duplicates-reordering .*${digests[0]!.slice(0, 12)}$`));

    const json = JSON.parse(linesight(['sessions', db, '--json']).stdout) as Array<Record<string, unknown>>;
    expect(json.map((s) => [s.id, s.kind, s.scenario, s.digest])).toEqual([
      [2, 'simulation', 'baseline', digests[1]],
      [1, 'simulation', 'duplicates-reordering', digests[0]],
    ]);
    expect(json[0]).toMatchObject({ name: null, note: null, seed: 20260302, checks: { rules: 7, failed: 0, failing: [] } });
    expect(Date.parse(json[0]!.endedAt as string)).toBeGreaterThanOrEqual(Date.parse(json[0]!.startedAt as string));
  });

  it('renames and annotates a session; an empty name clears it', () => {
    expect(linesight(['sessions', db, '--rename', '1', '  Night shift  ']).stdout).toBe('session 1 name: Night shift\n');
    expect(linesight(['sessions', db, '--note', '1', 'resequencing looked slow']).code).toBe(0);
    let s1 = (JSON.parse(linesight(['sessions', db, '--json']).stdout) as Array<Record<string, unknown>>).find((s) => s.id === 1);
    expect(s1).toMatchObject({ name: 'Night shift', note: 'resequencing looked slow' });
    expect(linesight(['sessions', db]).stdout).toMatch(/^\s*1\s+simulation\s+Night shift\s+duplicates-reordering/m);
    expect(linesight(['sessions', db, '--rename', '1', '']).stdout).toBe('session 1 name: (cleared)\n');
    s1 = (JSON.parse(linesight(['sessions', db, '--json']).stdout) as Array<Record<string, unknown>>).find((s) => s.id === 1);
    expect(s1).toMatchObject({ name: null, note: 'resequencing looked slow' });
  });

  it('refuses bad input with exit 2 and changes nothing', () => {
    const cases: Array<[string[], RegExp]> = [
      [['sessions', join(dir, 'none.db')], /no journal at/],
      [['sessions', db, '--rename', '9', 'x'], /has no session 9/],
      [['sessions', db, '--rename', 'one', 'x'], /--rename: expected a session number/],
      [['sessions', db, '--rename', '1', 'x'.repeat(201)], /name: at most 200 characters/],
      [['sessions', db, '--note', '1', 'x'.repeat(4001)], /note: at most 4000 characters/],
      [['sessions', db, '--rename', '1'], /sessions needs a journal file and the new name/],
      [['sessions', db, '--delete', '1', '--rename', '2', 'x'], /one of --rename, --note, --delete/],
      [['sessions', db, '--bogus'], /Unknown option '--bogus'/],
    ];
    for (const [args, message] of cases) {
      const r = linesight(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(JSON.parse(linesight(['sessions', db, '--json']).stdout)).toHaveLength(2);
  });

  it('deletes a session without asking: gone from the list and from the file, the others unchanged', () => {
    const mark = 'QX-delete-me-8841';
    expect(linesight(['sessions', db, '--rename', '1', mark]).code).toBe(0);
    expect(readFileSync(db).includes(mark) || readFileSync(`${db}-wal`, { flag: 'a+' }).includes(mark)).toBe(true);
    const r = linesight(['sessions', db, '--delete', '1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const m = /^deleted session 1 from .*: .* \(([\d,]+) bytes\) → .* \(([\d,]+) bytes\)\n$/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    const [before, after] = [m![1]!, m![2]!].map((n) => Number(n.replaceAll(',', '')));
    expect(after).toBeLessThan(before!);
    expect(readFileSync(db).includes(mark)).toBe(false);
    const list = JSON.parse(linesight(['sessions', db, '--json']).stdout) as Array<Record<string, unknown>>;
    expect(list.map((s) => [s.id, s.digest])).toEqual([[2, digests[1]]]);
    const again = linesight(['sessions', db, '--delete', '1']);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('linesight: session 1 was deleted\n');
    const compact = linesight(['sessions', db, '--compact']);
    expect(compact.code).toBe(0);
    expect(compact.stdout).toMatch(/^compacted .*j\.db \(deleted session 1\): /);
    expect((JSON.parse(linesight(['sessions', db, '--json']).stdout) as { digest: string }[])[0]!.digest).toBe(digests[1]);
  });

  it('shows its usage with --help', () => {
    const r = linesight(['sessions', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^linesight sessions <journal> \[--json\]/);
    expect(linesight(['help']).stdout).toMatch(/linesight sessions <journal> \[options\]/);
  });
});
