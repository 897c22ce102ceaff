import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../engine/journal/canonical-json.js';
import { B2mmlError, importB2mml } from '../../engine/sources/b2mml/index.js';
import { envelopeProblem } from '../../model/index.js';
import { bounded, expectNoPollution, hugeString, IMPOSSIBLE_DATES, params, seedFor } from './hostile.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/b2mml/${name}`, import.meta.url), 'utf8');
const DOCS = ['production-schedule-v0600.xml', 'production-performance-v0401.xml', 'operations-performance-v0600.xml', 'material-information-v0701.xml', 'order-change-v0600-first.xml'].map(fixture);
const NOW = Date.parse('2026-03-02T06:00:00.000Z');
const seed = seedFor('b2mml');

/** importB2mml's boundary: events the journal can write, or a B2mmlError naming the file; nothing else. */
function importOnce(text: string): { ok: true } | { ok: false; error: B2mmlError } {
  const out = bounded(() => importB2mml(text, 'hostile.xml', { receivedAt: NOW, plant: 'US01', line: 'L1' }));
  if (out.ok) {
    for (const e of out.value.events) {
      expect(envelopeProblem(e as unknown as Record<string, unknown>)).toBeUndefined();
      expect(() => canonicalJson(e)).not.toThrow();
    }
    return { ok: true };
  }
  if (!(out.error instanceof B2mmlError)) throw out.error; // anything else got past the boundary
  expect(out.error.message.startsWith('hostile.xml: ')).toBe(true);
  return { ok: false, error: out.error };
}

/** Offsets of the text between tags (`>text<`) in a document. */
function textSpans(doc: string): [number, number][] {
  return [...doc.matchAll(/>([^<>\s][^<>]*)</g)].map((m) => [m.index + 1, m.index + 1 + m[1]!.length]);
}

const HOSTILE_TEXT = [...IMPOSSIBLE_DATES, '1e400', '-1', 'NaN', 'Infinity', '-0', '', '__proto__', 'constructor', '0x10', '9'.repeat(400), '&amp;', '&lt;x&gt;', hugeString(20_000)];
const HOSTILE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'xmlns', 'a:b:c', 'ProductionSchedule'];

afterEach(expectNoPollution);

describe('B2MML import (engine/sources/b2mml): hostile documents are refused with a B2mmlError, never another exception', () => {
  it('every truncation of a valid document', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DOCS.keys()), fc.double({ min: 0, max: 1, noNaN: true }), (i, at) => {
        const doc = DOCS[i]!;
        importOnce(doc.slice(0, Math.floor(at * (doc.length - 1))));
      }),
      params(seed, 200),
    );
  });

  it('one text value swapped for a hostile one (impossible dates, 1e400, huge, entity text)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DOCS.keys()), fc.nat(), fc.constantFrom(...HOSTILE_TEXT), (i, pick, value) => {
        const doc = DOCS[i]!;
        const spans = textSpans(doc);
        const [from, to] = spans[pick % spans.length]!;
        importOnce(doc.slice(0, from) + value + doc.slice(to));
        expectNoPollution();
      }),
      params(seed, 300),
    );
  });

  it('element, attribute and namespace names that could reach a prototype', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DOCS.keys()), fc.nat(), fc.constantFrom(...HOSTILE_NAMES), fc.constantFrom('element', 'attribute', 'namespace'), (i, pick, name, where) => {
        const doc = DOCS[i]!;
        let text: string;
        if (where === 'namespace') text = doc.replace(/xmlns="[^"]*"/, `xmlns="${name}"`);
        else if (where === 'attribute') text = doc.replace(/<([A-Za-z]+)>/, `<$1 ${name}="1">`);
        else {
          const tags = [...doc.matchAll(/<([A-Za-z]+)>([^<]*)<\/\1>/g)];
          const m = tags[pick % tags.length]!;
          text = doc.slice(0, m.index) + `<${name}>${m[2]}</${name}>` + doc.slice(m.index + m[0].length);
        }
        importOnce(text);
        expectNoPollution();
      }),
      params(seed, 200),
    );
  });

  it('arbitrary text and bytes read as UTF-8', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('utf8'))), (text) => {
        importOnce(text);
      }),
      params<[string]>(seed, 200, [['<ProductionSchedule xmlns="http://www.mesa.org/xml/B2MML"/>'], ['<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>']]),
    );
  });

  it('10,000 levels of nesting is a B2mmlError', () => {
    const deep = '<ProductionSchedule xmlns="http://www.mesa.org/xml/B2MML">' + '<a>'.repeat(10_000) + '</a>'.repeat(10_000) + '</ProductionSchedule>';
    expect(importOnce(deep).ok).toBe(false);
  });

  // regression: the namespace was looked up with B2MML_NAMESPACES[ns], so xmlns="constructor"
  // found Object's constructor and the document passed as a known B2MML version
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('refuses the namespace %j as unknown', (ns) => {
    const r = importOnce(DOCS[0]!.replace(/xmlns="[^"]*"/, `xmlns="${ns}"`));
    expect(r).toMatchObject({ ok: false, error: { reason: expect.stringContaining('unknown namespace') } });
  });

  // regression: Date.parse turned PublishedDate 2026-02-30 into March 2
  it.each(['2026-02-30T05:30:00Z', '2026-04-31T05:30:00Z', '2026-02-29', '2026-03-02T25:00:00Z'])('refuses the PublishedDate %s', (date) => {
    const r = importOnce(DOCS[0]!.replace('2026-03-02T05:30:00Z', date));
    expect(r).toMatchObject({ ok: false, error: { reason: expect.stringContaining('is not an xs:dateTime') } });
  });

  it('reads xs:dateTime 24:00:00 as the end of the day, and dates without a time', () => {
    for (const date of ['2026-03-01T24:00:00Z', '2026-03-02', '2024-02-29T05:30:00.1234567891Z']) {
      const out = importB2mml(DOCS[0]!.replace('2026-03-02T05:30:00Z', date), 'ok.xml', { receivedAt: NOW });
      expect(out.events.length).toBeGreaterThan(0);
    }
    const end = importB2mml(DOCS[0]!.replace('2026-03-02T05:30:00Z', '2026-03-01T24:00:00Z'), 'ok.xml', { receivedAt: NOW });
    expect(end.events.some((e) => e.time === '2026-03-02T00:00:00.000Z')).toBe(true);
  });
});
