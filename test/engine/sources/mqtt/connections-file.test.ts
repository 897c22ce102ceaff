import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionsError, loadConnections, parseConnections, passwordVariable } from '../../../../engine/sources/mqtt/connections-file.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-connections-'));
  mkdirSync(join(dir, 'certs'));
  for (const f of ['certs/ca.pem', 'certs/client.pem', 'certs/client.key', 'mappings.yaml']) writeFileSync(join(dir, f), '# test\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FULL = `connections:
  - name: line9-edge
    url: mqtts://10.1.9.20:8883
    clientId: linesight-commissioning
    username: commissioning
    protocol: 5
    keepalive: 30
    sessionExpiry: 1d
    receiveMaximum: 500
    qos: 1
    subscribe: [ "linesight/v1/US01/L9/#", "spBv1.0/Plant1/#" ]
    tls: { ca: ./certs/ca.pem, cert: ./certs/client.pem, key: ./certs/client.key, rejectUnauthorized: true }
    publish: { allow: [ "linesight/v1/US01/L9/" ] }
    mappings: ./mappings.yaml
  - name: legacy-mes
    url: mqtt://10.1.9.21:1883
    protocol: 3.1.1
    clean: true
    keepalive: 1m
`;

/** One connection named line9-edge whose lines from the 4th on are `lines` (line 1 is `connections:`). */
function one(...lines: string[]): string {
  return ['connections:', '  - name: line9-edge', '    url: mqtt://broker:1883', ...lines.map((l) => `    ${l}`)].join('\n') + '\n';
}

function errorOf(text: string, file = join(dir, 'connections.yaml')): ConnectionsError {
  try {
    parseConnections(text, file);
  } catch (err) {
    expect(err).toBeInstanceOf(ConnectionsError);
    return err as ConnectionsError;
  }
  throw new Error('expected a ConnectionsError');
}

describe('a connections file', () => {
  it('parses a full file to broker configs, TLS and mapping paths resolved against its folder', () => {
    writeFileSync(join(dir, 'connections.yaml'), FULL);
    expect(loadConnections(join(dir, 'connections.yaml'))).toEqual([
      {
        name: 'line9-edge',
        url: 'mqtts://10.1.9.20:8883',
        clientId: 'linesight-commissioning',
        username: 'commissioning',
        protocolVersion: 5,
        keepalive: 30,
        sessionExpirySeconds: 86_400,
        receiveMaximum: 500,
        qos: 1,
        subscriptions: ['linesight/v1/US01/L9/#', 'spBv1.0/Plant1/#'],
        tls: { ca: join(dir, 'certs/ca.pem'), cert: join(dir, 'certs/client.pem'), key: join(dir, 'certs/client.key'), rejectUnauthorized: true },
        publish: { allow: ['linesight/v1/US01/L9/'] },
        mappings: join(dir, 'mappings.yaml'),
      },
      { name: 'legacy-mes', url: 'mqtt://10.1.9.21:1883', protocolVersion: 4, clean: true, keepalive: 60 },
    ]);
  });

  it('reads the same from JSON', () => {
    const json = JSON.stringify({ connections: [{ name: 'a', url: 'wss://broker/mqtt', sessionExpiry: 3600, mappings: 'mappings.yaml' }] }, null, 2);
    expect(parseConnections(json, join(dir, 'c.json'))).toEqual([
      { name: 'a', url: 'wss://broker/mqtt', protocolVersion: 5, sessionExpirySeconds: 3600, mappings: join(dir, 'mappings.yaml') },
    ]);
  });

  it('resolves relative paths against the folder of the file, not the working directory', () => {
    const sub = join(dir, 'site');
    mkdirSync(join(sub, 'tls'), { recursive: true });
    writeFileSync(join(sub, 'tls', 'ca.pem'), '');
    const [c] = parseConnections(one('tls: { ca: tls/ca.pem }').replace('mqtt://', 'mqtts://'), join(sub, 'connections.yaml'));
    expect(c!.tls).toEqual({ ca: join(sub, 'tls', 'ca.pem') });
  });

  it('reports a problem as one line: file:line:column: connection "name": reason', () => {
    const e = errorOf(one('clientId: x', 'username: u', 'protocol: 4'), 'connections.yaml');
    expect(e.message).toBe('connections.yaml:6:15: connection "line9-edge": protocol must be 5 or 3.1.1, got 4');
    expect(e.message).not.toContain('\n');
    expect([e.line, e.column]).toEqual([6, 15]);
  });

  // the column is 1-based: of the value, or of its key when the problem is the key itself
  it.each([
    ['an unknown key', one('qso: 1'), [4, 5], /unknown key "qso"/],
    ['an unknown key in tls', one('tls:', '  ca: x', '  verify: false').replace('mqtt://', 'mqtts://'), [6, 7], /unknown key "verify"/],
    ['a URL that is not MQTT', one().replace('mqtt://broker:1883', 'http://broker'), [3, 10], /url must be an mqtt:\/\/, mqtts:\/\/, ws:\/\/ or wss:\/\/ URL/],
    ['a missing url', 'connections:\n  - name: line9-edge\n    qos: 1\n', [2, 5], /needs a "url"/],
    ['a missing name', 'connections:\n  - url: mqtt://b\n', [2, 5], /connection #1: needs a "name"/],
    ['an empty subscribe list', one('subscribe: []'), [4, 16], /subscribe must be a list of at least one topic filter/],
    ['a misplaced wildcard', one('subscribe:', '  - a/#/b'), [5, 9], /"#" must be the whole last level/],
    ['sessionExpiry with 3.1.1', one('protocol: 3.1.1', 'sessionExpiry: 1d'), [5, 5], /sessionExpiry is MQTT 5/],
    ['clean with MQTT 5', one('clean: true'), [4, 5], /clean is MQTT 3.1.1/],
    ['a bad duration', one('sessionExpiry: 1 day'), [4, 20], /sessionExpiry must be a number of seconds or a duration/],
    ['qos 2', one('qos: 2'), [4, 10], /qos must be 0 or 1/],
    ['receiveMaximum 0', one('receiveMaximum: 0'), [4, 21], /receiveMaximum must be an integer 1 … 65535/],
    ['tls on a plain URL', one('tls: { rejectUnauthorized: false }'), [4, 5], /tls needs an mqtts:\/\/ or wss:\/\/ URL/],
    ['a user name in the URL', one().replace('mqtt://broker', 'mqtt://commissioning@broker'), [3, 10], /put the user name in "username"/],
  ] as const)('refuses %s, with its line and column', (_what, text, [line, column], reason) => {
    const e = errorOf(text);
    expect([e.line, e.column]).toEqual([line, column]);
    expect(e.message).toMatch(reason);
    expect(e.message.startsWith(`${join(dir, 'connections.yaml')}:${line}:${column}: connection `)).toBe(true);
  });

  it('refuses an unknown top-level key at the key', () => {
    expect(errorOf(`connections: []\nbrokers: []\n`, 'c.yaml').message).toBe('c.yaml:2:1: unknown key "brokers" (the file holds one key, "connections")');
  });

  it('names the line and column of a wrong-type value deep in the file', () => {
    const text = one('tls:', '  ca: ./certs/ca.pem', '  rejectUnauthorized: "no"').replace('mqtt://', 'mqtts://');
    expect(errorOf(text, join(dir, 'c.yaml')).message).toBe(
      `${join(dir, 'c.yaml')}:6:27: connection "line9-edge": tls.rejectUnauthorized must be true or false, got "no"`,
    );
  });

  it('names the line and column of a problem in a JSON file', () => {
    const json = JSON.stringify({ connections: [{ name: 'a', url: 'mqtts://b', tls: { rejectUnauthorized: 'no', verify: true } }] }, null, 2);
    // `"rejectUnauthorized": "no"` is line 7, its value at column 31; the key "verify" is line 8, column 9
    expect(errorOf(json, 'c.json').message).toMatch(/^c\.json:8:9: connection "a": unknown key "verify"/);
    expect(errorOf(json.replace(',\n        "verify": true', ''), 'c.json').message).toMatch(/^c\.json:7:31: connection "a": tls\.rejectUnauthorized must be true or false/);
  });

  it('names the line and column of a JSON syntax error, and says it in one line', () => {
    const e = errorOf('{\n  "connections": [\n    { "name": "a", "url": "mqtt://b", }\n  ]\n}\n', 'c.json');
    expect([e.line, e.column]).toEqual([3, 39]);
    expect(e.message).toMatch(/^c\.json:3:39: not valid JSON \(Expected double-quoted property name in JSON at position \d+\)$/);
    // Node 20 says no position for this one; the place where the text stops being JSON is found
    const bare = errorOf('{\n  "connections": [\n    { "name": "a", "url": mqtt }\n  ]\n}\n', 'c.json');
    expect(bare.message).toMatch(/^c\.json:3:27: not valid JSON \(Unexpected token 'm'\)$/);
  });

  it('refuses a bare # unless allowAll is set, and says why', () => {
    const e = errorOf(one('subscribe: ["linesight/v1/#", "#"]'));
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/"#" subscribes to every topic: on a plant broker that is its full traffic/);
    expect(errorOf(one('subscribe: ["+/#"]')).message).toMatch(/every topic/);
    expect(parseConnections(one('subscribe: ["#"]', 'allowAll: true'), join(dir, 'c.yaml'))[0]!.subscriptions).toEqual(['#']);
  });

  it('refuses a publish allowlist entry with a wildcard', () => {
    const e = errorOf(one('publish:', '  allow:', '    - linesight/v1/US01/L9/', '    - linesight/v1/+/L9/'));
    expect(e.line).toBe(7);
    expect(e.message).toMatch(/publish prefix "linesight\/v1\/\+\/L9\/" must be a concrete topic prefix/);
    expect(errorOf(one('publish: { allow: [] }')).message).toMatch(/publish.allow must be a list of at least one topic prefix/);
  });

  it('refuses duplicate names, also when they share a password variable', () => {
    const twice = `connections:\n  - { name: a, url: "mqtt://x" }\n  - { name: a, url: "mqtt://y" }\n`;
    expect(errorOf(twice).message).toMatch(/:3:13: connection "a": connection names must be unique: "a" is used twice/);
    const clash = `connections:\n  - { name: line9-edge, url: "mqtt://x" }\n  - { name: line9_edge, url: "mqtt://y" }\n`;
    expect(errorOf(clash).message).toMatch(/"line9-edge" both read their password from LINESIGHT_PASSWORD_LINE9_EDGE/);
  });

  it('names a missing TLS or mapping file and the connection', () => {
    const e = errorOf(one('tls: { ca: ./certs/missing.pem }').replace('mqtt://', 'mqtts://'));
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/connection "line9-edge": tls.ca file .\/certs\/missing.pem not found \(looked for .*missing.pem\)/);
    expect(errorOf(one('mappings: nope.yaml')).message).toMatch(/connection "line9-edge": mappings file nope.yaml not found/);
    expect(errorOf(one('tls: { cert: ./certs/client.pem }').replace('mqtt://', 'mqtts://')).message).toMatch(/both "cert" and "key"/);
  });

  it('takes the lines a connection carries, PLANT/LINE, in flow or block style', () => {
    expect(parseConnections(one('lines: [US01/L1, US01/L2]'), join(dir, 'c.yaml'))[0]!.lines).toEqual(['US01/L1', 'US01/L2']);
    expect(parseConnections(one('lines:', '  - DE01/L1'), join(dir, 'c.yaml'))[0]!.lines).toEqual(['DE01/L1']);
    expect(parseConnections(one(), join(dir, 'c.yaml'))[0]).not.toHaveProperty('lines');
  });

  it.each([
    ['a bare line id', one('lines: [US01/L1, L2]'), 4, /a line must be PLANT\/LINE .*e\.g\. US01\/L2, got "L2"/],
    ['three levels', one('lines:', '  - US01/L1', '  - US01/L1/MACH'), 6, /a line must be PLANT\/LINE.*got "US01\/L1\/MACH"/],
    ['a wildcard', one('lines: ["US01/+"]'), 4, /a line must be PLANT\/LINE/],
    ['a number', one('lines: [7]'), 4, /a line must be PLANT\/LINE.*got 7/],
    ['a line twice', one('lines:', '  - US01/L1', '  - US01/L1'), 6, /line US01\/L1 is listed twice/],
    ['a single value', one('lines: US01/L1'), 4, /lines must be a list of at least one PLANT\/LINE/],
    ['an empty list', one('lines: []'), 4, /lines must be a list of at least one PLANT\/LINE/],
  ])('refuses lines with %s, with its line', (_what, text, line, reason) => {
    const e = errorOf(text);
    expect(e.line).toBe(line);
    expect(e.message).toMatch(reason);
    expect(e.message).toContain('connection "line9-edge": ');
  });

  it("takes the plant's time zone, an IANA name, and refuses one this runtime does not know at its line", () => {
    expect(parseConnections(one('timeZone: America/Chicago'), join(dir, 'c.yaml'))[0]!.timeZone).toBe('America/Chicago');
    const e = errorOf(one('timeZone: Central'));
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/timeZone must be an IANA time zone such as Europe\/Berlin or America\/Chicago, got "Central"/);
  });

  it('reports YAML syntax errors with their line and column', () => {
    const e = errorOf('connections:\n  - name: a\n    url: mqtt://x\n    name: b\n', 'c.yaml');
    expect(e.message).toBe('c.yaml:4:5: not valid YAML or JSON (Map keys must be unique)');
    expect(errorOf('connections:\n  - name: a\n    url: [mqtt://x\n', 'c.yaml').message).toMatch(/^c\.yaml:4:1: not valid YAML or JSON/);
  });

  it('names the line and column where a file nests too deep', () => {
    expect(errorOf(`connections: ${'['.repeat(120)}`, 'c.yaml').message).toBe('c.yaml:1:114: nested deeper than 100 levels');
  });

  it('says file: reason, with no made-up position, for a file that cannot be read', () => {
    expect(() => loadConnections(join(dir, 'missing.yaml'))).toThrow(new RegExp(`^${join(dir, 'missing.yaml')}: cannot be read \\(ENOENT`));
  });
});

describe('secrets in a connections file', () => {
  const refusal = 'secrets are never stored in this file: give the password of "line9-edge" when asked, or in LINESIGHT_PASSWORD_LINE9_EDGE';

  it.each(['password: hunter2', 'secret: x', 'token: x', 'tls: { passphrase: x }'])('refuses "%s" before anything else', (line) => {
    const e = errorOf(one('username: commissioning', line, 'bogus: 1'));
    expect(e.line).toBe(5);
    expect(e.column).toBe(line.startsWith('tls') ? 12 : 5);
    expect(e.message).toContain(`connection "line9-edge": ${refusal}`);
  });

  it('refuses a URL that carries a password', () => {
    const e = errorOf(one().replace('mqtt://broker', 'mqtt://commissioning:hunter2@broker'));
    expect(e.line).toBe(3);
    expect(e.message).toContain(refusal);
    expect(e.message).not.toContain('hunter2');
  });

  it('derives the password variable from the name', () => {
    expect(passwordVariable('line9-edge')).toBe('LINESIGHT_PASSWORD_LINE9_EDGE');
    expect(passwordVariable('Plant1.mes_v2')).toBe('LINESIGHT_PASSWORD_PLANT1_MES_V2');
  });
});
