import { describe, expect, it } from 'vitest';
import { decodeEvent } from '../../model/index.js';

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
const bytes = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

describe('decodeEvent: the one decoder for every input path', () => {
  it('accepts a valid canonical event and keeps its origin', () => {
    const r = decodeEvent(bytes(valid));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.event.origin).toBe('live');
  });

  it('refuses oversize input before parsing it', () => {
    const r = decodeEvent(bytes(valid), 100);
    expect(r).toMatchObject({ ok: false, reason: 'oversize' });
  });

  it.each([
    ['truncated JSON', JSON.stringify(valid).slice(0, 40), 'not-json'],
    ['an array', '[1,2]', 'not-object'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'not-json'],
  ])('quarantines %s', (_name, input, reason) => {
    expect(decodeEvent(input instanceof Uint8Array ? input : bytes(input))).toMatchObject({ ok: false, reason });
  });

  it('refuses prototype-poisoning keys anywhere in the document', () => {
    const text = JSON.stringify(valid).replace('"order":"PO-1"', '"__proto__":{"polluted":true},"order":"PO-1"');
    const r = decodeEvent(bytes(text));
    expect(r).toMatchObject({ ok: false, reason: 'prototype-poisoning' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['an unknown type', { type: 'mes.thing.happened' }, 'unknown-type'],
    ['a bad source', { source: 'DE01/L1/mes' }, 'schema'],
    ['a non-RFC-3339 time', { time: '02.03.2026 06:00' }, 'schema'],
    ['a non-decimal sequence', { sequence: '07' }, 'schema'],
    ['an unknown origin', { origin: 'mystery' }, 'schema'],
    ['a missing business key', { businesskey: '' }, 'schema'],
    ['a wrong specversion', { specversion: '0.3' }, 'schema'],
  ])('refuses %s with a reason a person can act on', (_name, patch, reason) => {
    const r = decodeEvent(bytes({ ...valid, ...patch }));
    expect(r).toMatchObject({ ok: false, reason });
    if (!r.ok) expect(r.detail.length).toBeGreaterThan(5);
  });
});

describe('prototype-poisoning keys hidden behind escapes', () => {
  it('are refused like plain ones', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(decodeEvent(enc('{"\\u005f_proto__": {"polluted": true}}'))).toMatchObject({ ok: false, reason: 'prototype-poisoning' });
    expect(decodeEvent(enc('{"data": {"construct\\u006fr": 1}}'))).toMatchObject({ ok: false, reason: 'prototype-poisoning' });
  });
});
