import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';

/** `expect:` in a scenario file, as `linesight run` checks it: summary, report, exit code, file errors. */
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'linesight.js');
const dir = mkdtempSync(join(tmpdir(), 'linesight-expect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function linesight(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const scenario = (name: string, expectBlock: string) => {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, ['name: Expect check', 'seed: 7', 'start: 2026-03-02T06:00:00Z', 'duration: 2h', 'plant: pumps', 'lines: [US01/L1]', 'expect:', expectBlock, ''].join('\n'));
  return file;
};

describe('linesight run with expect:', () => {
  it('prints "all met", records each expectation with its value and verdict in a valid report, and exits 0', () => {
    const file = scenario('met', ['  conservation.lost: 0', '  events.total: ">0"', '  lines[US01/L1].ordersReleased: ">=1"', '  controls.forwarded: "=controls.buffered"'].join('\n'));
    const report = join(dir, 'met.json');
    const r = linesight(['run', file, '--journal', join(dir, 'a.db'), '--report', report, '--fail-on-expectations']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('expect    all 4 met');
    const json = JSON.parse(readFileSync(report, 'utf8')) as { expectations: unknown[]; events: { total: number }; lines: { ordersReleased: number }[]; controls: { forwarded: number } };
    const ajv = new Ajv2020({ allErrors: true });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(root, 'resources/schema/report.schema.json'), 'utf8')));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.expectations).toEqual([
      { path: 'conservation.lost', expected: '0', value: 0, verdict: 'pass' },
      { path: 'events.total', expected: '>0', value: json.events.total, verdict: 'pass' },
      { path: 'lines[US01/L1].ordersReleased', expected: '>=1', value: json.lines[0]!.ordersReleased, verdict: 'pass' },
      { path: 'controls.forwarded', expected: '=controls.buffered', value: json.controls.forwarded, verdict: 'pass' },
    ]);
  });

  it('names each expectation not met, and exits 1 only with --fail-on-expectations', () => {
    const file = scenario('unmet', ['  controls.retried: ">0"', '  lines[US01/L9].openGaps: 0', '  conservation.lost: 0'].join('\n'));
    const plain = linesight(['run', file, '--journal', join(dir, 'b.db')]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('expect    1 of 3 met; not met:');
    expect(plain.stdout).toContain('  controls.retried >0 — 0 is not >0');
    expect(plain.stdout).toContain('  lines[US01/L9].openGaps 0 — nothing at lines[US01/L9].openGaps in the report');
    expect(linesight(['run', file, '--journal', join(dir, 'b.db'), '--fail-on-expectations']).code).toBe(1);
  });

  it('refuses an entry it cannot read with exit 2, naming the file, line and column', () => {
    const file = scenario('bad', ['  conservation.lost: 0', '  controls.buffered: ">"'].join('\n'));
    const r = linesight(['run', file, '--journal', join(dir, 'c.db')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.yaml:9:\d+: at \/expect\/controls\.buffered: .*a comparison needs a value after its operator/);
  });
});
