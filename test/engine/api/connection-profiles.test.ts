import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkProfile, importProfiles, profilesText } from '../../../engine/api/connection-profiles.js';
import type { ConnectionProfile } from '../../../engine/contract/index.js';
import { loadConnections } from '../../../engine/sources/mqtt/connections-file.js';

/**
 * Connection profiles as a connections file: what is exported, `linesight serve --connections`
 * reads as the same brokers; what is imported is checked as that file is, except that passwords are
 * dropped (and named) instead of refusing the file, and a bad entry is skipped with its line.
 */
let dir: string;
let mappingsFolder: string;
let certs: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-profiles-'));
  mappingsFolder = join(dir, 'config', 'mappings');
  certs = join(dir, 'certs');
  mkdirSync(mappingsFolder, { recursive: true });
  mkdirSync(certs);
  writeFileSync(join(mappingsFolder, 'line-9.mappings.yaml'), 'mappings: []\n');
  for (const f of ['ca.pem', 'client.pem', 'client.key']) writeFileSync(join(certs, f), 'PEM\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const profiles = (): ConnectionProfile[] => [
  {
    name: 'line9-edge',
    url: 'mqtts://10.1.9.20:8883',
    clientId: 'linesight-commissioning',
    username: 'commissioning',
    protocolVersion: 5,
    keepalive: 30,
    sessionExpirySeconds: 3600,
    receiveMaximum: 500,
    qos: 1,
    subscriptions: ['linesight/v1/US01/L9/#', 'spBv1.0/Plant1/#'],
    tls: { ca: join(certs, 'ca.pem'), cert: join(certs, 'client.pem'), key: join(certs, 'client.key'), rejectUnauthorized: true },
    publish: { allow: ['linesight/v1/US01/L9/'] },
    mappings: 'line-9.mappings.yaml',
    lines: ['US01/L9', 'US01/L10'],
    timeZone: 'America/Chicago',
  },
  { name: 'legacy', url: 'mqtt://old.plant.example:1883', protocolVersion: 4, clean: false, subscriptions: ['#'] },
];

