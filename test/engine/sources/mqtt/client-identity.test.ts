import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backoffMs } from '../../../../engine/sources/mqtt/broker-connection.js';
import { claimClientId, deriveClientId, stableClientId } from '../../../../engine/sources/mqtt/client-identity.js';

const dirs: string[] = [];
const configDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'linesight-ids-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('a connection’s client id', () => {
  it('is derived once per installation and name, at most 23 of [0-9A-Za-z], and the same after a restart', () => {
    const dir = configDir();
    const a = stableClientId(dir, 'watch', 'line-2');
    expect(a).toMatch(/^[0-9A-Za-z]{1,23}$/);
    expect(a).toHaveLength(23);
    expect(stableClientId(dir, 'watch', 'line-2')).toBe(a);
    // kept in the config directory, where a later start (another process) finds it
    expect(JSON.parse(readFileSync(join(dir, 'client-ids.json'), 'utf8'))).toEqual({ 'watch:line-2': a });
    expect(stableClientId(dir, 'watch', 'line-3')).not.toBe(a);
    expect(stableClientId(dir, 'publish', 'line-2')).not.toBe(a);
  });

  it('differs between installations for the same connection name', () => {
    expect(stableClientId(configDir(), 'watch', 'plant')).not.toBe(stableClientId(configDir(), 'watch', 'plant'));
    expect(deriveClientId('a'.repeat(32), 'watch', 'plant')).toBe(deriveClientId('a'.repeat(32), 'watch', 'plant'));
  });
});

describe('claiming a client id on this machine', () => {
  it('refuses a second connection of this process until the first lets go', () => {
    const dir = configDir();
    const first = claimClientId(dir, 'lsOne');
    expect(first.ok).toBe(true);
    const second = claimClientId(dir, 'lsOne');
    expect(second).toEqual({ ok: false, why: expect.stringContaining('already used by another connection of this Linesight') });
    if (first.ok) first.release();
    const third = claimClientId(dir, 'lsOne');
    expect(third.ok).toBe(true);
    if (third.ok) third.release();
  });

  it('refuses an id another running process holds, and takes over the lock of one that is gone', async () => {
    const dir = configDir();
    mkdirSync(join(dir, 'locks'));
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(join(dir, 'locks', 'lsBusy.lock'), `${other.pid}\n`);
      expect(claimClientId(dir, 'lsBusy')).toEqual({ ok: false, why: expect.stringMatching(new RegExp(`in use by another Linesight on this machine \\(process ${other.pid}\\)`)) });
    } finally {
      other.kill();
      await new Promise((r) => other.once('exit', r));
    }
    // the holder is gone: its lock is stale
    const claim = claimClientId(dir, 'lsBusy');
    expect(claim.ok).toBe(true);
    expect(readFileSync(join(dir, 'locks', 'lsBusy.lock'), 'utf8')).toBe(`${process.pid}\n`);
  });
});

describe('reconnect backoff', () => {
  it('doubles from 1 s to 30 s, each wait drawn from the upper half of its step', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((a) => backoffMs(a, () => 1))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect([0, 1, 5].map((a) => backoffMs(a, () => 0))).toEqual([500, 1000, 15000]);
    const draws = [0.1, 0.7, 0.35].map((r) => backoffMs(3, () => r));
    expect(new Set(draws).size).toBe(3);
    for (const d of draws) {
      expect(d).toBeGreaterThanOrEqual(4000);
      expect(d).toBeLessThanOrEqual(8000);
    }
  });
});
