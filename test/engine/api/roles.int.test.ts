import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi, PIN_FILE, type LocalApi } from '../../../engine/index.js';
import { listAudit, openJournal } from '../../../engine/journal/index.js';
import { freePort } from '../../support/mosquitto.js';
import { fakeClock, type FakeClock } from '../session/fake-clock.js';

/**
 * Roles are enforced by the engine's API, not only hidden in the console: a call the host's role
 * does not allow is refused naming the role it needs, and nothing is done, journaled or audited.
 */
let dir: string;
let configDir: string;
let journalPath: string;
let clock: FakeClock;
const hosts: LocalApi[] = [];
const host = (): LocalApi => {
  const api = createLocalApi({ journalPath, clock, operator: 'pc-user', configDir });
  hosts.push(api);
  return api;
};
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-roles-'));
  configDir = join(dir, 'config');
  journalPath = join(dir, 'journal.db');
  clock = fakeClock();
});
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
  rmSync(dir, { recursive: true, force: true });
});

const auditActions = () => {
  const j = openJournal(journalPath, { readonly: true });
  try {
    return listAudit(j.db).map((e) => [e.action, e.role]);
  } finally {
    j.close();
  }
};

/** A host whose config directory holds PIN 2468, started after it was set: it is in the operator role. */
async function lockedHost(): Promise<LocalApi> {
  await host().commands['profile.setPin']({ pin: '2468' });
  const api = host();
  expect((await api.queries['profile.status']()).role).toBe('operator');
  return api;
}

