import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createLocalApi, loadConnections, type Gap, type LocalApi, type SessionInfo, type Speed } from '../../engine/index.js';
import { unlockEngineer } from '../engineer.js';
import { UsageError } from '../errors.js';
import { parseOptions } from '../parse-options.js';
import { ALLOW_NETWORK_JOURNAL, ALLOW_NETWORK_JOURNAL_USAGE, checkJournalForWriting } from '../journal-option.js';
import { checkJournalAtOpen } from '../../engine/journal/journal-checks.js';
import { resolvePasswords } from '../secrets.js';
import { renderTable } from '../table.js';
import { parseSession, pickSession } from '../session-arg.js';

export const REPLAY_USAGE = `linesight replay <journal> [--session ID] [--speed N|max] [--rules FILE] [--connections FILE] [--report FILE] [--fail-on-gaps]

  Replays a recorded session of the journal (default: the latest).
  (neither --rules nor --connections)
                      feeds its events, operator actions included, through a fresh monitor and
                      prints what it shows; nothing is written to the journal
  --rules FILE        what-if: re-runs the session's scenario from its seed under these integration
                      rules (YAML or JSON: a fragment of a scenario's integration section, e.g.
                      "idempotency: { enabled: true }"), journaled as a new replay session, and
                      prints which gaps and exceptions disappear or appear
  --connections FILE  republishes the session to the connection of FILE that has a publish
                      allowlist (ids, orders, lots and keys rewritten, origin replayed), through the
                      outbox; ends once the broker has acknowledged every message
  --speed N|max       virtual ms per wall ms (default max)
  --report FILE       write the reconciliation report of the result (.html, .csv or .json)
  --fail-on-gaps      exit 1 when sync gaps remain open at the end
${ALLOW_NETWORK_JOURNAL_USAGE}

  Exit codes: 0 done · 1 gaps remain (with --fail-on-gaps) · 2 bad input · 3 the replay failed`;

/** `linesight replay`: returns the process exit code. */
export async function replayCommand(argv: readonly string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      session: { type: 'string' },
      speed: { type: 'string' },
      rules: { type: 'string' },
      connections: { type: 'string' },
      report: { type: 'string' },
      'fail-on-gaps': { type: 'boolean' },
      ...ALLOW_NETWORK_JOURNAL,
    } as const,
    REPLAY_USAGE,
  );
  if (positionals.length !== 1) throw new UsageError(`replay needs exactly one journal file\n\n${REPLAY_USAGE}`);
  const journalPath = resolve(positionals[0]!);
  if (!existsSync(journalPath)) throw new UsageError(`${positionals[0]}: no such journal`);
  if (values.rules !== undefined && values.connections !== undefined) throw new UsageError('--rules and --connections are separate replays: a what-if, or a replay to a broker');
  // a damaged journal is never written to, nor hosted: its sessions can still be exported
  const check = checkJournalAtOpen(journalPath);
  if (check.state === 'corrupt') throw new UsageError(`journal ${journalPath} is damaged (${check.problem}): it is not replayed; export its sessions with \`linesight export ${journalPath}\``);
  if (values.rules !== undefined || values.connections !== undefined) checkJournalForWriting(journalPath, values['allow-network-journal']);
  const session = pickSession(journalPath, values.session === undefined ? undefined : parseSession(values.session));
  const speed = parseSpeed(values.speed ?? 'max');
  const rules = values.rules === undefined ? undefined : readRules(values.rules);
  const publish = values.connections === undefined ? undefined : await publishingConnection(values.connections);
  const reportFormat = values.report === undefined ? undefined : reportFormatOf(values.report);

  // publishing to a broker needs the engineer role where a PIN is set
  const role = publish === undefined ? undefined : await unlockEngineer('a replay to a broker');
  const api = createLocalApi({ journalPath, ...(role === undefined ? {} : { role }) });
  try {
    const started = await api.commands['session.replay']({ session, speed, ...(rules ? { rules } : {}), ...(publish ? { publish } : {}) });
    await api.commands['session.play']();
    const info = await finished(api);
    if (info.error) throw new Error(info.error);
    const gaps = await api.queries['gaps.list']();
    const exceptions = await api.queries['exceptions.list']();
    const what = rules ? `what-if on session ${session}` : publish ? `replay of session ${session} to ${publish.name ?? publish.url}` : `replay of session ${session}`;
    out.write(`${what}: ${info.events.toLocaleString('en-US')} events${started.session !== session ? ` (journaled as session ${started.session})` : ''}\n`);
    if (publish) {
      const p = info.publishing?.publish;
      out.write(`published ${p?.delivered ?? 0} acknowledged by the broker, ${p?.pending ?? 0} still in the outbox\n`);
    }
    if (rules) out.write(await comparison(api, session, started.session!));
    out.write(gapLines(gaps, exceptions.length));
    if (reportFormat && values.report) {
      const r = await api.commands['reports.reconcile']({ session: started.session!, format: reportFormat });
      copyFileSync(r.path, resolve(values.report));
      out.write(`report    ${resolve(values.report)}\n`);
    }
    return values['fail-on-gaps'] && gaps.length > 0 ? 1 : 0;
  } finally {
    await api.close();
  }
}

