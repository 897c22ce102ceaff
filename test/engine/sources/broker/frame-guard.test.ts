import { describe, expect, it } from 'vitest';
import { createFrameGuard } from '../../../../engine/sources/broker/frame-guard.js';

/** An MQTT fixed header: packet type byte, then the remaining length as a 1–4 byte varint. */
function header(type: number, remaining: number): number[] {
  const bytes = [type];
  do {
    let b = remaining % 128;
    remaining = Math.floor(remaining / 128);
    if (remaining > 0) b |= 0x80;
    bytes.push(b);
  } while (remaining > 0);
  return bytes;
}
const packet = (remaining: number) => Uint8Array.from([...header(0x30, remaining), ...new Array<number>(remaining).fill(7)]);

describe('the frame guard', () => {
  it('lets packets up to the limit through, however the bytes are split', () => {
    const guard = createFrameGuard(300);
    const stream = Uint8Array.from([...packet(300), ...packet(0), ...packet(128), ...packet(5)]);
    for (let i = 0; i < stream.length; i += 7) expect(guard(stream.subarray(i, i + 7))).toBeUndefined();
  });

  it('reports a packet above the limit from its header alone, before its body arrives', () => {
    const guard = createFrameGuard(1000);
    expect(guard(packet(10))).toBeUndefined();
    expect(guard(Uint8Array.from(header(0x32, 300 * 1024)))).toBeGreaterThan(1000);
  });

  it('decides on a partial length when it is already too large', () => {
    const guard = createFrameGuard(100);
    // 0xff 0xff … : the first length byte alone says 127 > 100
    expect(guard(Uint8Array.from([0x30, 0xff]))).toBe(127);
  });

  it('keeps its place across chunks that split the length bytes', () => {
    const guard = createFrameGuard(20_000);
    const big = header(0x30, 20_001); // 3 bytes: type + 2 length bytes
    expect(guard(Uint8Array.from(big.slice(0, 2)))).toBeUndefined();
    expect(guard(Uint8Array.from(big.slice(2)))).toBe(20_001);
  });
});
