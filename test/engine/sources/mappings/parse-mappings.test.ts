import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMappings, MappingError, parseMappings } from '../../../../engine/sources/mappings/index.js';

function errorOf(text: string, file = 'mappings.yaml'): MappingError {
  try {
    parseMappings(text, file);
  } catch (err) {
    if (err instanceof MappingError) return err;
    throw err;
  }
  throw new Error('parsed without error');
}

const GOOD = `mappings:
  - kind: json
    topic: plant/+plant/+line/confirmations/#
    type: mes.operation.confirmed
    plant: "{plant}"
    line: "{line}"
    fields:
      order: $.orderNo
      operation: $.op
      workCenter: $.wc
      goodQty: $.qty
      scrapQty: $.scrap
    values: { uom: KG, final: false }
    units: { goodQty: { from: g, to: kg } }
    businesskey: "{plant}-{line}-{$.orderNo}-{$.op}"
  - kind: umh
  - kind: sparkplug
    group: Plant1
    plant: US01
    lines: { EdgeA: L1 }
    events:
      - metric: WorkOrder/Completed
        type: mes.order.completed
        fields: { order: WorkOrder/Id, item: WorkOrder/Item, goodQty: WorkOrder/Good }
        values: { lot: L-1, scrapQty: 0, uom: EA }
`;

describe('a mappings file', () => {
  it('reads one mapping of each kind, in order', () => {
    const set = parseMappings(GOOD, 'mappings.yaml');
    expect(set.mappings.map((m) => m.kind)).toEqual(['json', 'umh', 'sparkplug']);
    expect(set.mappings.map((m) => m.at)).toEqual([2, 16, 17]);
  });

  it('reads the same mappings from JSON', () => {
    const json = JSON.stringify({ mappings: [{ kind: 'umh', plant: '{enterprise}' }] });
    expect(parseMappings(json, 'm.json').mappings[0]?.kind).toBe('umh');
  });

  it('names the line and column of an unknown key, so a typo is never silently ignored', () => {
    const e = errorOf(GOOD.replace('    fields:\n', '    feilds:\n'));
    expect(e.message).toMatch(/^mappings\.yaml:7:5: mapping 1 \(json\): unknown key "feilds"/);
    expect([e.line, e.column]).toEqual([7, 5]);
  });

  it('names the line and column of an unknown key inside a Sparkplug event', () => {
    const e = errorOf(GOOD.replace('        values: { lot', '        valeus: { lot'));
    expect(e.message).toMatch(/^mappings\.yaml:25:9: mapping 3 \(sparkplug\): unknown key "valeus"/);
  });

  it('refuses a field the event type does not have at its key, listing those it has', () => {
    const e = errorOf(GOOD.replace('      operation: $.op', '      quantity: $.op'));
    expect(e.message).toMatch(/^mappings\.yaml:9:7: .*"quantity" is not a data field of mes\.operation\.confirmed \(fields: order, operation/);
  });

  it('refuses units that never convert, at parse time, at the unit converted from', () => {
    const e = errorOf(GOOD.replace('from: g, to: kg', 'from: g, to: EA'));
    expect(e.message).toMatch(/^mappings\.yaml:14:31: .*G never converts to EA/);
  });

  it('refuses a template name the topic does not capture', () => {
    const e = errorOf(GOOD.replace('line: "{line}"', 'line: "{cell}"'));
    expect(e.message).toMatch(/^mappings\.yaml:6:11: .*"\{cell\}" is not known here \(known: plant, line/);
  });

  it('refuses a type that is not a business event', () => {
    expect(errorOf(GOOD.replace('type: mes.operation.confirmed', 'type: int.message.gated')).message).toMatch(/^mappings\.yaml:4:11: .*not a business event type/);
  });

  it('refuses a bad path, a bad topic and an unknown kind with their lines and columns', () => {
    expect(errorOf(GOOD.replace('order: $.orderNo', 'order: orderNo')).message).toMatch(/^mappings\.yaml:8:14: .*must start with \$/);
    expect(errorOf(GOOD.replace('confirmations/#', '#/confirmations')).message).toMatch(/^mappings\.yaml:3:12: .*# must be the last level/);
    expect(errorOf(GOOD.replace('kind: umh', 'kind: opcua')).message).toMatch(/^mappings\.yaml:16:11: mapping 2 \(opcua\): kind must be json, umh or sparkplug/);
  });

  it('names the line and column of a wrong-type value deep in the file', () => {
    const e = errorOf(GOOD.replace('values: { lot: L-1, scrapQty: 0, uom: EA }', 'values: { lot: L-1, scrapQty: [0], uom: EA }'));
    expect(e.message).toMatch(/^mappings\.yaml:25:39: mapping 3 \(sparkplug\): values\.scrapQty must be a string, number or true\/false$/);
    expect([e.line, e.column]).toEqual([25, 39]);
  });

  it('names the line and column of a problem in a JSON file', () => {
    const json = JSON.stringify({ mappings: [{ kind: 'umh' }, { kind: 'sparkplug', plant: 'P', line: 'L', events: [{ metric: 'M', type: 'mes.order.completed', fields: { order: 7 } }] }] }, null, 2);
    // `"order": 7` is line 15, indented 12, its value at column 22; the key `"metric"` is line 12, column 11
    expect(errorOf(json, 'm.json').message).toMatch(/^m\.json:15:22: mapping 2 \(sparkplug\): fields\.order must name a metric/);
    expect(errorOf(json.replace('"metric"', '"metrik"'), 'm.json').message).toMatch(/^m\.json:12:11: mapping 2 \(sparkplug\): unknown key "metrik"/);
  });

  it('reports YAML syntax errors and duplicate keys with their line and column', () => {
    expect(errorOf('mappings:\n  - kind: umh\n    plant: [\n').message).toMatch(/^mappings\.yaml:4:1: not valid YAML or JSON/);
    expect(errorOf('mappings:\n  - kind: umh\n    kind: json\n').message).toBe('mappings.yaml:3:5: not valid YAML or JSON (Map keys must be unique)');
  });

  it('reports JSON syntax errors with their line and column, in one line', () => {
    const e = errorOf('{\n  "mappings": [\n    { "kind": "umh" },\n  ]\n}\n', 'm.json');
    expect(e.message).toBe("m.json:4:3: not valid JSON (Unexpected token ']')");
    expect([e.line, e.column]).toEqual([4, 3]);
    expect(errorOf('{\n  "mappings": [\n    { "kind": "umh" }\n', 'm.json').message).toMatch(/^m\.json:4:1: not valid JSON \(/);
  });

  it('names the line and column where a file nests too deep: the bracket that opens level 101', () => {
    expect(errorOf(`mappings:\n  - kind: umh\n    plant: ${'{a: '.repeat(101)}`).message).toBe('mappings.yaml:3:412: nested deeper than 100 levels');
  });

  it('loads a file from disk, and says so without a made-up position when it cannot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linesight-mappings-'));
    const file = join(dir, 'm.yaml');
    writeFileSync(file, 'mappings:\n  - kind: umh\n');
    expect(loadMappings(file).mappings).toHaveLength(1);
    const e = (() => {
      try {
        loadMappings(join(dir, 'missing.yaml'));
      } catch (err) {
        return err as MappingError;
      }
    })();
    expect(e?.message).toBe(`${join(dir, 'missing.yaml')}: cannot read the file (ENOENT)`);
    expect(e?.line).toBeUndefined();
  });
});
