import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildEvidence, loadRules, renderEvidenceHtml } from '../../engine/index.js';
import { UsageError } from '../errors.js';
import { parseOptions } from '../parse-options.js';
import { version } from '../version.js';

export const EVIDENCE_USAGE = `linesight evidence <journal> [--session ID] [--rules FILE] --out FILE.html

  Writes an evidence pack of a journal session (default the latest): one self-contained HTML page
  (no script, nothing fetched; print it to PDF) with the contract checks and their results, the
  reconciliation, timings and the posting-latency distribution, the scenario or brokers, sample
  messages per event type, the tool version, the session's digest and the journal's audit head — so
  a signed pack ties to the exact data (linesight audit verify --head checks the head later).
  --rules FILE        rules of your own beside the bundled ones (as linesight check)

  Exit codes: 0 written · 2 bad input · 3 it could not be written`;

/** `linesight evidence`: returns the exit code. */
export function evidenceCommand(argv: readonly string[], out: NodeJS.WritableStream = process.stdout): number {
  const { values, positionals } = parseOptions(argv, { session: { type: 'string' }, rules: { type: 'string' }, out: { type: 'string' } } as const, EVIDENCE_USAGE);
  if (positionals.length !== 1) throw new UsageError(`evidence needs exactly one journal\n\n${EVIDENCE_USAGE}`);
  if (values.out === undefined || !/\.html?$/i.test(values.out)) throw new UsageError(`evidence needs --out FILE.html\n\n${EVIDENCE_USAGE}`);
  const session = values.session === undefined ? undefined : Number(values.session);
  if (session !== undefined && !(Number.isSafeInteger(session) && session > 0)) throw new UsageError(`--session: expected a session id, got "${values.session}"`);
  const pack = buildEvidence(resolve(positionals[0]!), loadRules(values.rules), version(), session);
  const path = resolve(values.out);
  writeFileSync(path, renderEvidenceHtml(pack, new Date().toISOString()));
  const c = pack.checks;
  out.write(`evidence ${path}\n`);
  out.write(`session  ${c.session} (${c.kind}) ${c.scenario}, ${c.events.toLocaleString('en-US')} events, digest ${c.digest}\n`);
  out.write(`checks   ${c.failed === 0 ? `all ${c.results.length} rules hold` : `${c.failed} of ${c.results.length} rules failed`}\n`);
  out.write(`audit    head ${pack.auditHead === null ? 'none' : `${pack.auditHead.id}:${pack.auditHead.hash}`}\n`);
  return 0;
}
