import type { AnyEvent } from '../../model/index.js';

const encoder = new TextEncoder();

/** Modes of the `malformed` fault: how the extra copy of a message is corrupted on the wire. */
export const MALFORMED_MODES = ['truncated', 'invalid-utf8', 'not-object', 'missing-field', 'unknown-type'] as const;

/**
 * The bytes of a corrupted copy of `ev`. Each mode damages the message the way a real link or
 * producer does, so the shared decoder has to find the fault itself; unknown modes truncate.
 */
export function corruptBytes(ev: AnyEvent, mode: string): Uint8Array {
  const json = JSON.stringify(ev);
  switch (mode) {
    case 'invalid-utf8': {
      const bytes = encoder.encode(json);
      const half = bytes.length >> 1;
      const out = new Uint8Array(bytes.length + 2);
      out.set(bytes.subarray(0, half), 0);
      out[half] = 0xff;
      out[half + 1] = 0xfe;
      out.set(bytes.subarray(half), half + 2);
      return out;
    }
    case 'not-object':
      return encoder.encode(`[${json}]`);
    case 'missing-field':
      return encoder.encode(JSON.stringify({ ...ev, id: undefined }));
    case 'unknown-type':
      return encoder.encode(JSON.stringify({ ...ev, type: `${ev.type}.v0` }));
    default: {
      // the link dropped the tail of the frame
      const bytes = encoder.encode(json);
      return bytes.slice(0, bytes.length >> 1);
    }
  }
}
