import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ScenarioError, loadScenario } from '../../engine/scenario/index.js';
import { MappingError, parseMappings } from '../../engine/sources/mappings/index.js';
import { ConnectionsError, parseConnections } from '../../engine/sources/mqtt/connections-file.js';
import { ALIAS_TRAPS, cli, DEEP_FILES, expectNamesPosition, hostileFileText, tempDir } from './files.js';
import { bounded, expectNoPollution, params, seedFor } from './hostile.js';

// The three files a user hands Linesight: a scenario (`run`), a connections file (`--connections`)
// and a mappings file. A bad one is refused with its own error naming file:line:column, which the
// CLI prints before exiting with code 2; nothing else may escape.
const seed = seedFor('config-files');
const file = tempDir();

const SCENARIO = parse(readFileSync(new URL('../../resources/scenarios/baseline.yaml', import.meta.url), 'utf8')) as unknown;
const CONNECTIONS_DIR = dirname(file('anchor', ''));
mkdirSync(join(CONNECTIONS_DIR, 'certs'), { recursive: true });
for (const f of ['certs/ca.pem', 'mappings.yaml']) writeFileSync(join(CONNECTIONS_DIR, f), '# test\n');
const CONNECTIONS = {
  connections: [
    { name: 'line9-edge', url: 'mqtts://10.1.9.20:8883', clientId: 'c', protocol: 5, keepalive: 30, sessionExpiry: '1d', receiveMaximum: 500, qos: 1, subscribe: ['linesight/v1/US01/L9/#'], tls: { ca: './certs/ca.pem', rejectUnauthorized: true }, publish: { allow: ['linesight/v1/US01/L9/'] }, mappings: './mappings.yaml', lines: ['US01/L9'] },
    { name: 'legacy', url: 'mqtt://10.1.9.21:1883', protocol: '3.1.1', clean: true, keepalive: '1m' },
  ],
};
const MAPPINGS = {
  mappings: [
    { kind: 'json', topic: 'plant/+plant/+line/c/#', type: 'mes.operation.confirmed', plant: '{plant}', line: '{line}', fields: { order: '$.order', operation: '$.op', workCenter: '$.wc', goodQty: '$.good', scrapQty: '$.scrap' }, values: { final: false, uom: 'EA' }, time: '$.t' },
    { kind: 'umh', plant: '{site}' },
    { kind: 'sparkplug', plant: 'P1', line: '{edgeNode}', lines: { E1: 'L1' }, events: [{ metric: 'Done', type: 'mes.order.completed', fields: { order: 'Id', item: 'Item', lot: 'Lot', goodQty: 'Good', scrapQty: 'Scrap' }, values: { uom: 'EA' } }] },
  ],
};

/** Read `text` with `read`; it returns, or throws `Err` naming the file first. Anything else fails. */
function readOnce(read: (path: string, text: string) => unknown, Err: new (...a: never[]) => Error, text: string, ext: string): Error | undefined {
  const path = file(`hostile.${ext}`, text);
  const out = bounded(() => read(path, text));
  if (out.ok) return undefined;
  if (!(out.error instanceof Err)) throw out.error;
  expect(out.error.message.startsWith(path)).toBe(true);
  return out.error;
}

const READERS = [
  ['scenario', (path: string) => loadScenario(path), ScenarioError, SCENARIO],
  ['connections file', (path: string, text: string) => parseConnections(text, path), ConnectionsError, CONNECTIONS],
  ['mappings file', (path: string, text: string) => parseMappings(text, path), MappingError, MAPPINGS],
] as const;

afterEach(expectNoPollution);

describe.each(READERS)('%s: hostile files are refused with a positioned error, never another exception', (_name, read, Err, valid) => {
  it('the valid file is read', () => {
    expect(readOnce(read, Err, JSON.stringify(valid), 'json')).toBeUndefined();
  });

  it('truncations, type swaps, poisoned keys, alias traps and noise', () => {
    fc.assert(
      fc.property(hostileFileText(valid), ({ text, ext }) => {
        readOnce(read, Err, text, ext);
        expectNoPollution();
      }),
      params(seed, 120),
    );
  });

  // regression: 10,000 levels overflowed the YAML parser's stack (once aborting the whole process
  // inside V8's regular-expression compiler) and, for a .json scenario, escaped as a RangeError
  it.each(DEEP_FILES)('refuses 10,000 levels of $name at their line and column', ({ text, ext }) => {
    const err = readOnce(read, Err, text, ext);
    expect(err?.message).toMatch(/nest/);
    expectNamesPosition(err!.message, (err as { file: string } & Error).file);
  });

  // regression: a recursive alias became an object containing itself; the connections reader
  // recursed until RangeError, the scenario reader threw TypeError "circular structure"
  it.each(ALIAS_TRAPS.slice(0, 5))('refuses the recursive alias %j at its line and column', (text) => {
    const err = readOnce(read, Err, text, 'yaml');
    expect(err).toBeDefined();
    expectNamesPosition(err!.message, (err as { file: string } & Error).file);
  });
});

describe('the CLI exits 2 naming file:line:column for hostile and bad files', () => {
  it.each([
    ['deep', DEEP_FILES[0]!.text],
    ['a recursive alias', ALIAS_TRAPS[4]!],
    ['an impossible start', 'name: x\nseed: 1\nstart: 2026-02-30T25:61:00Z\nduration: 2h\n'],
  ])('linesight run <scenario with %s>', async (_name, text) => {
    const path = file('scenario.yaml', text);
    const { code, stderr } = await cli(['run', path, '--journal', join(CONNECTIONS_DIR, 'unused.db')]);
    expect(code).toBe(2);
    expectNamesPosition(stderr.replace(/^linesight: /, ''), path);
  });

  it.each([
    ['deep', DEEP_FILES[4]!.text, 'yaml', [101, 101]],
    ['a recursive alias', 'connections:\n  - &c\n    name: x\n    url: mqtt://h\n    tls: *c\n', 'yaml', [5, 10]],
    ['a YAML syntax error', 'connections:\n  - name: x\n    url: mqtt://h\n    url: mqtt://i\n', 'yaml', [4, 5]],
    ['a JSON syntax error', '{\n  "connections": [\n    { "name": "x", "url": "mqtt://h" },\n  ]\n}\n', 'json', [4, 3]],
    ['a wrong-type value deep in it', 'connections:\n  - name: x\n    url: mqtts://h\n    tls:\n      rejectUnauthorized: "no"\n', 'yaml', [5, 27]],
    ['an unknown key', '{\n  "connections": [\n    { "name": "x", "url": "mqtt://h", "qso": 1 }\n  ]\n}\n', 'json', [3, 39]],
  ] as const)('linesight forget --connections <file with %s>', async (_name, text, ext, at) => {
    const path = file(`connections.${ext}`, text);
    const { code, stderr } = await cli(['forget', '--connections', path]);
    expect(code).toBe(2);
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expectNamesPosition(stderr.replace(/^linesight: /, ''), path, at);
  });
});
