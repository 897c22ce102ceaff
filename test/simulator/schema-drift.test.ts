import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../model/event.js';
import { decodeEvent } from '../../model/decode.js';
import { dataschemaOf, driftPayload, readAsVersion1, readTolerant, SCHEMA_REVISIONS, strictProblem, versionOf } from '../../model/schema-versions.js';
import type { Scenario } from '../../model/scenario.js';
import { loadScenario, ScenarioError } from '../../engine/scenario/index.js';
import { HEAD, tempFiles } from '../engine/scenario/temp-files.js';
import { fault, ofType, run, scenario } from './fixtures.js';
import { expectCanonicalEnvelopes, expectTimeOrdered } from './invariants.js';

const H = 3_600_000;
const twoLines = [{ plant: 'P1', line: 'L1' }, { plant: 'P1', line: 'L2' }];
const CONF_V2 = dataschemaOf('mes.operation.confirmed', 2);

function drifting(reader: 'tolerant' | 'strict' | undefined, eventType = 'mes.operation.confirmed'): Scenario {
  const s = scenario({ lines: twoLines, durationMs: 4 * H, faults: [fault('schema-drift', { atMs: H, line: 'P1/L1', eventType })] });
  return reader === undefined ? s : { ...s, integration: { ...s.integration, schemaReader: reader } };
}

const dataschema = (e: AnyEvent): string | undefined => (e as { dataschema?: string }).dataschema;

describe('model: payload versions (schema-versions.ts)', () => {
  const rev = SCHEMA_REVISIONS['mes.operation.confirmed']!;
  const v1 = { final: false, goodQty: 7, laborMs: 60_000, operation: '0010', order: 'PO-1', scrapQty: 1, uom: 'EA', workCenter: 'WC-1' };

  it('renames, adds and removes fields for version 2, and a tolerant read gives version 1 back without what version 2 dropped', () => {
    const v2 = driftPayload(rev, v1);
    expect(v2).toEqual({ final: false, operation: '0010', order: 'PO-1', rejectQty: 1, shift: 'S1', unitOfMeasure: 'EA', workCenter: 'WC-1', yieldQty: 7 });
    expect(Object.keys(v2)).toEqual([...Object.keys(v2)].sort());
    const read = readTolerant(rev, v2);
    const { laborMs: _dropped, ...kept } = v1;
    expect(read.data).toEqual(kept);
    expect(read.renamed).toEqual(['rejectQty→scrapQty', 'unitOfMeasure→uom', 'yieldQty→goodQty']);
    expect(read.ignored).toEqual(['shift']);
  });

  it('a strict (version-1) reader names the first field it misses, then the first it does not know', () => {
    expect(strictProblem(rev, driftPayload(rev, v1))).toBe('field goodQty missing (the payload has yieldQty instead)');
    expect(strictProblem(rev, { ...v1, shift: 'S2' })).toBe('unknown field shift');
    expect(strictProblem(rev, v1)).toBeUndefined();
  });

  it('reads the version a dataschema names for its type only', () => {
    expect(versionOf('mes.operation.confirmed', undefined)).toBe(1);
    expect(versionOf('mes.operation.confirmed', CONF_V2)).toBe(2);
    expect(versionOf('mes.material.consumed', CONF_V2)).toBeUndefined();
    expect(versionOf('mes.operation.confirmed', 'urn:linesight:schema:mes.operation.confirmed:x')).toBeUndefined();
  });

  it('the shared decoder accepts dataschema as a string (journals without it decode as before) and refuses any other value', () => {
    const base = { specversion: '1.0', id: 'e1', source: '/P1/L1/mes', type: 'mes.operation.confirmed', time: '2026-03-02T06:00:00.000Z', businesskey: 'k', plant: 'P1', line: 'L1', correlationid: 'c', sequence: '1', origin: 'simulated', data: {} };
    const bytes = (o: object) => new TextEncoder().encode(JSON.stringify(o));
    expect(decodeEvent(bytes(base)).ok).toBe(true);
    expect(decodeEvent(bytes({ ...base, dataschema: CONF_V2 })).ok).toBe(true);
    expect(decodeEvent(bytes({ ...base, dataschema: 2 }))).toEqual({ ok: false, reason: 'schema', detail: 'dataschema must be a string' });
  });
});

