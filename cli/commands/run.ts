import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  buildRunReport,
  formatDuration,
  loadScenario,
  runSimulation,
  type JournalState,
  type RunOptions,
  type RunReport,
} from '../../engine/index.js';
import { UsageError } from '../errors.js';
import { heldBlock, heldP95 } from '../run-latency.js';
import { inPlantTime, timeLines, windowLines } from '../run-time.js';
import { expectationLines } from '../run-expectations.js';
import { parseOptions } from '../parse-options.js';
import { createProgressBar } from '../progress.js';
import { ALLOW_NETWORK_JOURNAL, ALLOW_NETWORK_JOURNAL_USAGE, journalForWriting } from '../journal-option.js';
import { freeSpaceText } from '../journal-refusal.js';
import { renderTable } from '../table.js';

export const RUN_USAGE = `linesight run <scenario-id|file> [--seed N] [--until DURATION] [--journal FILE] [--report FILE] [--fail-on-gaps] [--fail-on-expectations]

  Runs a scenario at full speed: simulator → integration layer → journal → monitor.
  <scenario-id|file>  a bundled scenario id (see \`linesight scenarios\`) or a .yaml/.yml/.json file
  --seed N            override the scenario's seed (unsigned 32-bit integer)
  --until DURATION    override the scenario's duration (e.g. 30m, 8h, 2d)
  --journal FILE      SQLite journal to append the session to (default ./linesight.db)
  --report FILE       write the JSON run report (resources/schema/report.schema.json)
  --fail-on-gaps      exit 1 when sync gaps remain open at the end
  --fail-on-expectations
                      exit 1 when one of the scenario's \`expect:\` entries is not met
${ALLOW_NETWORK_JOURNAL_USAGE}

  A journal that refuses writes (disk full, locked by another program) is waited for: the run says so
  and resumes by itself when it can write; after 5 minutes of refusals it stops (exit 3).

  Exit codes: 0 done · 1 gaps remain or an expectation failed (with --fail-on-…) · 2 bad input · 3 the run failed`;

/** What tests change about a run: where notices go, a journal with a page cap, a shorter wait. */
export type RunCommandOptions = {
  /** notices and the reason of a failed run (default stderr) */
  readonly err?: NodeJS.WritableStream;
  readonly maxPageCount?: RunOptions['maxPageCount'];
  readonly journalRetry?: RunOptions['journalRetry'];
};

/** `linesight run`: returns the process exit code. */
export async function runCommand(argv: readonly string[], out: NodeJS.WriteStream = process.stdout, opts: RunCommandOptions = {}): Promise<number> {
  const { values, positionals } = parseCli(argv);
  if (positionals.length !== 1) throw new UsageError(`run needs exactly one scenario id or file\n\n${RUN_USAGE}`);
  const seed = values.seed === undefined ? undefined : parseSeed(values.seed);
  const scenario = loadScenario(positionals[0]!, { seed, until: values.until });
  const err = opts.err ?? process.stderr;
  // a read-only folder or a network share is refused; a damaged journal is set aside for a new one beside it
  const journalPath = journalForWriting(resolve(values.journal ?? 'linesight.db'), values['allow-network-journal'], err);
  const bar = createProgressBar();
  let gaveUp = false;
  const notices = journalWaitNotices(journalPath, err, () => bar.done());
  const onJournal = (state: JournalState) => {
    if (state.state === 'failed') gaveUp = true;
    notices(state);
  };
  const result = await runSimulation(scenario, {
    journalPath,
    onProgress: (p) => bar.update(p),
    onJournal,
    ...(opts.maxPageCount === undefined ? {} : { maxPageCount: opts.maxPageCount }),
    ...(opts.journalRetry === undefined ? {} : { journalRetry: opts.journalRetry }),
  })
    .catch((e: unknown) => {
      if (!gaveUp) throw e;
      // waited long enough: the journal keeps what it stored, and the session shows as interrupted
      bar.done();
      err.write(`linesight: the run stopped: ${(e as Error).message}; what was stored before stays in ${journalPath}\n`);
      return null;
    })
    .finally(() => bar.done());
  if (result === null) return 3;
  const report = buildRunReport(scenario, result);
  if (values.report) writeFileSync(resolve(values.report), JSON.stringify(report, null, 2) + '\n');
  out.write(summarise(report, result.wallMs) + '\n');
  if (values.report) out.write(`report   ${resolve(values.report)}\n`);
  const unmet = report.expectations.some((e) => e.verdict === 'fail');
  return (values['fail-on-gaps'] && report.gaps.length > 0) || (values['fail-on-expectations'] && unmet) ? 1 : 0;
}

/**
 * What a run prints while its journal refuses writes: one line when the refusals start (what kind,
 * which file, the free space beside it, that the run waits), one when it takes writes again.
 * `clear` makes room on the terminal first (the progress bar's line).
 */
export function journalWaitNotices(journalPath: string, err: NodeJS.WritableStream, clear: () => void = () => undefined): (state: JournalState) => void {
  let last: JournalState = { state: 'ok' };
  return (j) => {
    if (j.state === last.state) return;
    const was = last;
    last = j;
    if (j.state === 'unavailable') {
      const path = j.path ?? journalPath;
      const free = typeof j.freeBytes === 'number' ? `, ${freeSpaceText(path, j.freeBytes)}` : '';
      const what =
        j.cause === 'full'
          ? `journal full: ${path} cannot grow (${j.reason})${free}`
          : j.cause === 'busy'
            ? `journal busy: ${path} is locked by another program (${j.reason})`
            : `journal unavailable: ${path} refuses writes (${j.reason})${free}`;
      clear();
      err.write(`${what} — waiting, the run resumes by itself when it can write (Ctrl-C to stop)\n`);
    } else if (j.state === 'ok' && was.state === 'unavailable') {
      clear();
      err.write(`journal takes writes again after ${formatDuration(Math.max(0, Math.round(Date.now() - was.since)))}\n`);
    }
    // given up: the run's error says why, once (runCommand)
  };
}

