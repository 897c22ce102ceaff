import { parseSequence } from '../../../model/index.js';
import type { DataGap } from './types.js';

/** Watches the `sequence` of canonical events per (broker, source) for jumps forward. */
export type SequenceWatch = {
  /** The possible data gap this event reveals, or null. */
  observe(broker: string, source: string, sequence: string, atMs: number): DataGap | null;
};

/**
 * Sequences are decimal strings of any length (`parseSequence`), so they are compared as BigInt. Only a jump forward
 * is a gap (from last+1 to received−1); a repeat or an older sequence is a duplicate or a reorder,
 * which the monitor judges, and does not move the watch back.
 */
export function createSequenceWatch(): SequenceWatch {
  const last = new Map<string, bigint>();
  return {
    observe(broker, source, sequence, atMs) {
      const seq = parseSequence(sequence);
      if (seq === null) return null;
      const key = `${broker}\u0000${source}`;
      const prev = last.get(key);
      if (prev !== undefined && seq <= prev) return null;
      last.set(key, seq);
      if (prev === undefined || seq === prev + 1n) return null;
      const from = String(prev + 1n);
      const to = String(seq - 1n);
      const count = seq - prev - 1n;
      return { broker, source, from, to, atMs, why: `sequence ${sequence} after ${prev}: ${count === 1n ? `${from} is` : `${from}–${to} are`} missing` };
    },
  };
}
