import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../engine/journal/canonical-json.js';
import { ingestMessage } from '../../engine/sources/mqtt/ingest.js';
import { decodeEvent, envelopeProblem, MAX_JSON_DEPTH, QUARANTINE_REASONS, type DecodeResult } from '../../model/index.js';
import {
  bounded,
  deepArrays,
  deepObjects,
  expectNoPollution,
  hugeArray,
  hugeString,
  IMPOSSIBLE_DATES,
  invalidUtf8,
  params,
  poisonedJsonText,
  POISON_KEYS,
  seedFor,
  truncations,
  typeSwaps,
  utf8,
} from './hostile.js';

const valid = {
  specversion: '1.0',
  id: 'e-1',
  source: '/DE01/L1/mes',
  type: 'mes.operation.confirmed',
  time: '2026-03-02T06:00:00.000Z',
  subject: 'PO-1',
  datacontenttype: 'application/json',
  data: { order: 'PO-1', operation: '0010', workCenter: 'WC1', goodQty: 10, scrapQty: 0, uom: 'EA', final: false },
  correlationid: 'PO-1',
  businesskey: 'PO-1/CONF/0010',
  plant: 'DE01',
  line: 'L1',
  sequence: '7',
  origin: 'live',
};
const VALID_TEXT = JSON.stringify(valid);
const withData = (dataText: string) => VALID_TEXT.replace(/"data":\{[^}]*\}/, `"data":${dataText}`);
const REASONS = new Set<string>(QUARANTINE_REASONS);
const seed = seedFor('canonical-event');

function hasPoisonKey(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  return Object.keys(v).some((k) => (POISON_KEYS as readonly string[]).includes(k)) || Object.values(v).some(hasPoisonKey);
}

/** What every decode must be: a usable event the journal can write, or a known reason with words. */
function expectWellFormed(r: DecodeResult): void {
  if (r.ok) {
    expect(envelopeProblem(r.event as unknown as Record<string, unknown>)).toBeUndefined();
    expect(hasPoisonKey(r.event)).toBe(false);
    expect(() => canonicalJson(r.event)).not.toThrow();
  } else {
    expect(REASONS.has(r.reason)).toBe(true);
    expect(r.detail.length).toBeGreaterThan(0);
  }
}

function decode(bytes: Uint8Array, max?: number): DecodeResult {
  const out = bounded(() => decodeEvent(bytes, max, 'live'));
  if (!out.ok) throw out.error; // a throw past the decoder's boundary fails the property
  return out.value;
}

afterEach(expectNoPollution);

