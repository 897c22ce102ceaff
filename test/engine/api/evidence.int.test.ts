import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalApi, loadScenario, runSimulation, type LocalApi } from '../../../engine/index.js';
import { version } from '../../../engine/host/version.js';
import { auditHead, openJournal, sessionDigest } from '../../../engine/journal/index.js';
import { EVIDENCE_FILE_NAME } from '../../../engine/report/evidence.js';
import { fakeClock } from '../session/fake-clock.js';

/**
 * `reports.evidence`: the console's evidence pack of a session, written into the exports folder as
 * one self-contained HTML page whose digest is the journal session's and whose audit head is the
 * journal's, stamped with the host's clock.
 */
const dir = mkdtempSync(join(tmpdir(), 'linesight-evidence-api-'));
const journalPath = join(dir, 'j.db');
const exportDir = join(dir, 'exports');
const AT = Date.parse('2026-03-02T06:00:00Z');
/** the host's clock, its epoch fixed at AT: the pack's stamp and "generated" come from it */
const clock = { ...fakeClock(), epochMs: () => AT };
let api: LocalApi;

beforeAll(async () => {
  await runSimulation(loadScenario('master-data-errors', { until: '2h' }), { journalPath });
  await runSimulation(loadScenario('baseline', { until: '30m' }), { journalPath });
  api = createLocalApi({ journalPath, clock, exportDir, exportBaseUrl: '/exports/' });
  // an audited action, so the journal has an audit head
  await api.commands['sessions.delete']({ session: 2 });
}, 120_000);

afterAll(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

const journalFacts = (session: number) => {
  const j = openJournal(journalPath, { readonly: true });
  try {
    return { digest: sessionDigest(j.db, session), head: auditHead(j.db) };
  } finally {
    j.close();
  }
};

describe('reports.evidence', () => {
  it('writes a self-contained pack of the session whose digest and audit head are the journal’s', async () => {
    const r = await api.commands['reports.evidence']({ session: 1 });
    expect(basename(r.path)).toBe('evidence-session-1-20260302-060000.html');
    expect(EVIDENCE_FILE_NAME.test(basename(r.path))).toBe(true);
    expect(r.path.startsWith(exportDir)).toBe(true);
    expect(r.href).toBe('/exports/evidence-session-1-20260302-060000.html');
    const html = readFileSync(r.path, 'utf8');
    expect(r.bytes).toBe(Buffer.byteLength(html));
    const { digest, head } = journalFacts(1);
    expect(head).not.toBeNull();
    expect(html).toContain(`<code id="digest">${digest}</code>`);
    expect(html).toContain(`<code id="audit-head">${head!.id}:${head!.hash}</code>`);
    expect(html).toContain('<dt>Generated</dt><dd>2026-03-02T06:00:00.000Z</dd>');
    expect(html).toContain(`<dt>Tool</dt><dd>Linesight ${version()}</dd>`);
    // the bundled rules, all of them judged
    for (const rule of ['operations-in-order', 'posted-once', 'confirmations-reach-erp']) expect(html).toContain(`<td class="mono nowrap">${rule}</td>`);
    // self-contained: a CSP allowing nothing from elsewhere, no script, no external reference
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<script|src="http|href="http|<link /i);
    // rows: the session's events
    const events = (await api.queries['sessions.list']()).find((s) => s.id === 1)!.events;
    expect(r.rows).toBe(events);
  });

  it('never replaces an earlier pack: the same second gets -2, and no temporary file is left', async () => {
    const again = await api.commands['reports.evidence']({ session: 1 });
    expect(basename(again.path)).toBe('evidence-session-1-20260302-060000-2.html');
    expect(readdirSync(exportDir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it.each([[0], [-1], [1.5], ['1'], [null], [{}]])('refuses the session %j without writing anything', async (session) => {
    const before = readdirSync(exportDir).length;
    await expect(api.commands['reports.evidence']({ session } as never)).rejects.toThrow(/session: expected a session id/);
    expect(readdirSync(exportDir)).toHaveLength(before);
  });

  it('refuses a session the journal does not have, and "the current session" when none runs', async () => {
    await expect(api.commands['reports.evidence']({ session: 99 })).rejects.toThrow();
    await expect(api.commands['reports.evidence']({})).rejects.toThrow(/no session/);
  });

  it("takes the rules file the host was started with, beside the bundled rules", async () => {
    const rulesFile = join(dir, 'rules.yaml');
    writeFileSync(rulesFile, 'rules:\n  - id: fast-ack\n    kind: within\n    title: MES acknowledges a release within a second\n    from: erp.order.released\n    to: mes.order.acknowledged\n    limit: 1s\n');
    const own = createLocalApi({ journalPath, clock, exportDir: join(dir, 'own-rules'), rulesFile });
    try {
      const r = await own.commands['reports.evidence']({ session: 1 });
      const html = readFileSync(r.path, 'utf8');
      expect(html).toContain('<td class="mono nowrap">fast-ack</td>');
      expect(html).toContain('<td class="mono nowrap">posted-once</td>');
      expect(r.href).toBeNull();
    } finally {
      await own.close();
    }
  });
});
