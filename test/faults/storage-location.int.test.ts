import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantTraffic } from '../support/plant-traffic.js';

/**
 * A journal in a read-only folder is refused before anything starts, with the reason (exit 2) —
 * `--allow-network-journal` does not waive that; on a network file system it is refused unless
 * that flag is given (the detection is unit-tested: test/engine/journal/journal-location.test.ts,
 * as no network share can be mounted here). Once the folder is writable, the same command works.
 */
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'linesight.js');
let dir: string;
let readOnly: string;
let events: string;

/** A folder this user may not write: a chmod'ed one, or — for root, whom permissions do not stop — /proc/sys. */
function readOnlyFolder(): string {
  if (process.getuid?.() !== 0) {
    const d = join(dir, 'read-only');
    mkdirSync(d);
    chmodSync(d, 0o555);
    return d;
  }
  accessSync('/proc/sys', constants.R_OK);
  return '/proc/sys';
}
const linesight = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-storage-location-'));
  readOnly = readOnlyFolder();
  events = join(dir, 'events.jsonl');
  writeFileSync(events, plantTraffic('4h').slice(0, 10).map((e) => JSON.stringify(e)).join('\n') + '\n');
});
afterAll(() => {
  if (readOnly.startsWith(dir)) chmodSync(readOnly, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

describe('a journal where it cannot be written', () => {
  it.each([
    ['import', () => [events]],
    ['run', () => ['baseline', '--until', '10m']],
    ['serve', () => ['--port', '0']],
  ])('%s refuses a read-only folder with the reason and exit code 2, writing nothing', (command, argsOf) => {
    const journal = join(readOnly, 'linesight.db');
    const args = argsOf();
    const r = linesight(command, ...args, '--journal', journal);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`linesight: the journal's folder ${readOnly} may not be written by this user (`);
    expect(r.stderr).toContain('need a writable folder. Choose another place with --journal');
    expect(existsSync(journal)).toBe(false);
    // the network flag waives nothing here
    const forced = linesight(command, ...args, '--journal', journal, '--allow-network-journal');
    expect(forced.status).toBe(2);
    expect(forced.stderr).toContain('need a writable folder');
  });

  it('takes --allow-network-journal on the commands that write a journal, and works once the folder is writable', () => {
    const journal = join(dir, 'writable', 'linesight.db');
    mkdirSync(join(dir, 'writable'));
    const r = linesight('import', events, '--journal', journal, '--allow-network-journal');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^imported 10 events from 1 file into session 1 of /);
    for (const command of ['run', 'serve', 'import', 'replay']) expect(linesight('help', command).stdout).toContain('--allow-network-journal');
  });
});
