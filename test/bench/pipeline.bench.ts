/**
 * `npm run bench`: end-to-end events/s of simulator → integration layer → journal → monitor, and,
 * in the same process and run, plain better-sqlite3 inserts of the same rows into the same schema,
 * indexes and pragmas in 1,000-row transactions; prints one JSON line with their ratio and the
 * peak RSS of the end-to-end phase. A benchmark, never a timed test.
 *
 *   npm run bench                  # about one million events, then the large-site pass
 *   npm run bench -- 200000        # a smaller first pass
 *   npm run bench -- site          # the large-site pass only
 *
 * Second pass (site-pass.ts): `large-site` (30 lines, a week) against `baseline` in this process —
 * events/s of each, their ratio, and the retained heap per simulated day.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulation } from '../../engine/index.js';
import { EVENT_ROW_COLUMNS, insertRowsBaseline, openJournal, type EventRow } from '../../engine/journal/index.js';
import { benchScenarioFor } from './bench-scenario.js';
import { sitePass } from './site-pass.js';

const siteOnly = process.argv[2] === 'site';
const target = Number(siteOnly ? 0 : (process.argv[2] ?? 1_000_000));
const dir = mkdtempSync(join(tmpdir(), 'linesight-bench-'));

try {
  if (!siteOnly) await firstPass();
  console.log(JSON.stringify({ ...(await sitePass(dir)), node: process.version }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function firstPass(): Promise<void> {
  const scenario = benchScenarioFor(target);

  const journalPath = join(dir, 'e2e.db');
  const e2e = await runSimulation(scenario, { journalPath });
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

  // The same rows, read back in journal order, inserted plainly into a fresh journal.
  const journal = openJournal(journalPath, { readonly: true });
  const rows = journal.db
    .prepare(`SELECT ${EVENT_ROW_COLUMNS.join(', ')} FROM events WHERE session = ? ORDER BY seq`)
    .raw()
    .all(e2e.session) as EventRow[];
  journal.close();
  const raw = insertRowsBaseline(join(dir, 'raw.db'), rows);

  const e2eRate = e2e.events / (e2e.wallMs / 1000);
  const rawRate = raw.rows / (raw.ms / 1000);
  console.log(
    JSON.stringify({
      bench: 'pipeline',
      events: e2e.events,
      simulatedHours: +(e2e.simulatedMs / 3_600_000).toFixed(1),
      lines: scenario.lines.length,
      endToEnd: { ms: Math.round(e2e.wallMs), eventsPerSec: Math.round(e2eRate) },
      rawInsert: { ms: Math.round(raw.ms), rowsPerSec: Math.round(rawRate) },
      ratio: +(e2eRate / rawRate).toFixed(3),
      peakRssMb,
      node: process.version,
    }),
  );
}
