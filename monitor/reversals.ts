import type { KeyRec, MonitorState } from './state.js';

/**
 * Reversals net the key they name. A reversal is a business key of its own (`{key}/REV/{n}`) on
 * the reversed key's interface: its message (MES cancelling a confirmation, the plant asking ERP to
 * reverse a goods movement) needs an ERP posting like any message, and its posting counts against
 * the reversed key's postings. ERP's own correction is a reversal posting with no message: it owes
 * nothing and still nets the key. Sides are netted by counts — each reversal is one posting's (or
 * one message's) worth of the key — and rows by quantities (gap-rows.ts).
 */

/** The key is a reversal of another (it names the key it reverses). */
export function isReversal(k: KeyRec): boolean {
  return k.reversesKey !== undefined;
}

/** ERP's postings of the key net of the reversal postings that net it. */
export function erpNet(k: KeyRec): number {
  return k.erpPostings - k.erpReversed;
}

/** MES's word for the key net of its cancellations: 1 while it stands, 0 (or less) once cancelled. */
export function mesNet(k: KeyRec): number {
  return (k.mes !== undefined || k.expect !== undefined ? 1 : 0) - k.mesReversed;
}

/** The key was netted by a reversal on either side. */
export function isNetted(k: KeyRec): boolean {
  return k.mesReversed > 0 || k.erpReversed > 0;
}

/**
 * Tie reversal `r` to the key it reverses, once: undefined when that key is not (or no longer)
 * held by the same order — a reversal of a key compaction forgot, or of another order's key, is
 * then a key of its own that nets nothing.
 */
export function linkReversal(s: MonitorState, r: KeyRec, reverses: string): KeyRec | undefined {
  if (r.reversesKey === undefined) r.reversesKey = reverses;
  if (r.reverses !== undefined) return r.reverses;
  const k = s.keys.get(reverses);
  if (k === undefined || k === r || k.order !== r.order || k.reversesKey !== undefined) return undefined;
  r.reverses = k;
  (k.reversals ??= []).push(r);
  return k;
}

/** A reversal message of `k` that ERP has not posted yet (its own reversal gap tells that story). */
export function reversalOwed(k: KeyRec): boolean {
  for (const r of k.reversals ?? []) if (r.mes !== undefined && r.postings === 0 && !r.discarded) return true;
  return false;
}

/** The reversal keys of `k` that ERP posted (each counts its first posting where a key counts once). */
export function postedReversals(k: KeyRec): number {
  let n = 0;
  for (const r of k.reversals ?? []) if (r.erpPostings > 0) n += 1;
  return n;
}
