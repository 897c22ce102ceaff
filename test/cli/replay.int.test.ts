import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** `linesight replay` as a user runs it, on a journal made by `linesight run`. */
const bin = join(import.meta.dirname, '..', '..', 'bin', 'linesight.js');
const dir = mkdtempSync(join(tmpdir(), 'linesight-replay-cli-'));
const journal = join(dir, 'j.db');
const linesight = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir, timeout: 60_000 });

beforeAll(() => {
  expect(linesight('run', 'idempotency-off', '--until', '6h', '--journal', journal).status).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('linesight replay', () => {
  it('replays the latest session through a fresh monitor and says what it shows', () => {
    const r = linesight('replay', journal);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^replay of session 1: [\d,]+ events/);
    expect(r.stdout).toMatch(/open gaps \d+\n\s+duplicate-posting/);
    expect(linesight('replay', journal, '--fail-on-gaps').status).toBe(1);
  });

  it('what-if: idempotency switched on closes every duplicate-posting gap and opens none', () => {
    writeFileSync(join(dir, 'rules.yaml'), 'idempotency: { enabled: true }\n');
    const r = linesight('replay', journal, '--session', '1', '--rules', 'rules.yaml', '--report', 'whatif.json');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/what-if on session 1: [\d,]+ events \(journaled as session \d+\)/);
    expect(r.stdout).toMatch(/gaps {6}\d+ closed by the new rules · 0 new · 0 in both/);
    expect(r.stdout).toContain('open gaps none');
    expect(existsSync(join(dir, 'whatif.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'whatif.json'), 'utf8'))).toBeTypeOf('object');
  });

  it.each([
    [['--session', '99'], /--session: .* has no session 99/],
    [['--speed', 'fast'], /--speed: expected a positive number/],
    [['--rules', 'missing.yaml'], /--rules missing.yaml/],
    [['--report', 'out.pdf'], /the format comes from the extension/],
    [['--rules', 'rules.yaml', '--connections', 'c.yaml'], /separate replays/],
  ])('refuses %j with exit 2 and says why', (args, message) => {
    writeFileSync(join(dir, 'rules.yaml'), 'idempotency: { enabled: true }\n');
    const r = linesight('replay', journal, ...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('refuses a replay to a broker when no connection may publish', () => {
    writeFileSync(join(dir, 'subscribe-only.yaml'), 'connections:\n  - name: plant\n    url: mqtt://127.0.0.1:1883\n');
    const r = linesight('replay', journal, '--connections', 'subscribe-only.yaml');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no connection has a publish allowlist/);
  });
});
