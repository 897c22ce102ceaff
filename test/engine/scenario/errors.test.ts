import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioError } from '../../../engine/scenario/index.js';
import { HEAD, tempFiles } from './temp-files.js';

const file = tempFiles();

function loadError(ref: string): ScenarioError {
  try {
    loadScenario(ref);
  } catch (err) {
    if (err instanceof ScenarioError) return err;
    throw err;
  }
  throw new Error(`${ref} loaded without error`);
}

type Case = readonly [name: string, text: string, where: readonly [line: number, column: number], path: string, expected: RegExp];

/** Each fixture's error names the line and column (1-based), the path and what was expected. */
const YAML_CASES: readonly Case[] = [
  ['duration in words', 'name: bad\nseed: 1\nstart: 2026-03-02T06:00:00Z\nduration: 8 hours\n', [4, 11], '/duration', /^a duration such as 90s/],
  ['zero duration', HEAD.replace('2h', '0s'), [4, 11], '/duration', /^a positive duration/],
  ['missing seed', 'name: x\nstart: 2026-03-02T06:00:00Z\nduration: 1h\n', [1, 1], '', /^required property "seed"$/],
  ['seed too large', HEAD.replace('seed: 1', 'seed: 4294967296'), [2, 7], '/seed', /^an unsigned 32-bit integer \(0 … 4294967295\)$/],
  ['negative seed', HEAD.replace('seed: 1', 'seed: -3'), [2, 7], '/seed', /unsigned 32-bit/],
  ['fractional seed', HEAD.replace('seed: 1', 'seed: 1.5'), [2, 7], '/seed', /unsigned 32-bit/],
  ['start without zone', HEAD.replace('06:00:00Z', '06:00:00'), [3, 8], '/start', /^an RFC 3339 instant with a time zone/],
  ['unknown plant id', HEAD + 'plant: valves\n', [5, 8], '/plant', /^a bundled plant model \([^)]*\bpumps, resins\b[^)]*\) or an inline plant model$/],
  ['plant of the wrong type', HEAD + 'plant: 5\n', [5, 8], '/plant', /bundled plant-model id .* or an inline plant model/],
  ['line not in the plant model', HEAD + 'lines: [DE01/L1, DE01/L9]\n', [5, 18], '/lines/1', /^a line of plant model pumps: DE01\/L1, DE01\/L2, US01\/L1/],
  ['line without plant', HEAD + 'lines: [L1]\n', [5, 9], '/lines/0', /^plant\/line, e\.g\. DE01\/L1$/],
  ['line twice', HEAD + 'lines: [DE01/L1, DE01/L1]\n', [5, 18], '/lines/1', /^no repeated entries$/],
  ['order size min above max', HEAD + 'orders:\n  orderSize:\n    min: 20\n    max: 10\n', [7, 10], '/orders/orderSize/min', /^orderSize min ≤ max$/],
  ['order size min above the default max', HEAD + 'orders:\n  orderSize: {min: 20}\n', [6, 20], '/orders/orderSize/min', /^orderSize min ≤ max$/],
  ['retired minQty', HEAD + 'orders:\n  minQty: 20\n', [6, 3], '/orders/minQty', /^one of the properties utilisation, orderSize, takt/],
  ['utilisation above 1', HEAD + 'orders:\n  utilisation: 1.2\n', [6, 16], '/orders/utilisation', /^a number ≤ 1 and > 0$/],
  ['takt of zero', HEAD + 'orders:\n  takt: 0s\n', [6, 9], '/orders/takt', /^a positive duration/],
  ['takt as a number', HEAD + 'orders:\n  takt: 90\n', [6, 9], '/orders/takt', /^a duration such as 90s \(every product\) or a mapping/],
  ['takt of a product no line makes', HEAD + 'lines: [DE01/L1]\norders:\n  takt: {SP-200: 2m}\n', [7, 10], '/orders/takt/SP-200', /^a product of the lines that run: CP-100, CP-150$/],
  ['both on a windowed fault', HEAD + 'faults:\n  - kind: wan-outage\n    probability: 1\n    count: 3\n', [6, 5], '/faults/0', /^at most one of probability or count/],
  ['partials min above max', HEAD + 'orders:\n  partials: {min: 4, max: 2}\n', [6, 19], '/orders/partials/min', /^partials min ≤ max \(1 … 20\)$/],
  ['partials max above 20', HEAD + 'orders:\n  partials: {max: 21}\n', [6, 19], '/orders/partials/max', /^an integer between 1 and 20$/],
  ['partials of zero', HEAD + 'orders:\n  partials: {min: 0}\n', [6, 19], '/orders/partials/min', /^an integer between 1 and 20$/],
  ['partial receipts as text', HEAD + 'orders:\n  partialReceipts: yes please\n', [6, 20], '/orders/partialReceipts', /^true or false$/],
  ['double-posting correction in words', HEAD + 'erp:\n  correctDoublePostings: half an hour\n', [6, 26], '/erp/correctDoublePostings', /^a duration/],
  ['mis-entry on another event type', HEAD + 'faults:\n  - kind: mis-entry\n    count: 1\n    eventType: mes.material.consumed\n', [8, 16], '/faults/0/eventType', /^no eventType but mes\.operation\.confirmed/],
  ['mis-entry factor of zero', HEAD + 'faults:\n  - kind: mis-entry\n    count: 1\n    factor: 0\n', [8, 13], '/faults/0/factor', /> 0/],
  ['over-consumption with a window parameter', HEAD + 'faults:\n  - kind: over-consumption\n    count: 1\n    after: 5m\n', [8, 5], '/faults/0/after', /^a property of a over-consumption fault: .*factor$/],
  ['posting latency min above max', HEAD + 'erp:\n  postingLatency:\n    min: 1m\n', [7, 10], '/erp/postingLatency/min', /min ≤ max/],
  ['misspelt property', HEAD + 'orders:\n  orderSise: {min: 2}\n', [6, 3], '/orders/orderSise', /^one of the properties utilisation, orderSize/],
  ['unknown top-level property', HEAD + 'fautls: []\n', [5, 1], '/fautls', /^one of the properties name, description, lookFor, seed/],
  ['probability and count', HEAD + 'faults:\n  - kind: drop\n    probability: 0.1\n  - kind: reorder\n    probability: 0.1\n    count: 3\n', [8, 5], '/faults/1', /^exactly one of probability or count$/],
  ['neither probability nor count', HEAD + 'faults:\n  - kind: drop\n', [6, 5], '/faults/0', /^exactly one of probability or count$/],
  ['unknown fault kind', HEAD + 'faults:\n  - kind: dup\n    probability: 0.1\n    copies: 2\n', [6, 11], '/faults/0/kind', /^one of duplicate, reorder, delay, drop, wan-outage/],
  ['another kind\'s parameter', HEAD + 'faults:\n  - kind: reorder\n    probability: 0.1\n    by: 2m\n', [8, 5], '/faults/0/by', /^a property of a reorder fault: .*window$/],
  ['misspelt fault parameter', HEAD + 'faults:\n  - kind: duplicate\n    probability: 0.1\n    cpies: 2\n', [8, 5], '/faults/0/cpies', /copies, after$/],
  ['probability above 1', HEAD + 'faults:\n  - kind: drop\n    probability: 1.5\n', [7, 18], '/faults/0/probability', /^a number between 0 and 1$/],
  ['empty probability', HEAD + 'faults:\n  - kind: drop\n    probability:\n', [7, 5], '/faults/0/probability', /^a number between 0 and 1$/],
  ['count of zero', HEAD + 'faults:\n  - kind: drop\n    count: 0\n', [7, 12], '/faults/0/count', /^an integer ≥ 1$/],
  ['fault duration in words', HEAD + 'faults:\n  - kind: delay\n    probability: 0.1\n    by: 2 minutes\n', [8, 9], '/faults/0/by', /^a duration/],
  ['fault on a line not run', HEAD + 'lines: [DE01/L1]\nfaults:\n  - kind: drop\n    probability: 0.1\n    line: DE01/L2\n', [9, 11], '/faults/0/line', /^one of the lines this scenario runs: DE01\/L1$/],
  ['ambiguous fault line', HEAD + 'faults:\n  - kind: drop\n    probability: 0.1\n    line: L1\n', [8, 11], '/faults/0/line', /^plant\/line, since line L1 runs in several plants/],
  ['unknown disposition', HEAD + 'faults:\n  - kind: quality-fail\n    count: 1\n    disposition: keep\n', [8, 18], '/faults/0/disposition', /^one of release, rework, scrap$/],
  ['eventType on an order fault', HEAD + 'faults:\n  - kind: expired-lot\n    count: 1\n    eventType: mes.material.consumed\n', [8, 5], '/faults/0/eventType', /pick production orders/],
  ['unknown eventType', HEAD + 'faults:\n  - kind: drop\n    count: 1\n    eventType: mes.foo\n', [8, 16], '/faults/0/eventType', /^one of erp\.order\.created/],
  ['broken inline plant model', HEAD + 'plant:\n  id: p\n  name: P\n  kind: discrete\n  plants: []\n  items: []\n  boms: []\n  routings: []\n', [9, 11], '/plant/plants', /^at least 1 entry$/],
  ['empty file', '', [1, 1], '', /^a mapping$/],
  ['YAML syntax', HEAD + 'orders:\n  utilisation: 0.5\n   takt: 4m\n', [6, 16], '', /^valid YAML \(Nested mappings are not allowed/],
  ['YAML tab indentation', HEAD + 'faults:\n\t- kind: drop\n', [6, 1], '', /^valid YAML \(Tabs/],
  ['YAML duplicate key', HEAD + 'seed: 2\n', [5, 1], '', /^valid YAML \(Map keys must be unique\)$/],
];

describe('ScenarioError from a YAML file', () => {
  it.each(YAML_CASES)('%s', (name, text, [line, column], path, expected) => {
    const ref = file(`${name.replace(/\W+/g, '-')}.yaml`, text);
    const err = loadError(ref);
    expect({ file: err.file, line: err.line, column: err.column, path: err.path }).toEqual({ file: ref, line, column, path });
    expect(err.expected).toMatch(expected);
    expect(err.message.startsWith(`${ref}:${line}:${column}: ${path ? `at ${path}: ` : ''}expected ${err.expected}`)).toBe(true);
  });
});

describe('ScenarioError from a JSON file', () => {
  const json = (faults: string) =>
    `{\n  "name": "x",\n  "seed": 1,\n  "start": "2026-03-02T06:00:00Z",\n  "duration": "1h",\n  "faults": [ ${faults} ]\n}\n`;

  it('maps a schema error to its line and column', () => {
    const err = loadError(file('both.json', json('{ "kind": "drop", "count": 1, "probability": 0.5 }')));
    expect([err.line, err.column, err.path, err.expected, err.got]).toEqual([6, 15, '/faults/0', 'exactly one of probability or count', 'both']);
  });

  it('maps a semantic error to its line and column', () => {
    const err = loadError(file('line.json', json('{ "kind": "drop", "count": 1, "line": "DE01/L7" }')));
    expect([err.line, err.column, err.path]).toEqual([6, 53, '/faults/0/line']);
  });

  it.each([
    ['missing colon', '{\n  "name": "x",\n  "seed" 1\n}', [3, 10]],
    ['trailing comma', '{\n  "name": "x",\n}', [3, 1]],
    // Node 20's message names no position for these, and the YAML parser accepts both
    ['trailing comma in a list', '{\n  "name": "x",\n  "lines": ["DE01/L1",]\n}', [3, 23]],
    ['a bare word', '{\n  "name": "x",\n  "seed": one\n}', [3, 11]],
  ])('names the line and column of a syntax error (%s)', (name, text, [line, column]) => {
    const err = loadError(file(`${name.replace(/\W+/g, '-')}.json`, text));
    expect([err.line, err.column, err.path]).toEqual([line, column, '']);
    expect(err.expected).toMatch(/^valid JSON \(/);
    expect(err.message).not.toContain('\n');
  });

  it('names the line and column of a schema error in a file with a duplicate key, as JSON.parse reads it (the last)', () => {
    const err = loadError(file('dup.json', '{\n  "name": "x",\n  "seed": 1,\n  "seed": -1,\n  "start": "2026-03-02T06:00:00Z",\n  "duration": "1h"\n}\n'));
    expect([err.line, err.column, err.path]).toEqual([4, 11, '/seed']);
  });
});

describe('ScenarioError for a file nested too deep', () => {
  it('names the line and column of the bracket that opens level 101', () => {
    const err = loadError(file('deep.yaml', `${HEAD}plant: ${'['.repeat(120)}\n`));
    expect([err.line, err.column, err.path]).toEqual([5, 108, '']);
    expect(err.message.startsWith(`${err.file}:5:108: expected at most 100 levels of nesting`)).toBe(true);
  });

  it('names the line and column of the indentation that opens level 101', () => {
    const block = Array.from({ length: 120 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    const err = loadError(file('deep-block.yaml', block));
    expect([err.line, err.column]).toEqual([101, 101]);
  });
});

describe('ScenarioError without a position', () => {
  it('an unknown scenario id lists the bundled ones', () => {
    const err = loadError('no-such-scenario');
    expect(err.file).toBe('no-such-scenario');
    expect(err.line).toBeUndefined();
    expect(err.expected).toMatch(/^a bundled scenario id \(.*baseline, .*master-data-errors.*\) or a \.yaml, \.yml or \.json file$/);
    expect(err.message).toBe(`no-such-scenario: expected ${err.expected}`);
  });

  it('an unreadable file says why', () => {
    const err = loadError('/no/such/dir/shift.yaml');
    expect(err.file).toBe('/no/such/dir/shift.yaml');
    expect(err.expected).toBe('a readable file');
    expect(err.got).toMatch(/ENOENT/);
  });

  it('a path with another extension is refused', () => {
    expect(loadError('./shift.txt').expected).toBe('a .yaml, .yml or .json scenario file');
  });
});