function parseCli(argv: readonly string[]) {
  return parseOptions(argv, {
    seed: { type: 'string' },
    until: { type: 'string' },
    journal: { type: 'string' },
    report: { type: 'string' },
    'fail-on-gaps': { type: 'boolean' },
    'fail-on-expectations': { type: 'boolean' },
    ...ALLOW_NETWORK_JOURNAL,
  } as const, RUN_USAGE);
}

function parseSeed(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n > 0xffff_ffff) {
    throw new UsageError(`--seed: expected an unsigned 32-bit integer (0 … 4294967295), got "${text}"`);
  }
  return n;
}

/** Business keys dated in a posting period ERP had closed, per line that has any (only once ERP closed one). */
function lateLines(r: RunReport): string[] {
  if (!r.lines.some((l) => l.latePostings !== undefined)) return [];
  const late = r.lines.filter((l) => (l.latePostings ?? 0) > 0);
  if (late.length === 0) return ['late      no posting dated in a closed period'];
  const plural = late.length > 1 || late[0]!.latePostings !== 1;
  return [`late      ${late.map((l) => `${l.plant}/${l.line} ${l.latePostings}`).join(' · ')} posting${plural ? 's' : ''} dated in a closed period`];
}

function summarise(r: RunReport, wallMs: number): string {
  const perSecond = Math.round(r.events.total / Math.max(wallMs / 1000, 1e-3));
  const head =
    `${r.scenarioName} (${r.scenario}, seed ${r.seed}): ${r.events.total.toLocaleString('en-US')} events, ` +
    `${formatDuration(r.simulatedMs)} simulated in ${(wallMs / 1000).toFixed(1)} s (${perSecond.toLocaleString('en-US')} events/s)`;
  const ms = (v: number | null) => (v === null ? '—' : formatDuration(v));
  const lines = renderTable(
    ['plant', 'line', 'released', 'completed', 'closed', 'queue max', 'transit p50', 'p95', 'held p95', 'open gaps', 'exceptions'],
    r.lines.map((l) => [
      l.plant,
      l.line,
      l.ordersReleased,
      l.ordersCompleted,
      l.ordersClosed,
      l.queueDepthMax,
      ms(l.postingLatencyMs.p50),
      ms(l.postingLatencyMs.p95),
      heldP95(l),
      l.openGaps,
      Object.values(l.exceptions).reduce((a, b) => a + b, 0),
    ]),
  );
  const c = r.conservation;
  const k = r.controls;
  const parts = [
    head,
    '',
    lines,
    '',
    ...heldBlock(r.lines),
    ...timeLines(r),
    `controls  duplicates suppressed ${k.duplicatesSuppressed} · resequenced ${k.resequenced} · gated ${k.gated} · retried ${k.retried} · dead-lettered ${k.deadLettered} · quarantined ${k.quarantined} · buffered ${k.buffered}`,
    // every key of a message for ERP in exactly one bucket, so the sum is there to check (not needed: discarded, outside needsPosting)
    `postings  ${c.needsPosting + c.notNeeded} business keys of messages for ERP = ${c.posted} posted + ${c.reversed} reversed + ${c.deadLettered} dead-lettered + ${c.pending} pending + ${c.lost} lost + ${c.notNeeded} not needed (discarded)`,
    // posting periods: business keys dated in a period ERP had closed when they reached it, per line (only once ERP closed one)
    ...lateLines(r),
    `faults    ${Object.entries(r.faults).map(([kind, n]) => `${kind} ${n}`).join(' · ') || 'none injected'}`,
    ...windowLines(r),
  ];
  if (r.gaps.length === 0) parts.push('gaps      none open');
  else {
    parts.push(`gaps      ${r.gaps.length} open`);
    for (const g of r.gaps.slice(0, 15)) {
      // the largest difference with its units, then the cause, root first (every row and the chain: --report)
      parts.push(`  ${g.kind.padEnd(17)} ${g.plant}/${g.line} ${g.order}  ${inPlantTime(r, g.plant, `${g.summary} — ${g.cause}`)}`);
    }
    if (r.gaps.length > 15) parts.push(`  … and ${r.gaps.length - 15} more (see --report)`);
  }
  if (r.stuckOrders.length > 0) {
    parts.push(`stuck     ${r.stuckOrders.length} open order${r.stuckOrders.length === 1 ? '' : 's'} waiting too long`);
    for (const o of r.stuckOrders.slice(0, 10)) {
      parts.push(`  ${o.plant}/${o.line} ${o.order}  ${o.state} since ${inPlantTime(r, o.plant, o.since)} (${formatDuration(o.ageInStateMs)}), waiting for ${o.waitingFor}`);
    }
    if (r.stuckOrders.length > 10) parts.push(`  … and ${r.stuckOrders.length - 10} more (see --report)`);
  }
  parts.push(...expectationLines(r));
  parts.push(`journal   ${r.journal.path} session ${r.journal.session}, digest ${r.journal.digest.slice(0, 16)}…`);
  return parts.join('\n');
}
