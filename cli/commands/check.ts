import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startsAsSqlite } from '../../engine/journal/journal-checks.js';
import { checkSession, failedCheckText, formatDuration, junitXml, loadRules, loadScenario, runSimulation, type CheckRun } from '../../engine/index.js';
import { UsageError } from '../errors.js';
import { parseOptions } from '../parse-options.js';
import { createProgressBar } from '../progress.js';
import { ALLOW_NETWORK_JOURNAL, ALLOW_NETWORK_JOURNAL_USAGE, journalForWriting } from '../journal-option.js';
import { renderTable } from '../table.js';

export const CHECK_USAGE = `linesight check <journal|scenario-id|file> [--session ID] [--rules FILE] [--junit FILE] [--seed N] [--until DURATION] [--journal FILE]

  Checks the integration contract: rules over a session's traffic (ordering, forbidden-before,
  exactly-once, within, balance, completeness; docs/checks.md), and prints a pass/fail table with the
  first violating events of each rule that failed.
  <journal>           a SQLite journal: its latest session, or --session ID
  <scenario-id|file>  a scenario: run it first (into --journal, default ./linesight.db), then check that session
  --rules FILE        rules of your own (YAML or JSON, resources/schema/rules.schema.json), checked with the
                      bundled defaults unless the file says defaults: false
  --junit FILE        also write JUnit XML (one testcase per rule) for a CI server
  --seed N, --until DURATION
                      a scenario's seed and duration
${ALLOW_NETWORK_JOURNAL_USAGE}

  Exit codes: 0 every rule holds · 1 a rule failed · 2 bad input · 3 the check failed`;

/** `linesight check`: returns the exit code. */
export async function checkCommand(argv: readonly string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    { session: { type: 'string' }, rules: { type: 'string' }, junit: { type: 'string' }, seed: { type: 'string' }, until: { type: 'string' }, journal: { type: 'string' }, ...ALLOW_NETWORK_JOURNAL } as const,
    CHECK_USAGE,
  );
  if (positionals.length !== 1) throw new UsageError(`check needs exactly one journal, scenario id or scenario file\n\n${CHECK_USAGE}`);
  const rules = loadRules(values.rules);
  const target = positionals[0]!;
  const started = performance.now();
  let journalPath: string;
  let session: number | undefined;
  if (startsAsSqlite(resolve(target))) {
    if (values.seed !== undefined || values.until !== undefined || values.journal !== undefined) throw new UsageError(`--seed, --until and --journal go with a scenario, not a journal\n\n${CHECK_USAGE}`);
    journalPath = resolve(target);
    session = values.session === undefined ? undefined : parseId(values.session);
  } else {
    if (values.session !== undefined) throw new UsageError(`--session goes with a journal; ${target} is not one\n\n${CHECK_USAGE}`);
    const seed = values.seed === undefined ? undefined : parseId(values.seed, '--seed');
    const scenario = loadScenario(target, { seed, until: values.until });
    journalPath = journalForWriting(resolve(values.journal ?? 'linesight.db'), values['allow-network-journal'], err);
    const bar = createProgressBar();
    const result = await runSimulation(scenario, { journalPath, onProgress: (p) => bar.update(p) }).finally(() => bar.done());
    session = result.session;
  }
  const run = checkSession(journalPath, rules, session);
  if (values.junit) writeFileSync(resolve(values.junit), junitXml(run, performance.now() - started));
  out.write(checkText(run) + '\n');
  if (values.junit) out.write(`junit    ${resolve(values.junit)}\n`);
  return run.failed > 0 ? 1 : 0;
}

function parseId(text: string, what = '--session'): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n)) throw new UsageError(`${what}: expected a whole number, got "${text}"`);
  return n;
}

/** The check as a terminal reads it: one line per rule, then each failure with its first violating events. */
export function checkText(run: CheckRun): string {
  const head = `${run.scenario} session ${run.session} (${run.kind}): ${run.events.toLocaleString('en-US')} events, digest ${run.digest.slice(0, 16)}… — ${run.failed === 0 ? `all ${run.results.length} rules hold` : `${run.failed} of ${run.results.length} rules failed`}`;
  // the times a within rule measures are milliseconds: shown as durations
  const shown = (k: string, v: number | null) => (v === null ? '—' : k === 'p50' || k === 'p95' || k === 'max' ? formatDuration(v) : String(v));
  const table = renderTable(
    ['rule', 'kind', 'result', 'measured'],
    run.results.map((r) => [r.id, r.kind, r.verdict === 'pass' ? 'pass' : 'FAIL', Object.entries(r.measured).map(([k, v]) => `${k} ${shown(k, v)}`).join(' · ')]),
  );
  const parts = [head, '', table];
  for (const r of run.results.filter((x) => x.verdict === 'fail')) {
    parts.push('', `${r.id} — ${r.title}`);
    for (const c of r.checks.filter((x) => x.verdict === 'fail')) parts.push(`  ${failedCheckText(c)}`);
    for (const v of r.first) {
      parts.push(`  - ${v.text}`);
      for (const e of v.events) parts.push(`      ${e.time} ${e.type} ${e.businesskey} [${e.id}]`);
    }
    const more = (r.measured.violations ?? 0) - r.first.length;
    if (more > 0) parts.push(`  … and ${more} more`);
  }
  return parts.join('\n');
}
