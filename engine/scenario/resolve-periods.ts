import type { Scenario } from '../../model/index.js';
import { durationAt } from './durations.js';
import { show } from './scenario-error.js';
import type { PeriodCloseSection } from './scenario-file.js';
import type { Source } from './source.js';

/**
 * `erp.periodClose`: absent, periods never close during the run (every scenario before posting
 * periods). `at: month-end` (the default) closes at the end of the month the scenario starts in,
 * in each plant's own time zone; an RFC 3339 instant closes there; `reopenAfter` reopens it.
 */
export function resolvePeriodClose(src: Source, p: PeriodCloseSection | undefined): Scenario['erp']['periodClose'] {
  if (p === undefined) return undefined;
  let atMs: number | undefined;
  if (p.at !== undefined && p.at !== 'month-end') {
    atMs = /[zZ]|[+-]\d{2}:\d{2}$/.test(p.at) ? Date.parse(p.at) : Number.NaN;
    if (Number.isNaN(atMs)) src.fail(['erp', 'periodClose', 'at'], 'month-end, or an RFC 3339 instant with a time zone, e.g. 2026-03-01T00:00:00+01:00', show(p.at));
  }
  const reopen = durationAt(src, ['erp', 'periodClose', 'reopenAfter'], p.reopenAfter, Number.NaN, { positive: true });
  return { atMs, reopenAfterMs: Number.isNaN(reopen) ? undefined : reopen };
}
