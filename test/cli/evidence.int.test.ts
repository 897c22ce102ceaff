import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditHead, openJournal, sessionDigest } from '../../engine/journal/index.js';

/**
 * `linesight evidence` as a commissioning lead uses it: a self-contained HTML pack of a session whose
 * digest is the journal's and whose audit head is the journal's, so `audit verify --head` with the
 * printed head holds for this journal — and fails once the chain is rewritten.
 */
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'linesight.js');
const dir = mkdtempSync(join(tmpdir(), 'linesight-evidence-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function linesight(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('linesight evidence', () => {
  const journal = join(dir, 'j.db');
  const out = join(dir, 'pack.html');

  it('writes a pack whose digest and audit head are the journal’s, with every rule, the reconciliation and samples, and nothing to fetch', () => {
    expect(linesight(['run', 'master-data-errors', '--until', '4h', '--journal', journal]).code).toBe(0);
    expect(linesight(['run', 'baseline', '--until', '1h', '--journal', journal]).code).toBe(0);
    // an audited action, so the journal has an audit head
    expect(linesight(['sessions', journal, '--delete', '2']).code).toBe(0);
    const r = linesight(['evidence', journal, '--session', '1', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const j = openJournal(journal, { readonly: true });
    const digest = sessionDigest(j.db, 1);
    const head = auditHead(j.db)!;
    j.close();
    expect(html).toContain(`<code id="digest">${digest}</code>`);
    expect(html).toContain(`<code id="audit-head">${head.id}:${head.hash}</code>`);
    expect(r.stdout).toContain(`digest ${digest}`);
    expect(r.stdout).toContain(`audit    head ${head.id}:${head.hash}`);
    for (const rule of ['operations-in-order', 'posted-once', 'release-acknowledged', 'confirmations-reach-erp']) expect(html).toContain(`<td class="mono nowrap">${rule}</td>`);
    expect(html).toContain('<h2>Reconciliation mismatches</h2>');
    expect(html).toContain('<h3 class="mono">mes.operation.confirmed</h3>');
    expect(html).toMatch(/Linesight \d+\.\d+\.\d+/);
    // self-contained: a CSP that allows nothing from elsewhere, no script, no external reference
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<script|src="http|href="http/i);
  });

  it("the pack's audit head verifies against the journal it came from", () => {
    const head = /<code id="audit-head">(\d+:[0-9a-f]{64})<\/code>/.exec(readFileSync(out, 'utf8'))![1]!;
    expect(linesight(['audit', 'verify', journal, '--head', head]).code).toBe(0);
  });

  it('refuses bad input', () => {
    expect(linesight(['evidence', journal]).stderr).toMatch(/needs --out FILE\.html/);
    expect(linesight(['evidence', journal, '--out', join(dir, 'x.pdf')]).code).toBe(2);
    expect(linesight(['evidence', journal, '--session', 'x', '--out', out]).code).toBe(2);
  });
});
