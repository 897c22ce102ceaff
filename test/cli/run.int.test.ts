import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';

/** The `linesight` bin as a user runs it: a separate process on the compiled build. */
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'linesight.js');
const dir = mkdtempSync(join(tmpdir(), 'linesight-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function linesight(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('linesight run', () => {
  it('runs a bundled scenario, prints a per-line summary and writes a report that matches its schema', () => {
    const report = join(dir, 'baseline.json');
    const r = linesight(['run', 'baseline', '--until', '2h', '--journal', join(dir, 'a.db'), '--report', report]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/plant\s+line\s+released/);
    expect(r.stdout).toContain('gaps      none open');
    const json = JSON.parse(readFileSync(report, 'utf8')) as { scenario: string; events: { total: number }; gaps: unknown[] };
    const ajv = new Ajv2020({ allErrors: true });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(root, 'resources/schema/report.schema.json'), 'utf8')));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.scenario).toBe('baseline');
    expect(json.events.total).toBeGreaterThan(0);
    expect(json.gaps).toEqual([]);
  });

  it('shows transit latency, and apart from it the time messages were held for resequencing', () => {
    const report = join(dir, 'reordering-held.json');
    const r = linesight(['run', 'duplicates-reordering', '--journal', join(dir, 'held.db'), '--report', report]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/transit p50\s+p95\s+held p95/);
    expect(r.stdout).toMatch(/^held {6}US01\/L1 {2}resequencing \d+ held, p50 [\d.]+s/m);
    type Stat = { count: number; p95: number };
    const json = JSON.parse(readFileSync(report, 'utf8')) as {
      lines: { heldMs: Record<'resequencing' | 'goods-receipt', Stat>; postingLatencyMs: Stat; latencyByKind: Record<'confirmation' | 'consumption' | 'goodsReceipt' | 'status', Stat> }[];
    };
    const ajv = new Ajv2020({ allErrors: true });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(root, 'resources/schema/report.schema.json'), 'utf8')));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    for (const l of json.lines) {
      // messages that overtook others wait seconds for their turn: that is time held, not transit;
      // pumps are received into quality-inspection stock, so no receipt waits at the goods-receipt gate
      expect(l.heldMs.resequencing.count).toBeGreaterThan(0);
      expect(l.heldMs.resequencing.p95).toBeLessThanOrEqual(10_000);
      expect(l.heldMs['goods-receipt'].count).toBe(0);
      expect(l.postingLatencyMs.p95).toBeLessThan(60_000);
      expect(l.latencyByKind.goodsReceipt.p95).toBeLessThan(60_000);
      for (const kind of ['confirmation', 'consumption', 'goodsReceipt', 'status'] as const) expect(l.latencyByKind[kind].count).toBeGreaterThan(0);
    }
  });

  it('gives the same journal digest in separate processes under different time zones', () => {
    const digests = ['UTC', 'Asia/Kolkata', 'America/Chicago'].map((TZ, i) => {
      const report = join(dir, `tz-${i}.json`);
      const r = linesight(['run', 'duplicates-reordering', '--until', '90m', '--journal', join(dir, `tz-${i}.db`), '--report', report], { TZ });
      expect(r.code).toBe(0);
      return (JSON.parse(readFileSync(report, 'utf8')) as { journal: { digest: string } }).journal.digest;
    });
    expect(new Set(digests).size).toBe(1);
    const other = join(dir, 'other-seed.json');
    linesight(['run', 'duplicates-reordering', '--until', '90m', '--seed', '7', '--journal', join(dir, 'tz-other.db'), '--report', other]);
    expect((JSON.parse(readFileSync(other, 'utf8')) as { journal: { digest: string } }).journal.digest).not.toBe(digests[0]);
  });

  it('shows every business key of the postings line, reversed and lost ones too, and the parts add up to the total', () => {
    // reversals-and-corrections cancels mis-typed confirmations (reversed) and loses one cancellation on the way (lost)
    const report = join(dir, 'reversals.json');
    const r = linesight(['run', 'reversals-and-corrections', '--journal', join(dir, 'rev.db'), '--report', report]);
    expect(r.code).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.startsWith('postings'))!;
    const m = /^postings {2}(\d+) business keys of messages for ERP = (\d+) posted \+ (\d+) reversed \+ (\d+) dead-lettered \+ (\d+) pending \+ (\d+) lost \+ (\d+) not needed \(discarded\)$/.exec(line);
    expect(m, line).not.toBeNull();
    const [total, posted, reversed, dead, pending, lost, notNeeded] = m!.slice(1).map(Number) as [number, number, number, number, number, number, number];
    expect(reversed).toBeGreaterThan(0);
    expect(lost).toBeGreaterThan(0);
    expect(posted + reversed + dead + pending + lost + notNeeded).toBe(total);
    type Conservation = Record<'posted' | 'reversed' | 'deadLettered' | 'pending' | 'lost' | 'notNeeded' | 'needsPosting', number>;
    const c = (JSON.parse(readFileSync(report, 'utf8')) as { conservation: Conservation }).conservation;
    expect({ posted, reversed, dead, pending, lost, notNeeded, needed: total - notNeeded }).toEqual({
      posted: c.posted, reversed: c.reversed, dead: c.deadLettered, pending: c.pending, lost: c.lost, notNeeded: c.notNeeded, needed: c.needsPosting,
    });
  });

  it('lists lines in the order a plant numbers them (R2 before R10), in the table and the report', () => {
    const report = join(dir, 'large-order.json');
    const r = linesight(['run', 'large-site', '--until', '30m', '--journal', join(dir, 'order.db'), '--report', report]);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('BE01 '));
    expect(rows.map((l) => l.split(/\s+/)[1])).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10']);
    const json = JSON.parse(readFileSync(report, 'utf8')) as { lines: { plant: string; line: string }[] };
    expect(json.lines.filter((l) => l.plant === 'DE01').map((l) => l.line)).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8', 'L9', 'L10']);
  });

  it('names only the lines with postings dated in a closed period', () => {
    const r = linesight(['run', 'period-close', '--journal', join(dir, 'late.db')]);
    expect(r.code).toBe(0);
    const late = r.stdout.split('\n').filter((l) => l.startsWith('late'));
    expect(late).toHaveLength(1);
    expect(late[0]).toMatch(/^late {6}DE01\/L1 \d+ postings dated in a closed period$/);
  });

  it("shows each fault window once, in the plant's time, with its date and the lines it struck, and the messages affected on them in all", () => {
    const report = join(dir, 'windows.json');
    const r = linesight(['run', 'erp-outage', '--journal', join(dir, 'windows.db'), '--report', report]);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(report, 'utf8')) as { faultWindows: { kind: string; plant: string; line: string; start: string; messagesAffected: number }[] };
    const shown = r.stdout.split('\n').filter((l) => l.startsWith('window'));
    const kinds = [...new Set(json.faultWindows.map((w) => w.kind))];
    expect(shown).toHaveLength(kinds.length);
    for (const kind of kinds) {
      const ws = json.faultWindows.filter((w) => w.kind === kind);
      const total = ws.reduce((a, w) => a + w.messagesAffected, 0);
      const lines = ws.map((w) => `${w.plant}/${w.line}`).join(', ');
      expect(shown).toContainEqual(expect.stringMatching(new RegExp(`^window {4}${kind} ${lines} 2026-03-02 \\d\\d:\\d\\d–\\d\\d:\\d\\d CST: ${total} messages? affected$`)));
    }
    // the scenario puts the outage at 08:00 local time in Tulsa (America/Chicago); the report keeps UTC
    expect(shown.find((l) => l.startsWith('window    erp-outage '))).toContain(' 2026-03-02 08:00–08:25 CST: ');
    expect(json.faultWindows.find((w) => w.kind === 'erp-outage')!.start).toBe('2026-03-02T14:00:00.000Z');
  });

  it("shows the instants of gap causes and stuck orders in the plant's time, the report keeping UTC", () => {
    const report = join(dir, 'plant-time.json');
    const r = linesight(['run', 'master-data-errors', '--journal', join(dir, 'plant-time.db'), '--report', report]);
    expect(r.code).toBe(0);
    const expired = r.stdout.split('\n').filter((l) => l.includes(' expired on '));
    expect(expired.length).toBeGreaterThan(0);
    // US01 is in America/Chicago: 12:01 UTC is 06:01 CST
    for (const l of expired) expect(l).toMatch(/expired on 2026-02-25 06:01:\d\d CST /);
    expect(r.stdout.split('\n').filter((l) => /^ {2}US01\//.test(l) && / since /.test(l)).every((l) => / since 2026-\d\d-\d\d \d\d:\d\d:\d\d CST /.test(l))).toBe(true);
    const json = JSON.parse(readFileSync(report, 'utf8')) as { gaps: { cause: string }[] };
    expect(json.gaps.some((g) => /expired on 2026-02-25T12:01:\d\d\.\d{3}Z/.test(g.cause))).toBe(true);
  });

  it('exits 1 with --fail-on-gaps when gaps remain open, 0 without it', () => {
    const db = join(dir, 'gaps.db');
    const failing = linesight(['run', 'master-data-errors', '--until', '2h', '--journal', db, '--fail-on-gaps']);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/gaps\s+\d+ open/);
    expect(linesight(['run', 'master-data-errors', '--until', '2h', '--journal', db]).code).toBe(0);
  });

  it('refuses a bad scenario with exit 2, naming file, line, column and what was expected', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'name: bad\nseed: 1\nstart: 2026-03-02T06:00:00Z\nduration: 8 hours\nplant: pumps\n');
    const r = linesight(['run', file, '--journal', join(dir, 'bad.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:4:`);
    expect(r.stderr).toMatch(/duration/);
  });

  it.each([
    [['run', 'no-such-scenario'], /baseline/],
    [['run', 'baseline', '--seed', '-1'], /unsigned 32-bit/],
    [['run', 'baseline', '--until', 'soon'], /duration|until/i],
    [['run'], /exactly one scenario/],
    [['frobnicate'], /unknown command/],
  ])('exits 2 for bad input %j', (args, message) => {
    const r = linesight(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it.each([
    [['run', '--help'], 'linesight run <scenario-id|file>'],
    [['serve', '-h'], 'linesight serve [--port 4780]'],
    [['help', 'run'], 'linesight run <scenario-id|file>'],
  ])('%j prints that command\'s usage and exits 0', (args, first) => {
    const r = linesight(args);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(first)).toBe(true);
  });

  it('lists the bundled scenarios', () => {
    const r = linesight(['scenarios']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('master-data-errors');
  });
});