describe('roles at the API', () => {
  it('without a PIN, roles are not in force: the host is an engineer, and setting the first PIN needs nothing', async () => {
    const api = host();
    expect(await api.queries['profile.status']()).toEqual({ role: 'engineer', operator: 'pc-user', pinSet: false, lockedForMs: 0, pinProblem: null });
    await expect(api.commands['profile.setPin']({ pin: '12' })).rejects.toThrow(/4 to 64 characters/);
    const after = await api.commands['profile.setPin']({ pin: '2468' });
    expect(after).toMatchObject({ role: 'engineer', pinSet: true });
    // only a hash is kept, readable by the user alone
    const file = join(configDir, PIN_FILE);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('2468');
    expect(JSON.parse(text)).toMatchObject({ version: 1, kdf: 'scrypt', N: 32768, r: 8, p: 1 });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('an operator is refused every engineer action, naming the role, and nothing is done or audited', async () => {
    const api = await lockedHost();
    const sim = await api.commands['session.start']({ scenario: 'master-data-errors', until: '8h' });
    for (let i = 0; i < 400 && (await api.queries['exceptions.list']()).length < 1; i++) await api.commands['session.step']({ events: 200 });
    const [dead] = await api.queries['exceptions.list']();
    expect(dead).toBeDefined();
    const needs = /needs the engineer role; this console is in the operator role \(unlock it with the engineer PIN\)/;
    await expect(api.commands['exceptions.discard']({ messageIds: [dead!.messageId], why: 'posted by hand' })).rejects.toThrow(needs);
    await expect(api.commands['exceptions.resend']({ messageId: dead!.messageId, changes: {}, why: 'again' })).rejects.toThrow(/an edit-and-resend needs the engineer role/);
    // the dead letter is still open: the refusal did nothing
    expect((await api.queries['exceptions.list']()).map((e) => e.messageId)).toContain(dead!.messageId);
    await expect(api.commands['sessions.delete']({ session: sim.session! })).rejects.toThrow(/deleting a session needs the engineer role/);
    const url = `mqtt://127.0.0.1:${await freePort()}`;
    const publish = { url, name: 'plant', clientId: 'roles-test', publish: { allow: ['linesight/v1/'] } };
    await expect(api.commands['session.start']({ scenario: 'baseline', until: '1h', publish })).rejects.toThrow(/publishing a simulation to a live broker needs the engineer role/);
    await expect(api.commands['session.replay']({ session: sim.session!, publish })).rejects.toThrow(/a replay to a broker needs the engineer role/);
    await expect(api.commands['session.watch']({ brokers: [publish] })).rejects.toThrow(/a watch that may publish to a broker needs the engineer role/);
    // the refused calls left the running session as it was
    expect((await api.queries['session.status']()).session).toBe(sim.session);
    // an operator keeps what is not an engineer's: faults, controls, injections into the simulation
    await api.commands['operator.setControl']({ control: 'idempotency', enabled: false, why: 'a test' });
    expect(auditActions()).toEqual([]);
  });

  it('the PIN unlocks the engineer role; wrong PINs are slowed down; the audit log records the role', async () => {
    const api = await lockedHost();
    await expect(api.commands['profile.switch']({ role: 'engineer' })).rejects.toThrow(/needs the engineer PIN/);
    for (let i = 0; i < 4; i++) await expect(api.commands['profile.switch']({ role: 'engineer', pin: '1111' })).rejects.toThrow(/^wrong PIN$/);
    await expect(api.commands['profile.switch']({ role: 'engineer', pin: '1111' })).rejects.toThrow(/^wrong PIN$/);
    // five wrong in a row: even the right one waits
    expect((await api.queries['profile.status']()).lockedForMs).toBe(30_000);
    await expect(api.commands['profile.switch']({ role: 'engineer', pin: '2468' })).rejects.toThrow(/too many wrong PINs: try again in 30 s/);
    clock.advance(30_000);
    expect(await api.commands['profile.switch']({ role: 'engineer', pin: '2468' })).toMatchObject({ role: 'engineer', lockedForMs: 0 });

    const sim = await api.commands['session.start']({ scenario: 'baseline', until: '1h' });
    await api.commands['session.start']({ scenario: 'baseline', until: '1h' });
    await api.commands['sessions.delete']({ session: sim.session! });
    expect(auditActions()).toEqual([['sessions.delete', 'engineer']]);
    // switching down needs nothing, and takes effect at once
    expect((await api.commands['profile.switch']({ role: 'operator' })).role).toBe('operator');
    await expect(api.commands['sessions.delete']({ session: sim.session! })).rejects.toThrow(/needs the engineer role/);
    await expect(api.commands['profile.switch']({ role: 'admin' as never })).rejects.toThrow(/role: expected one of trainee, operator, engineer/);
  });

  it('changing or clearing the PIN needs the current one', async () => {
    const api = await lockedHost();
    await expect(api.commands['profile.setPin']({ pin: '9999' })).rejects.toThrow(/changing the PIN needs the engineer PIN/);
    await expect(api.commands['profile.setPin']({ pin: '9999', current: '0000' })).rejects.toThrow(/wrong PIN/);
    await api.commands['profile.setPin']({ pin: '9999', current: '2468' });
    await expect(api.commands['profile.switch']({ role: 'engineer', pin: '2468' })).rejects.toThrow(/wrong PIN/);
    await expect(api.commands['profile.setPin']({ pin: null })).rejects.toThrow(/clearing the PIN needs the engineer PIN/);
    expect(await api.commands['profile.setPin']({ pin: null, current: '9999' })).toMatchObject({ pinSet: false });
    // without a PIN the engineer role needs nothing
    expect((await api.commands['profile.switch']({ role: 'engineer' })).role).toBe('engineer');
  });

  it('a trainee practises resend and discard in an exercise, but may not touch brokers or do them outside one', async () => {
    const api = await lockedHost();
    await api.commands['profile.switch']({ role: 'trainee' });
    await expect(api.commands['session.watch']({ brokers: [{ url: `mqtt://127.0.0.1:${await freePort()}`, clientId: 'x' }] })).rejects.toThrow(/watching live brokers needs the operator role; this console is in the trainee role$/);
    await expect(api.commands['broker.start']({ port: 0 })).rejects.toThrow(/starting the embedded broker needs the operator role/);
    await api.commands['training.start']({ exercise: 'clear-dead-letters', trainee: 'Ana' });
    // past the role check: the action itself answers (no such dead letter)
    const r = await api.commands['exceptions.discard']({ messageIds: ['no-such-message'], why: 'practice' });
    expect(r.refused.map((x) => x.messageId)).toEqual(['no-such-message']);
    await api.commands['session.start']({ scenario: 'baseline', until: '1h' });
    await expect(api.commands['exceptions.discard']({ messageIds: ['no-such-message'], why: 'practice' })).rejects.toThrow(/a discard needs the engineer role; this console is in the trainee role/);
  });

  it('an unreadable PIN file fails closed: the host starts as operator and the engineer role cannot be unlocked', async () => {
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, PIN_FILE), '{"version":1,"kdf":"none"}');
    const api = host();
    const s = await api.queries['profile.status']();
    expect(s).toMatchObject({ role: 'operator', pinSet: true });
    expect(s.pinProblem).toMatch(/is not an engineer PIN file \(an administrator can delete it to set a new PIN\)/);
    await expect(api.commands['profile.switch']({ role: 'engineer', pin: '2468' })).rejects.toThrow(/the engineer role is not possible: .* is not an engineer PIN file/);
  });
});
