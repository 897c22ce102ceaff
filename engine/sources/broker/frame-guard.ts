/**
 * Watches the bytes of an MQTT connection and reports the first packet whose declared length is
 * above `maxRemainingLength`, as soon as its fixed header arrives. aedes (mqtt-packet) has no packet
 * size limit and buffers a whole packet — up to 256 MB — before parsing it, so the bound has to sit
 * in front of the parser.
 */
export function createFrameGuard(maxRemainingLength: number): (chunk: Uint8Array) => number | undefined {
  let state: 'type' | 'length' | 'body' = 'type';
  let length = 0;
  let multiplier = 1;
  let left = 0;
  return (chunk) => {
    let i = 0;
    while (i < chunk.length) {
      if (state === 'body') {
        const take = Math.min(left, chunk.length - i);
        left -= take;
        i += take;
        if (left === 0) state = 'type';
        continue;
      }
      const byte = chunk[i++]!;
      if (state === 'type') {
        state = 'length';
        length = 0;
        multiplier = 1;
        continue;
      }
      // remaining length: 1–4 bytes, 7 bits each, least significant first; it only grows, so a
      // partial value above the limit already decides
      length += (byte & 0x7f) * multiplier;
      multiplier *= 128;
      if (length > maxRemainingLength) return length;
      if (byte & 0x80) continue; // a 5th length byte is malformed: mqtt-packet rejects it
      left = length;
      state = left === 0 ? 'type' : 'body';
    }
    return undefined;
  };
}

/** Room for the topic, packet id and properties around a payload of `maxMessageBytes`. */
export const FRAME_OVERHEAD_BYTES = 4096;
