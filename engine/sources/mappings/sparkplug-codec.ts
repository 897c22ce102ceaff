import sparkplug from 'sparkplug-payload';

/**
 * The few parts of a Sparkplug B payload Linesight reads, with 64-bit integers (protobuf `Long`)
 * already turned into numbers: seq, bdSeq, aliases and timestamps all fit.
 */
export type SpMetric = { readonly name?: string; readonly alias?: number; readonly value: unknown; readonly timestamp?: number };
export type SpPayload = { readonly timestamp?: number; readonly seq?: number; readonly metrics: readonly SpMetric[] };

type LongLike = { toNumber(): number };
const isLong = (v: unknown): v is LongLike => typeof v === 'object' && v !== null && typeof (v as LongLike).toNumber === 'function';
const num = (v: unknown): number | undefined => (isLong(v) ? v.toNumber() : typeof v === 'number' ? v : undefined);

function spB() {
  // `get` is the package's only export; it returns null for namespaces other than spBv1.0
  const c = sparkplug.get('spBv1.0');
  if (c === null) throw new Error('sparkplug-payload does not know spBv1.0');
  return c;
}
const codec = spB();

/** Decode a Sparkplug B payload; throws when the bytes are not one. */
export function decodeSparkplug(raw: Uint8Array): SpPayload {
  const p = codec.decodePayload(raw);
  const metrics = (p.metrics ?? []).map((m): SpMetric => {
    const alias = num(m.alias);
    const timestamp = num(m.timestamp);
    const value = isLong(m.value) ? m.value.toNumber() : m.value;
    return { ...(typeof m.name === 'string' ? { name: m.name } : {}), ...(alias !== undefined ? { alias } : {}), value, ...(timestamp !== undefined ? { timestamp } : {}) };
  });
  const seq = num(p.seq);
  const timestamp = num(p.timestamp);
  return { ...(seq !== undefined ? { seq } : {}), ...(timestamp !== undefined ? { timestamp } : {}), metrics };
}