describe('simulator: schema drift', () => {
  const tolerant = run(drifting(undefined));
  const strict = run(drifting('strict'));
  const confs = ofType(tolerant.events, 'mes.operation.confirmed');
  const start = drifting(undefined).startMs;

  it('from `at`, the drifting line sends version 2 marked by dataschema; before it, and on the other line, version 1', () => {
    const v2 = confs.filter((c) => dataschema(c) !== undefined);
    expect(v2.length).toBeGreaterThan(5);
    for (const c of confs) {
      const drifted = c.line === 'L1' && Date.parse(c.time) >= start + H;
      expect(dataschema(c), c.businesskey).toBe(drifted ? CONF_V2 : undefined);
      const d = c.data as unknown as Record<string, unknown>;
      if (drifted) {
        expect(d.goodQty).toBeUndefined();
        expect(typeof d.yieldQty).toBe('number');
        expect(d.shift).toBe('S1');
        expect(d.laborMs).toBeUndefined();
      } else expect(typeof d.goodQty).toBe('number');
    }
    // other message types of the drifting line stay version 1
    expect(tolerant.events.filter((e) => e.type !== 'mes.operation.confirmed' && dataschema(e) !== undefined)).toEqual([]);
  });

  it('nothing drifts without the fault (default off)', () => {
    const clean = run(scenario({ lines: twoLines, durationMs: 4 * H }));
    expect(clean.events.filter((e) => dataschema(e) !== undefined)).toEqual([]);
  });

  it('tolerant (the default): each version-2 confirmation is mapped, reported with what was renamed and ignored, and posted with its quantities', () => {
    const mapped = ofType(tolerant.events, 'int.message.schema-mapped');
    const v2 = confs.filter((c) => dataschema(c) !== undefined);
    expect(mapped.map((m) => m.data.messageId).sort()).toEqual(v2.map((c) => c.id).sort());
    for (const m of mapped) {
      expect(m.data).toMatchObject({ dataschema: CONF_V2, interface: 'confirmation', ignored: ['shift'], renamed: ['rejectQty→scrapQty', 'unitOfMeasure→uom', 'yieldQty→goodQty'] });
    }
    expect(ofType(tolerant.events, 'int.message.dead-lettered')).toEqual([]);
    const posted = new Map(ofType(tolerant.events, 'erp.confirmation.posted').map((p) => [p.businesskey, p]));
    for (const c of v2) {
      const p = posted.get(c.businesskey);
      expect(p, c.businesskey).toBeDefined();
      expect(p!.data.goodQty).toBe((c.data as unknown as { yieldQty: number }).yieldQty);
      expect(p!.data.uom).toBe('EA');
    }
  });

  it('strict: each version-2 confirmation is dead-lettered as data-quality naming the field; the same messages, nothing else refused', () => {
    const dead = ofType(strict.events, 'int.message.dead-lettered');
    const v2 = ofType(strict.events, 'mes.operation.confirmed').filter((c) => dataschema(c) !== undefined);
    expect(v2.length).toBeGreaterThan(5);
    expect(dead.map((d) => d.data.messageId).sort()).toEqual(v2.map((c) => c.id).sort());
    for (const d of dead) {
      expect(d.data.category).toBe('data-quality');
      expect(d.data.reason).toBe(`mes.operation.confirmed version 2 (${CONF_V2}): field goodQty missing (the payload has yieldQty instead)`);
    }
    expect(ofType(strict.events, 'int.message.schema-mapped')).toEqual([]);
    const posted = new Set(ofType(strict.events, 'erp.confirmation.posted').map((p) => p.businesskey));
    for (const c of v2) expect(posted.has(c.businesskey), c.businesskey).toBe(false);
  });

  it('drifts consumptions too, and the monitor-side reader turns every drifted event back into numbers', () => {
    const r = run(drifting('tolerant', 'mes.material.consumed'));
    const cons = ofType(r.events, 'mes.material.consumed').filter((c) => dataschema(c) !== undefined);
    expect(cons.length).toBeGreaterThan(3);
    for (const c of cons) {
      const v1 = readAsVersion1(c) as typeof c;
      expect(Number.isFinite(v1.data.qty)).toBe(true);
      expect(v1.data.backflush).toBeUndefined();
      expect((c.data as unknown as Record<string, unknown>).storageBin).toBe('LINE-SIDE');
    }
    const posted = new Set(ofType(r.events, 'erp.consumption.posted').map((p) => p.businesskey));
    for (const c of cons) expect(posted.has(c.businesskey), c.businesskey).toBe(true);
  });

  it('writes every event, drifted or mapped, as canonical JSON in time order', () => {
    for (const r of [tolerant, strict]) {
      expectCanonicalEnvelopes(r.events);
      expectTimeOrdered(r.outputs);
    }
  });

  it('is deterministic: the same scenario sends the same bytes', () => {
    const again = run(drifting('strict'));
    expect(JSON.stringify(again.events)).toBe(JSON.stringify(strict.events));
  });
});

describe('scenario: schema-drift and integration.schemaReader', () => {
  const file = tempFiles();

  it('loads a drift with neither probability nor count, and the reader only when the file sets it', () => {
    const text = `${HEAD}integration:\n  schemaReader: strict\nfaults:\n  - kind: schema-drift\n    at: 30m\n    eventType: mes.material.consumed\n`;
    const s = loadScenario(file('drift.yaml', text));
    expect(s.integration.schemaReader).toBe('strict');
    expect(s.faults[0]).toMatchObject({ kind: 'schema-drift', atMs: 30 * 60_000, eventType: 'mes.material.consumed', probability: undefined, count: undefined, params: {} });
    expect(loadScenario(file('plain.yaml', HEAD)).integration.schemaReader).toBeUndefined();
  });

  it('refuses a message type with no newer payload version, and a reader it does not know', () => {
    const bad = (name: string, text: string): string => {
      try {
        loadScenario(file(name, text));
      } catch (err) {
        if (err instanceof ScenarioError) return err.message;
        throw err;
      }
      throw new Error(`${name} loaded`);
    };
    expect(bad('type.yaml', `${HEAD}faults:\n  - kind: schema-drift\n    eventType: qms.hold.placed\n`)).toMatch(
      /at \/faults\/0\/eventType: expected one of mes.operation.confirmed, mes.material.consumed: the message types with a newer payload version/,
    );
    expect(bad('reader.yaml', `${HEAD}integration:\n  schemaReader: lenient\n`)).toMatch(/schemaReader: expected one of tolerant, strict/);
  });
});
