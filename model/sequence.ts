/**
 * A CloudEvents `sequence` (a source's running number of its events) as a number: decimal digits
 * without leading zeros, of any length — the one way Linesight reads it (the monitor's hole count,
 * a watch's possible data gaps, the next number of an injected message). Anything else is no
 * sequence number at all: null.
 */
export function parseSequence(sequence: string): bigint | null {
  return isSequence(sequence) ? BigInt(sequence) : null;
}

const SEQUENCE = /^(0|[1-9][0-9]*)$/;

/** Whether `sequence` is a sequence number at all (what the decoder requires of every event). */
export function isSequence(sequence: string): boolean {
  return SEQUENCE.test(sequence);
}

/** `parseSequence` where arithmetic needs a plain number: null beyond 2^53 − 1 as well. */
export function sequenceNumber(sequence: string): number | null {
  const n = parseSequence(sequence);
  return n === null || n > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(n);
}
