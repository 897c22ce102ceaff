import { describe, expect, it } from 'vitest';
import { blankDraft, toBrokerConfig, type ConnectionDraft } from '../../../../renderer/components/connections/connection-draft.js';
import { draftFromProfile, importSummary, placeDraft, profileFromDraft, withProfile } from '../../../../renderer/components/connections/connection-profile.js';
import type { ConnectionProfile } from '../../../../engine/contract/index.js';

const profile: ConnectionProfile = {
  name: 'line9-edge',
  url: 'mqtts://10.1.9.20:8883',
  clientId: 'linesight-commissioning',
  username: 'commissioning',
  protocolVersion: 5,
  keepalive: 30,
  sessionExpirySeconds: 3600,
  subscriptions: ['linesight/v1/US01/L9/#', 'spBv1.0/Plant1/#'],
  tls: { ca: '/etc/ca.pem', cert: '/etc/client.pem', key: '/etc/client.key', rejectUnauthorized: false },
  publish: { allow: ['linesight/v1/US01/L9/'] },
  mappings: 'line-9.mappings.yaml',
  lines: ['US01/L9', 'US01/L10'],
  timeZone: 'America/Chicago',
};

describe('a saved profile in the watch form', () => {
  it('fills the form and comes back out as the same profile, keeping what the form does not show', () => {
    const d = draftFromProfile(profile);
    expect(d).toMatchObject({ name: 'line9-edge', version: '5', allowPublish: true, lines: 'US01/L9, US01/L10', tlsCa: '/etc/ca.pem', timeZone: 'America/Chicago', password: '' });
    expect(profileFromDraft(d)).toEqual({ ok: true, profile });
  });

  it('watches with everything the profile holds', () => {
    const { timeZone: _zone, name: _name, ...config } = profile;
    expect(toBrokerConfig(draftFromProfile(profile))).toEqual({ ...config, name: 'line9-edge' });
  });

  it('drops what the MQTT version chosen since does not have', () => {
    const v4 = toBrokerConfig({ ...draftFromProfile(profile), version: '4' });
    expect(v4.protocolVersion).toBe(4);
    expect(v4).not.toHaveProperty('sessionExpirySeconds');
    expect(v4.keepalive).toBe(30);
  });
});

describe('saving a connection as a profile', () => {
  const typed = (patch: Partial<ConnectionDraft>): ConnectionDraft => ({ ...blankDraft('mqtt://10.0.0.5:1883'), ...patch });

  it('never keeps the password', () => {
    const made = profileFromDraft(typed({ name: 'line-2', username: 'eng', password: 'hunter2' }));
    expect(made).toEqual({ ok: true, profile: { name: 'line-2', url: 'mqtt://10.0.0.5:1883', subscriptions: ['linesight/v1/#'], protocolVersion: 5, username: 'eng' } });
  });

  it('needs a name a connections file accepts, and whatever a watch needs', () => {
    expect(profileFromDraft(typed({}))).toMatchObject({ ok: false, problems: [expect.stringMatching(/^give the connection a name/) as unknown] });
    expect(profileFromDraft(typed({ name: 'line 2' }))).toMatchObject({ ok: false, problems: [expect.stringMatching(/is not$/) as unknown] });
    expect(profileFromDraft(typed({ name: 'z', timeZone: 'Mars/Olympus' }))).toMatchObject({ ok: false, problems: [expect.stringMatching(/is not a time zone/) as unknown] });
    expect(profileFromDraft(typed({ name: 'z', tlsCa: '/ca.pem' }))).toMatchObject({ ok: false, problems: ['TLS files need an mqtts:// or wss:// URL'] });
  });

  it('replaces the profile of the same name in place, or adds it at the end', () => {
    const a = { name: 'a', url: 'mqtt://a:1' };
    const b = { name: 'b', url: 'mqtt://b:1' };
    expect(withProfile([a, b], { ...a, url: 'mqtt://a:2' })).toEqual({ list: [{ ...a, url: 'mqtt://a:2' }, b], replaced: true });
    expect(withProfile([a], b)).toEqual({ list: [a, b], replaced: false });
  });
});

describe('using a profile', () => {
  it('fills an empty form, replaces the connection of its name, or adds one', () => {
    const p = draftFromProfile(profile);
    const empty = [blankDraft()];
    expect(placeDraft(empty, p)).toEqual([p]);
    const typed = [{ ...blankDraft('mqtt://x:1'), name: 'line9-edge' }, { ...blankDraft('mqtt://y:1'), name: 'other' }];
    const replaced = placeDraft(typed, p);
    expect(replaced.map((d) => d.url)).toEqual(['mqtts://10.1.9.20:8883', 'mqtt://y:1']);
    expect(replaced[0]!.key).toBe(typed[0]!.key);
    expect(placeDraft([typed[1]!], p).map((d) => d.name)).toEqual(['other', 'line9-edge']);
  });
});

describe('what an import says', () => {
  it('names what was added, replaced, skipped and stripped', () => {
    const lines = importSummary({
      added: ['a'],
      replaced: ['b'],
      skipped: [{ name: 'c', reason: 'team.yaml:9: url must be …' }],
      strippedPasswords: ['a'],
      notes: ['a note'],
      settings: { version: 2, connections: [], view: { theme: 'system', time: 'plant', numbers: 'locale' } },
    });
    expect(lines).toEqual([
      'Added “a”.',
      'Replaced the saved “b”.',
      'The file held a password for “a”: it was left out — passwords are never stored; give them when watching.',
      'Skipped “c”: team.yaml:9: url must be …',
      'a note',
    ]);
  });
});

describe('a profile without subscriptions', () => {
  it('shows the default one, as a new connection does', () => {
    expect(draftFromProfile({ name: 'a', url: 'mqtt://a:1883' }).subscriptions).toBe('linesight/v1/#');
  });
});
