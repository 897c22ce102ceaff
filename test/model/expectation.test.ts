import { describe, expect, it } from 'vitest';
import { parseExpectation, parseExpectPath } from '../../model/index.js';

describe('the expect: comparator grammar', () => {
  it('reads keys, plant/line, field=value, [*] and [N] selectors', () => {
    expect(parseExpectPath('controls.buffered')).toEqual([{ kind: 'key', key: 'controls' }, { kind: 'key', key: 'buffered' }]);
    expect(parseExpectPath('faults.wan-outage')).toEqual([{ kind: 'key', key: 'faults' }, { kind: 'key', key: 'wan-outage' }]);
    expect(parseExpectPath('lines[MX01/L1].controls.buffered')).toEqual([
      { kind: 'key', key: 'lines' },
      { kind: 'line', plant: 'MX01', line: 'L1' },
      { kind: 'key', key: 'controls' },
      { kind: 'key', key: 'buffered' },
    ]);
    expect(parseExpectPath('gaps[kind=duplicate-posting].length')).toEqual([
      { kind: 'key', key: 'gaps' },
      { kind: 'where', field: 'kind', value: 'duplicate-posting' },
      { kind: 'key', key: 'length' },
    ]);
    expect(parseExpectPath('lines[*].postingLatencyMs.p95')[1]).toEqual({ kind: 'each' });
    expect(parseExpectPath('gaps[0].kind')[1]).toEqual({ kind: 'index', index: 0 });
    expect(parseExpectPath("events.byType['qms.hold.placed']")).toEqual([{ kind: 'key', key: 'events' }, { kind: 'key', key: 'byType' }, { kind: 'key', key: 'qms.hold.placed' }]);
  });

  it('says what is wrong with a path', () => {
    expect(parseExpectPath('')).toBe('an empty path');
    expect(parseExpectPath('lines[MX01/L1')).toMatch(/unclosed \[/);
    expect(parseExpectPath('lines[a b]')).toMatch(/selector must be/);
    expect(parseExpectPath('controls..x')).toMatch(/expected a key after/);
    expect(parseExpectPath('9lives')).toMatch(/expected a key/);
  });

  it('reads numbers, booleans, comparisons with numbers, durations, paths and words, and in-lists', () => {
    expect(parseExpectation('conservation.lost', 0)).toMatchObject({ expected: '0', test: { op: '=', operand: { kind: 'number', value: 0 } } });
    expect(parseExpectation('controls.buffered', '>0')).toMatchObject({ test: { op: '>', operand: { kind: 'number', value: 0 } } });
    expect(parseExpectation('lines[*].postingLatencyMs.p95', '<60s')).toMatchObject({ test: { op: '<', operand: { kind: 'number', value: 60_000 } } });
    expect(parseExpectation('controls.forwarded', '=controls.buffered')).toMatchObject({ test: { op: '=', operand: { kind: 'path', text: 'controls.buffered' } } });
    expect(parseExpectation('gaps[0].kind', '!= status')).toMatchObject({ test: { op: '!=', operand: { kind: 'word', value: 'status' } } });
    expect(parseExpectation('x.ok', true)).toMatchObject({ test: { op: '=', operand: { kind: 'word', value: true } } });
    expect(parseExpectation('gaps[*].rootCategory', 'in data-quality, business-rule')).toMatchObject({ test: { op: 'in', values: ['data-quality', 'business-rule'] } });
  });

  it('refuses what it cannot read, naming the path', () => {
    expect(parseExpectation('controls.buffered', '>')).toMatch(/controls.buffered: a comparison needs a value/);
    expect(parseExpectation('controls.buffered', { min: 1 })).toMatch(/expected a number, true\/false, or a comparison/);
    expect(parseExpectation('lines[', 0)).toMatch(/path lines\[: an unclosed/);
  });
});
