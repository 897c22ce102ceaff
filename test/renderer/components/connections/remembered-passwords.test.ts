import { describe, expect, it, vi } from 'vitest';
import type { SecretsBridge } from '../../../../renderer/api/bridge.js';
import { blankDraft, type ConnectionDraft } from '../../../../renderer/components/connections/connection-draft.js';
import { fillRemembered, keepPasswords, keyStoreOf } from '../../../../renderer/components/connections/remembered-passwords.js';

/** The desktop bridge's secrets over a Map; `canRemember: false` refuses like basic_text. */
function fakeSecrets(canRemember = true, kept = new Map<string, string>()) {
  const secrets = {
    status: vi.fn(() => Promise.resolve({ canRemember })),
    get: vi.fn((name: string) => Promise.resolve(kept.get(name) ?? null)),
    remember: vi.fn((name: string, password: string) => {
      if (!canRemember) return Promise.reject(new Error("Error invoking remote method 'linesight:secrets:remember': Error: passwords cannot be remembered here"));
      kept.set(name, password);
      return Promise.resolve();
    }),
    forget: vi.fn((name: string) => Promise.resolve(void kept.delete(name))),
  } satisfies SecretsBridge;
  return { secrets, kept };
}

const draft = (patch: Partial<ConnectionDraft> = {}): ConnectionDraft => ({ ...blankDraft('mqtt://edge:1883'), name: 'line9-edge', username: 'u', ...patch });

describe('which key store the console has', () => {
  it('none in the browser host, none when the desktop cannot say, else as the desktop says', async () => {
    expect(await keyStoreOf(undefined)).toBe('absent');
    expect(await keyStoreOf(fakeSecrets(true).secrets)).toBe('available');
    expect(await keyStoreOf(fakeSecrets(false).secrets)).toBe('unavailable');
    const broken = { ...fakeSecrets().secrets, status: async () => Promise.reject(new Error('no handler')) };
    expect(await keyStoreOf(broken)).toBe('absent');
  });
});

describe('filling passwords before the watch', () => {
  it('fills an empty password from the key store and ticks its box; leaves a typed one alone', async () => {
    const { secrets } = fakeSecrets(true, new Map([['line9-edge', 'hunter2'], ['mes', 'other']]));
    const empty = draft();
    const typed = draft({ name: 'mes', password: 'typed' });
    const [a, b] = await fillRemembered([empty, typed], secrets);
    expect(a).toEqual({ ...empty, password: 'hunter2', remember: true });
    expect(b).toBe(typed);
    expect(secrets.get).toHaveBeenCalledTimes(1);
  });

  it('asks nothing for a connection without a user name, and keeps the draft when nothing is remembered or reading fails', async () => {
    const { secrets } = fakeSecrets(true, new Map([['line9-edge', 'hunter2']]));
    const anonymous = draft({ username: ' ' });
    expect((await fillRemembered([anonymous], secrets))[0]).toBe(anonymous);
    expect(secrets.get).not.toHaveBeenCalled();
    const unknown = draft({ name: 'other' });
    expect((await fillRemembered([unknown], secrets))[0]).toBe(unknown);
    secrets.get.mockRejectedValueOnce(new Error('gone'));
    const d = draft();
    expect((await fillRemembered([d], secrets))[0]).toBe(d);
  });

  it('looks a connection without a name up by its URL (the engine names it so)', async () => {
    const { secrets } = fakeSecrets(true, new Map([['mqtt://edge:1883', 'by-url']]));
    expect((await fillRemembered([draft({ name: '' })], secrets))[0]!.password).toBe('by-url');
  });
});

describe('keeping passwords after the watch started', () => {
  it('remembers a ticked connection and forgets an unticked one', async () => {
    const { secrets, kept } = fakeSecrets(true, new Map([['mes', 'old']]));
    const problems = await keepPasswords([draft({ password: 'hunter2', remember: true }), draft({ name: 'mes', password: 'new', remember: false })], secrets);
    expect(problems).toEqual([]);
    expect([...kept]).toEqual([['line9-edge', 'hunter2']]);
  });

  it('stores nothing for a ticked box with an empty password, nor without a user name', async () => {
    const { secrets, kept } = fakeSecrets();
    await keepPasswords([draft({ remember: true }), draft({ name: 'anon', username: '', password: 'x', remember: true })], secrets);
    expect(secrets.remember).not.toHaveBeenCalled();
    expect(kept.size).toBe(0);
  });

  it('says what failed in words that name the connection, never the password', async () => {
    const { secrets } = fakeSecrets(false);
    const problems = await keepPasswords([draft({ password: 'correct horse', remember: true })], secrets);
    expect(problems).toEqual(['The password of “line9-edge” could not be remembered: passwords cannot be remembered here']);
    expect(problems.join()).not.toContain('correct horse');
  });

  it('does not try to forget under a name too long to have been kept', async () => {
    const { secrets } = fakeSecrets();
    expect(await keepPasswords([draft({ name: 'n'.repeat(201) })], secrets)).toEqual([]);
    expect(secrets.forget).not.toHaveBeenCalled();
  });
});
