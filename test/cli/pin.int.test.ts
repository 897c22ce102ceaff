import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listAudit, openJournal } from '../../engine/journal/index.js';
import { newSession } from '../engine/journal/helpers.js';

/** `linesight pin` and the commands that need the engineer PIN once one is set, as a user runs them. */
const bin = join(import.meta.dirname, '..', '..', 'bin', 'linesight.js');
const dir = mkdtempSync(join(tmpdir(), 'linesight-pin-cli-'));
const configDir = join(dir, 'config');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function linesight(args: string[], opts: { input?: string; pin?: string } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, LINESIGHT_CONFIG_DIR: configDir };
  delete env.LINESIGHT_ENGINEER_PIN;
  if (opts.pin !== undefined) env.LINESIGHT_ENGINEER_PIN = opts.pin;
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000, env, input: opts.input ?? '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('linesight pin', () => {
  it('sets, checks and clears the engineer PIN, and sessions --delete needs it once set', () => {
    expect(linesight(['pin', 'status']).stdout).toMatch(/^no engineer PIN is set \(.*engineer-pin\.json\): roles are not in force\n$/);
    expect(linesight(['pin', 'set'], { input: '12\n' })).toMatchObject({ code: 2, stderr: expect.stringMatching(/the PIN must have 4 to 64 characters: nothing was changed/) });
    expect(linesight(['pin', 'set'], { input: '2468\n' })).toMatchObject({ code: 0, stdout: expect.stringMatching(/^the engineer PIN is set/) });
    expect(existsSync(join(configDir, 'engineer-pin.json'))).toBe(true);
    expect(linesight(['pin', 'status']).stdout).toMatch(/^an engineer PIN is set/);
    // changing it needs the current one, which a script gives in LINESIGHT_ENGINEER_PIN
    expect(linesight(['pin', 'set'], { input: '1357\n' })).toMatchObject({ code: 2, stderr: expect.stringMatching(/changing the PIN needs the current one: set LINESIGHT_ENGINEER_PIN/) });
    expect(linesight(['pin', 'set'], { input: '1357\n', pin: '0000' })).toMatchObject({ code: 2, stderr: expect.stringMatching(/wrong PIN: nothing was changed/) });

    const db = join(dir, 'j.db');
    const j = openJournal(db);
    const a = newSession(j.db);
    newSession(j.db, 'latest');
    j.close();
    const refused = linesight(['sessions', db, '--delete', String(a)]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/deleting a session needs the engineer role: set LINESIGHT_ENGINEER_PIN, or run in a terminal to be asked for the PIN/);
    expect(linesight(['sessions', db, '--delete', String(a)], { pin: '1111' })).toMatchObject({ code: 2, stderr: expect.stringMatching(/deleting a session: wrong PIN/) });
    expect(linesight(['sessions', db, '--delete', String(a)], { pin: '2468' }).code).toBe(0);
    const r = openJournal(db, { readonly: true });
    expect(listAudit(r.db).map((e) => [e.action, e.role, e.session])).toEqual([['sessions.delete', 'engineer', a]]);
    r.close();

    expect(linesight(['pin', 'clear'], { pin: '2468' })).toMatchObject({ code: 0, stdout: expect.stringMatching(/^the engineer PIN is cleared/) });
    expect(linesight(['pin', 'bogus']).code).toBe(2);
  });
});