describe('exporting profiles', () => {
  it('writes a connections file linesight serve reads as the same brokers', () => {
    const { text, notes } = profilesText(profiles(), mappingsFolder);
    expect(text).toMatch(/^# Linesight connection profiles/);
    expect(text).toContain('Passwords are never written here');
    const file = join(dir, 'elsewhere', 'connections.yaml');
    mkdirSync(join(dir, 'elsewhere'));
    writeFileSync(file, text);
    const [edge, legacy] = loadConnections(file);
    const { mappings: _mappings, ...rest } = profiles()[0]!;
    // the plant's time zone too: a watch of the file shows the plant's times
    expect(edge).toEqual({ ...rest, mappings: join(mappingsFolder, 'line-9.mappings.yaml') });
    expect(edge!.timeZone).toBe('America/Chicago');
    // every topic: the console warned when it was saved, the file says it is meant
    expect(legacy).toEqual(profiles()[1]);
    expect(text).toContain('allowAll: true');
    expect(notes).toEqual([]);
  });

  it('names the files a profile refers to that are not on this machine', () => {
    const { notes } = profilesText([{ name: 'x', url: 'mqtt://h:1883', mappings: 'gone.yaml' }], mappingsFolder);
    expect(notes).toEqual([`Not found on this machine (linesight serve --connections needs them where the file is used): ${join(mappingsFolder, 'gone.yaml')}.`]);
  });

  it('refuses to export nothing', () => {
    expect(() => profilesText([], mappingsFolder)).toThrow(/no connection profiles to export/);
  });
});

describe('importing profiles', () => {
  it('reads back what was exported (the mappings file by name again)', () => {
    const { text } = profilesText(profiles(), mappingsFolder);
    const got = importProfiles(text, 'connections.yaml', mappingsFolder);
    expect(got).toEqual({ profiles: profiles(), skipped: [], strippedPasswords: [], notes: [] });
  });

  it('drops passwords, secrets and user info instead of refusing the file, and names whose it dropped', () => {
    const text = [
      'connections:',
      '  - name: a',
      '    url: mqtt://broker-a:1883',
      '    username: ann',
      '    password: hunter2',
      '  - name: b',
      '    url: mqtt://bob:s3cret@broker-b:1883',
      '  - name: c',
      '    url: mqtts://broker-c:8883',
      '    tls: { ca: /etc/ca.pem, passphrase: open-sesame }',
      '  - name: d',
      '    url: mqtt://broker-d:1883',
    ].join('\n');
    const got = importProfiles(text, 'team.yaml', mappingsFolder);
    expect(got.profiles).toEqual([
      { name: 'a', url: 'mqtt://broker-a:1883', username: 'ann', protocolVersion: 5 },
      { name: 'b', url: 'mqtt://broker-b:1883', username: 'bob', protocolVersion: 5 },
      { name: 'c', url: 'mqtts://broker-c:8883', protocolVersion: 5, tls: { ca: '/etc/ca.pem' } },
      { name: 'd', url: 'mqtt://broker-d:1883', protocolVersion: 5 },
    ]);
    expect(got.strippedPasswords).toEqual(['a', 'b', 'c']);
    expect(JSON.stringify(got)).not.toMatch(/hunter2|s3cret|open-sesame/);
  });

  it('skips an entry the connections file would refuse, with its line and the reason, and keeps the rest', () => {
    const text = [
      'connections:', //                       1
      '  - name: everything', //               2
      '    url: mqtt://a:1883', //              3
      '    subscribe: ["#"]', //                4
      '  - name: old', //                      5
      '    url: mqtt://b:1883', //              6
      '    protocol: 4', //                     7
      '  - just a string', //                  8
      '  - name: ok', //                       9
      '    url: mqtt://c:1883', //             10
      '  - name: ok', //                      11
      '    url: mqtt://d:1883', //             12
      '  - name: zoned', //                   13
      '    url: mqtt://e:1883', //             14
      '    timeZone: Mars/Olympus', //         15
    ].join('\n');
    const got = importProfiles(text, 'team.yaml', mappingsFolder);
    expect(got.profiles.map((p) => p.name)).toEqual(['ok']);
    expect(got.skipped).toEqual([
      { name: 'everything', reason: expect.stringMatching(/^team\.yaml:2: "#" subscribes to every topic/) as unknown },
      { name: 'old', reason: 'team.yaml:5: protocol must be 5 or 3.1.1, got 4' },
      { name: '#3', reason: 'team.yaml:8: expected a mapping (name, url, …), got "just a string"' },
      { name: 'ok', reason: 'team.yaml:11: the name is used by an earlier connection of the file' },
      { name: 'zoned', reason: 'team.yaml:13: timeZone must be an IANA time zone such as Europe/Berlin, got "Mars/Olympus"' },
    ]);
  });

  it('notes a mappings file outside the console’s mappings folder, and keeps it', () => {
    const got = importProfiles('connections: [{ name: m, url: "mqtt://h:1883", mappings: /srv/plant/m.yaml }]', 'c.yaml', mappingsFolder);
    expect(got.profiles[0]!.mappings).toBe('/srv/plant/m.yaml');
    expect(got.notes[0]).toMatch(/^m: the mappings file \/srv\/plant\/m\.yaml is outside the console's mappings folder/);
  });

  it('refuses text that is not a connections file, saying where', () => {
    expect(() => importProfiles('connections: [\n  { name: a', 'bad.yaml', mappingsFolder)).toThrow(/^bad\.yaml:\d+:\d+: not valid YAML/);
    expect(() => importProfiles('brokers: []', 'x.yaml', mappingsFolder)).toThrow(/x\.yaml: expected a connections file/);
  });
});

describe('a profile saved over the API', () => {
  it('is kept in the connections file’s checked form, without its password', () => {
    const { profile, stripped } = checkProfile({ name: 'p', url: 'mqtt://h:1883', username: 'u', password: 'pw', subscriptions: ['a/#'] });
    expect(profile).toEqual({ name: 'p', url: 'mqtt://h:1883', username: 'u', protocolVersion: 5, subscriptions: ['a/#'] });
    expect(stripped).toBe(true);
  });

  it('is refused with the reason when the connections file would refuse it', () => {
    expect(() => checkProfile({ name: 'has space', url: 'mqtt://h:1883' })).toThrow(/name must be letters, digits/);
    expect(() => checkProfile({ name: 'p', url: 'mqtt://h:1883', colour: 'red' })).toThrow(/unknown field "colour"/);
    expect(() => checkProfile({ name: 'p', url: 'mqtt://h:1883', tls: { ca: '/ca.pem' } })).toThrow(/tls needs an mqtts:\/\/ or wss:\/\/ URL/);
    expect(() => checkProfile({ name: 'p', url: 'mqtt://h:1883', publish: { allow: ['a/#'] } })).toThrow(/without the wildcards/);
  });
});