describe('canonical events (model/decode.ts): hostile bytes never get past the decoder', () => {
  it('arbitrary bytes decode or are refused with a reason', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expectWellFormed(decode(bytes));
        expectNoPollution();
      }),
      params(seed, 300),
    );
  });

  it('JSON with __proto__ / constructor / prototype keys anywhere is refused, never merged', () => {
    fc.assert(
      fc.property(poisonedJsonText, fc.boolean(), (text, asData) => {
        const r = decode(utf8(asData ? withData(text) : text));
        expectWellFormed(r);
        expectNoPollution();
      }),
      params(seed, 400, [['{"__proto__":{"polluted":1}}', true], ['{"constructor":{"prototype":{"polluted":1}}}', true], ['{"__pro\\u0074o__":{"polluted":1}}', true]]),
    );
  });

  it('invalid UTF-8 is not-json', () => {
    fc.assert(
      fc.property(invalidUtf8, (bytes) => {
        expect(decode(bytes)).toMatchObject({ ok: false, reason: 'not-json' });
      }),
      params(seed, 200),
    );
  });

  it('every truncation of a valid event is not-json', () => {
    fc.assert(
      fc.property(truncations(VALID_TEXT), (text) => {
        expect(decode(utf8(text))).toMatchObject({ ok: false, reason: 'not-json' });
      }),
      params(seed, 200),
    );
  });

  it('a valid event with one value of the wrong type (or missing) decodes or is refused, never throws', () => {
    fc.assert(
      fc.property(typeSwaps(valid), (swapped) => {
        expectWellFormed(decode(utf8(JSON.stringify(swapped))));
        expectNoPollution();
      }),
      params(seed, 300),
    );
  });

  it('a topic and payload of any shape become an event or a quarantine record that keeps the bytes', () => {
    const topic = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.array(fc.oneof(fc.constantFrom('DE01', 'L1', 'mes', 'mes.operation.confirmed', '', '+', '#', '__proto__'), fc.string({ maxLength: 5 })), { maxLength: 7 }).map((s) => `linesight/v1/${s.join('/')}`),
    );
    const payload = fc.oneof(fc.uint8Array({ maxLength: 200 }), poisonedJsonText.map(utf8), typeSwaps(valid).map((v) => utf8(JSON.stringify(v))));
    fc.assert(
      fc.property(topic, payload, (t, p) => {
        const out = bounded(() => ingestMessage(t, p, 'broker', 0, 4096));
        if (!out.ok) throw out.error;
        const r = out.value;
        if (r.kind === 'quarantine') {
          expect(REASONS.has(r.record.reason)).toBe(true);
          expect(r.record.raw).toBe(p);
          expect(r.record.source).toBe(`broker/${t}`);
        } else expect(t.startsWith('linesight/v1/')).toBe(true);
        expectNoPollution();
      }),
      params(seed, 300, [['linesight/v1/DE01/L1/mes/mes.operation.confirmed', utf8(VALID_TEXT)]]),
    );
  });

  it('dates that do not exist are refused as schema', () => {
    fc.assert(
      fc.property(fc.constantFrom(...IMPOSSIBLE_DATES), (time) => {
        expect(decode(utf8(JSON.stringify({ ...valid, time })))).toMatchObject({ ok: false, reason: 'schema' });
      }),
      params(seed, 30),
    );
  });

  // regression: Date.parse rolls 2026-02-30 over to March 2 and hour 24 to the next midnight, so
  // both were journaled as another instant than the message said
  it.each(['2026-02-30T10:00:00Z', '2026-04-31T00:00:00Z', '2026-01-01T24:00:00Z', '2025-02-29T00:00:00Z'])('refuses the non-existent time %s', (time) => {
    expect(decode(utf8(JSON.stringify({ ...valid, time })))).toMatchObject({ ok: false, reason: 'schema' });
  });

  it.each(['2024-02-29T10:00:00Z', '2000-02-29T00:00:00Z', '2026-12-31T23:59:59.999999999+14:00', '0000-02-29T00:00:00Z'])('still accepts the real time %s', (time) => {
    expect(decode(utf8(JSON.stringify({ ...valid, time }))).ok).toBe(true);
  });

  // regression: a 10,000-level `data` passed the envelope check, then neither JSON.stringify nor
  // the journal's canonical JSON could write it (stack overflow at the journal)
  it.each([
    ['arrays in data', withData(`{"x":${deepArrays()}}`)],
    ['objects in data', withData(deepObjects())],
    ['objects in an extension attribute', VALID_TEXT.replace('{', `{"extra":${deepObjects()},`)],
    ['objects whose key takes the reviver path', withData(deepObjects(10_000, 'constructorx'))],
    ['a bare deep array', deepArrays()],
  ])('refuses 10,000 levels of %s as schema, without throwing', (_name, text) => {
    const r = decode(utf8(text), 10_000_000);
    expect(r).toMatchObject({ ok: false, reason: 'schema' });
  });

  // regression (found by the poisoned-JSON property, seed 1962431343): JSON.parse reads 1e400 as
  // Infinity; the event decoded, and the journal's canonical JSON then threw "Infinity is not allowed"
  it.each([withData('{"":[-1e400]}'), withData('{"goodQty":1e400}'), VALID_TEXT.replace('{', '{"x":1e999,')])('refuses a number JSON.parse makes infinite: %s', (text) => {
    expect(decode(utf8(text))).toMatchObject({ ok: false, reason: 'schema' });
  });

  it(`accepts ${MAX_JSON_DEPTH} levels (the limit) and refuses one more`, () => {
    // data itself is level 1 below the envelope
    expect(decode(utf8(withData(deepObjects(MAX_JSON_DEPTH - 1))), 10_000_000).ok).toBe(true);
    expect(decode(utf8(withData(deepObjects(MAX_JSON_DEPTH))), 10_000_000)).toMatchObject({ ok: false, reason: 'schema' });
  });

  it('huge strings and arrays: oversize past the limit, decoded (or refused) within it', () => {
    const big = [withData(`{"note":"${hugeString()}"}`), withData(`{"list":${hugeArray()}}`), JSON.stringify({ ...valid, id: hugeString() })];
    for (const text of big) {
      expect(decode(utf8(text))).toMatchObject({ ok: false, reason: 'oversize' });
      expectWellFormed(decode(utf8(text), 10_000_000));
    }
  });
});
