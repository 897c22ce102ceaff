import type { HopDiff } from '../../../engine/contract/index.js';
import { fmtLatency } from './time-format.js';

export type HopStatus = HopDiff['status'];

/** Statuses in the order the summary lists them: what is wrong first. */
export const HOP_STATUSES: readonly HopStatus[] = ['missing', 'extra', 'reordered', 'slower', 'faster', 'same'];

/** What each status means, for the badge's title and the legend. */
export const HOP_STATUS_HINT: Readonly<Record<HopStatus, string>> = {
  missing: 'in A, not in B',
  extra: 'in B, not in A',
  reordered: 'in both, in another order',
  slower: 'latency in B more than 20 % and 1 s longer',
  faster: 'latency in B more than 20 % and 1 s shorter',
  same: 'in both, as fast',
};

/** A hop latency; a dash where the hop or its cause is absent. */
export const fmtHopLatency = (ms: number | null): string => (ms === null ? '—' : ms === 0 ? '0 ms' : fmtLatency(ms));

/** A time from the order's first event as `+H:MM:SS.s`, so a column of them lines up and sorts by eye. */
export function fmtHopAt(ms: number | null): string {
  if (ms === null) return '—';
  const sign = ms < 0 ? '−' : '+';
  const t = Math.abs(ms);
  const h = Math.floor(t / 3_600_000);
  const m = Math.floor(t / 60_000) % 60;
  const s = ((t % 60_000) / 1000).toFixed(1).padStart(4, '0');
  return `${sign}${h}:${String(m).padStart(2, '0')}:${s}`;
}

/** How many hops have each status. */
export function countByStatus(hops: readonly HopDiff[]): Record<HopStatus, number> {
  const n: Record<HopStatus, number> = { missing: 0, extra: 0, reordered: 0, slower: 0, faster: 0, same: 0 };
  for (const h of hops) n[h.status]++;
  return n;
}