/** Wait for the replay to end; a replay to a broker also waits for the last acknowledgement. */
async function finished(api: LocalApi): Promise<SessionInfo> {
  for (;;) {
    const info = await api.queries['session.status']();
    const pending = info.publishing?.publish?.pending ?? 0;
    if ((info.status === 'finished' && pending === 0) || info.error) return info;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function comparison(api: LocalApi, a: number, b: number): Promise<string> {
  const c = await api.queries['sessions.compare']({ a, b });
  const line = (g: Gap) => `  ${g.kind.padEnd(17)} ${g.plant}/${g.line} ${g.order} — ${g.cause}`;
  const parts = [
    `gaps      ${c.gaps.onlyA.length} closed by the new rules · ${c.gaps.onlyB.length} new · ${c.gaps.both} in both`,
    `orders    ${c.orders.differing.length} of ${c.orders.compared} compared hop by hop differ (${c.orders.differing
      .slice(0, 5)
      .map((d) => `${d.order}: ${Object.entries(d.statuses).map(([k, n]) => `${n} ${k}`).join(', ')}`)
      .join('; ')}${c.orders.differing.length > 5 ? '; …' : ''})`,
    ...c.gaps.onlyA.slice(0, 10).map((g) => `closed ${line(g)}`),
    ...c.gaps.onlyB.slice(0, 10).map((g) => `new    ${line(g)}`),
    renderTable(
      ['exceptions', `session ${a}`, `what-if ${b}`],
      [['total', c.exceptions.a, c.exceptions.b], ...Object.entries(c.exceptions.byCategory).map(([k, v]) => [k, v.a, v.b])],
    ),
  ];
  return parts.join('\n') + '\n';
}

function gapLines(gaps: readonly Gap[], exceptions: number): string {
  const parts = [gaps.length === 0 ? 'open gaps none' : `open gaps ${gaps.length}`];
  for (const g of gaps.slice(0, 15)) parts.push(`  ${g.kind.padEnd(17)} ${g.plant}/${g.line} ${g.order}  MES ${g.mes} vs ERP ${g.erp} — ${g.cause}`);
  if (gaps.length > 15) parts.push(`  … and ${gaps.length - 15} more (see --report)`);
  parts.push(`exceptions ${exceptions} open`);
  return parts.join('\n') + '\n';
}

function parseSpeed(text: string): Speed {
  if (text === 'max') return 'max';
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--speed: expected a positive number (1, 10, 100 …) or max, got "${text}"`);
  return n;
}

function readRules(file: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--rules ${file}: ${(err as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError(`--rules ${file}: expected integration settings, e.g. "idempotency: { enabled: true }"`);
  // a whole scenario-like file may wrap them in `integration:`
  const rules = (data as { integration?: unknown }).integration ?? data;
  return rules as Record<string, unknown>;
}

async function publishingConnection(file: string) {
  const all = loadConnections(file).filter((c) => c.publish !== undefined);
  if (all.length !== 1) {
    throw new UsageError(
      all.length === 0
        ? `--connections ${file}: no connection has a publish allowlist; a replay publishes only where a connection says "publish: { allow: [...] }"`
        : `--connections ${file}: ${all.length} connections may publish (${all.map((c) => c.name).join(', ')}); keep one for a replay`,
    );
  }
  return (await resolvePasswords(all))[0]!;
}

function reportFormatOf(file: string): 'html' | 'csv' | 'json' {
  const ext = /\.(html|csv|json)$/i.exec(file)?.[1]?.toLowerCase();
  if (ext === undefined) throw new UsageError(`--report ${file}: the format comes from the extension: .html, .csv or .json`);
  return ext as 'html' | 'csv' | 'json';
}
