import { formatDuration, type RunReport } from '../engine/index.js';

type ReportLine = RunReport['lines'][number];
type Held = ReportLine['heldMs'][keyof ReportLine['heldMs']];

/** A duration of the run summary, `—` when there is none. */
export const summaryMs = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : formatDuration(v));

/** How the run summary names a kind of hold: a gate by its name, the other two as they are. */
const holdName = (kind: string): string => (kind === 'resequencing' || kind === 'store-and-forward' ? kind : `${kind} gate`);

/** The line's holds that held something, longest p95 first. */
function holdsOf(l: ReportLine): [string, Held][] {
  return Object.entries<Held>(l.heldMs).filter(([, h]) => h.count > 0).sort((a, b) => (b[1].p95 ?? 0) - (a[1].p95 ?? 0));
}

/** The run summary's `held p95` column: the longest p95 of the line's kinds of hold (named in the block below the table). */
export function heldP95(l: ReportLine): string {
  const top = holdsOf(l)[0];
  return top === undefined ? '—' : summaryMs(top[1].p95);
}

/**
 * The run summary's `held` block: per line, each kind of hold with how many holds, p50, p95 and
 * their total — the time the transit latency columns leave out.
 */
export function heldBlock(lines: RunReport['lines']): string[] {
  const out: string[] = [];
  for (const l of lines) {
    const parts = holdsOf(l).map(([kind, h]) => `${holdName(kind)} ${h.count} held, p50 ${summaryMs(h.p50)}, p95 ${summaryMs(h.p95)}, total ${summaryMs(h.totalMs)}`);
    if (parts.length > 0) out.push(`${out.length === 0 ? 'held     ' : '         '} ${l.plant}/${l.line}  ${parts.join(' · ')}`);
  }
  return out.length > 0 ? out : ['held      none reported by the integration layer'];
}
