import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonSyntaxErrorAt } from '../../engine/json-syntax.js';
import { params, seedFor } from '../hostile/hostile.js';

const seed = seedFor('json-syntax');

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('where a text stops being JSON', () => {
  it.each([
    ['[1, 2,]', 6],
    ['{"a": tru}', 6],
    ['{"a" 1}', 5],
    ['{"a": 1}}', 8],
    ['{"a": "x\u0001"}', 8],
    ['"\\x"', 1],
    ['01', 1],
    ['{"a": [1, 2]', 12],
    ['', 0],
  ])('%j stops at offset %i', (text, at) => {
    expect(parses(text)).toBe(false);
    expect(jsonSyntaxErrorAt(text)).toBe(at);
  });

  it.each(['{"a": [1, -2.5e+3, true, false, null, "\\u00e9\\n"]}', ' \t\r\n[]\n', '"x"', '0'])('%j is JSON', (text) => {
    expect(jsonSyntaxErrorAt(text)).toBeUndefined();
  });

  it('agrees with JSON.parse on what is JSON, for JSON texts with one character changed', () => {
    const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 3 }), put: fc.constantFrom('', ',', ':', '"', '[', ']', '{', '}', '-', '0', 'e', '.', 'x', '\\', ' ', '\u0001') });
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), edit, (json, { at, cut, put }) => {
        const i = at % (json.length + 1);
        const text = json.slice(0, i) + put + json.slice(i + cut);
        const stop = jsonSyntaxErrorAt(text);
        expect(stop === undefined).toBe(parses(text));
        if (stop !== undefined) expect(stop).toBeLessThanOrEqual(text.length);
      }),
      params(seed, 500),
    );
  });
});
