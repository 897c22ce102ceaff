import canonicalizeModule from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalJson, stringifyIsCanonical } from '../../../engine/journal/canonical-json.js';
import { EVENT_ROW_COLUMNS, journalTime, toEventRow } from '../../../engine/journal/rows.js';
import { orderEvent, sortedKeys } from './fixtures.js';

const loaded = canonicalizeModule as unknown as ((v: unknown) => string) | { default: (v: unknown) => string };
const reference = typeof loaded === 'function' ? loaded : loaded.default;

describe('canonical JSON (RFC 8785)', () => {
  it('takes JSON.stringify only when keys are already sorted, and then it equals canonicalize', () => {
    for (let i = 0; i < 8; i++) {
      const sorted = sortedKeys(orderEvent(i));
      expect(stringifyIsCanonical(sorted)).toBe(true);
      expect(JSON.stringify(sorted)).toBe(reference(sorted));
      expect(canonicalJson(sorted)).toBe(reference(sorted));
    }
  });

  it('sorts events built in any key order', () => {
    const e = orderEvent(1);
    expect(stringifyIsCanonical(e)).toBe(false);
    expect(canonicalJson(e)).toBe(reference(e));
    expect(canonicalJson(e)).toBe(JSON.stringify(sortedKeys(e)));
  });

  it('falls back for integer-like keys, which JS enumerates before the others', () => {
    const v = { b: 1, 10: 'x', 9: 'y' };
    expect(stringifyIsCanonical(v)).toBe(false);
    expect(canonicalJson(v)).toBe('{"10":"x","9":"y","b":1}');
  });

  it('falls back for nested unsorted objects, arrays of objects and toJSON', () => {
    const nested = { a: { z: 1, y: 2 } };
    expect(canonicalJson(nested)).toBe('{"a":{"y":2,"z":1}}');
    expect(canonicalJson({ a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}]}');
    expect(canonicalJson({ a: new Date(0) })).toBe('{"a":"1970-01-01T00:00:00.000Z"}');
  });

  it('omits undefined properties like both serializers, and writes numbers the ES way', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1e21, 0.1, -0] })).toBe('{"b":[null,1e+21,0.1,0]}');
  });

  it('refuses NaN and Infinity, which have no JSON form', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
    expect(() => canonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow();
  });
});

describe('toEventRow', () => {
  it('lays out the columns of events with a canonical envelope and data', () => {
    const e = orderEvent(1);
    const row = toEventRow(e, 1234);
    expect(row).toHaveLength(EVENT_ROW_COLUMNS.length);
    const byColumn = Object.fromEntries(EVENT_ROW_COLUMNS.map((c, i) => [c, row[i]]));
    expect(byColumn).toEqual({
      id: 'evt-1',
      type: 'mes.material.consumed',
      source: '/P1/L1/mes',
      plant: 'P1',
      line: 'L1',
      order_id: 'PO-1000',
      lot: 'LOT-PO-1000',
      businesskey: 'PO-1000/consume/1',
      correlationid: 'PO-1000',
      causationid: 'evt-0',
      sequence: '1',
      time: e.time,
      received_at: 1234,
      data: reference(e.data),
      envelope: reference(e),
      retained: 0,
    });
  });

  it('uses null for absent optional attributes and takes the order from data when there is no subject', () => {
    const { subject: _subject, ...rest } = orderEvent(0);
    const row = toEventRow(rest, 0);
    expect(row[5]).toBe('PO-1000');
    expect(row[6]).toBeNull();
    expect(row[9]).toBeNull();
  });

  it('gives the same envelope whatever the key order of the input', () => {
    const e = orderEvent(2);
    expect(toEventRow(e, 1)[14]).toBe(toEventRow(sortedKeys(e), 2)[14]);
  });
});

describe('journalTime', () => {
  it('keeps UTC with milliseconds as it is, and converts offsets and other precisions to it', () => {
    expect(journalTime('2026-03-02T06:00:00.000Z')).toBe('2026-03-02T06:00:00.000Z');
    expect(journalTime('2026-03-02T07:00:00+01:00')).toBe('2026-03-02T06:00:00.000Z');
    expect(journalTime('2026-03-02T06:00:00.123456Z')).toBe('2026-03-02T06:00:00.123Z');
    expect(journalTime('2026-03-01T23:30:00-06:30')).toBe('2026-03-02T06:00:00.000Z');
  });
});
