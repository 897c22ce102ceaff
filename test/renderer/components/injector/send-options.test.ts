import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, parseSendOptions, presetOf, PRESETS } from '../../../../renderer/components/injector/send-options.js';

describe('send options', () => {
  it('parses the presets', () => {
    expect(PRESETS.map((p) => parseSendOptions(p.options).options)).toEqual([
      { count: 1, spacingMs: 0, delayMs: 0 },
      { count: 1, spacingMs: 0, delayMs: 30_000 },
      { count: 100, spacingMs: 50, delayMs: 0 },
    ]);
  });

  it('names the preset the numbers match, and none once edited', () => {
    expect(presetOf(DEFAULT_OPTIONS)?.label).toBe('Duplicate this');
    expect(presetOf({ count: '100', spacingMs: '50', delayMs: '0' })?.label).toBe('Send 100 with 50 ms spacing');
    expect(presetOf({ count: '3', spacingMs: '50', delayMs: '0' })).toBeUndefined();
  });

  it('refuses counts outside 1..1000 and times that are not whole non-negative numbers', () => {
    expect(parseSendOptions({ count: '0', spacingMs: '0', delayMs: '0' }).problems).toEqual(['count must be a whole number from 1 to 1000']);
    expect(parseSendOptions({ count: '1001', spacingMs: '0', delayMs: '0' }).options).toBeNull();
    const r = parseSendOptions({ count: '2', spacingMs: '-5', delayMs: '1.5' });
    expect(r.options).toBeNull();
    expect(r.problems).toHaveLength(2);
    expect(parseSendOptions({ count: '', spacingMs: '0', delayMs: '0' }).options).toBeNull();
  });
});
