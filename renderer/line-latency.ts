import type { LineStats } from '../engine/contract/index.js';
import { fmtMs } from './format.js';
import { HOLD_LABELS } from './labels.js';

export type HoldKind = keyof LineStats['heldMs'];

/**
 * The line's kind of hold with the longest p95, or null while the integration layer has reported
 * no hold over. Ties go to the first in `HOLD_LABELS` order (gates first).
 */
export function longestHold(l: LineStats): { readonly kind: HoldKind; readonly p95: number } | null {
  let top: { kind: HoldKind; p95: number } | null = null;
  for (const kind of Object.keys(HOLD_LABELS) as HoldKind[]) {
    const p95 = l.heldMs[kind].p95;
    if (p95 !== null && (top === null || p95 > top.p95)) top = { kind, p95 };
  }
  return top;
}

/** A tile's time-held figure: the longest p95 and where, e.g. `14 min 45 s (goods-receipt gate)`. */
export function heldText(l: LineStats): string {
  const top = longestHold(l);
  return top === null ? 'none' : `${fmtMs(top.p95)} (${HOLD_LABELS[top.kind]})`;
}
