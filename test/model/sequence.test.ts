import { describe, expect, it } from 'vitest';
import { parseSequence, sequenceNumber } from '../../model/index.js';

describe('a CloudEvents sequence, read one way everywhere', () => {
  it('is decimal digits without leading zeros, of any length', () => {
    expect(parseSequence('0')).toBe(0n);
    expect(parseSequence('42')).toBe(42n);
    expect(parseSequence('123456789012345678901234567890')).toBe(123456789012345678901234567890n);
    for (const bad of ['', '007', '-1', '1.0', '1e3', ' 7', '7 ', '0x10', 'seven']) expect(parseSequence(bad), bad).toBeNull();
  });

  it('is a plain number only while exact', () => {
    expect(sequenceNumber('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(sequenceNumber('9007199254740992')).toBeNull();
    expect(sequenceNumber('1e3')).toBeNull();
  });
});
