import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { importCommand } from '../../cli/commands/import.js';
import { UsageError } from '../../cli/errors.js';
import { openJournalReader } from '../../engine/journal/index.js';
import { sessionSummaries } from '../../engine/journal/sessions-admin.js';

/** `linesight import` of B2MML that leaves out what the schema makes optional: warnings on stderr, kept with the session. */
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'b2mml');
const dir = mkdtempSync(join(tmpdir(), 'linesight-import-warnings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string) => {
  const to = join(dir, name);
  copyFileSync(join(FIXTURES, name), to);
  return to;
};

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

async function run(args: string[]) {
  const out = sink();
  const err = sink();
  const code = await importCommand(args, out.stream, err.stream);
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('linesight import: warnings', () => {
  it('prints each assumption to stderr (file: element: what was assumed), imports the events, and keeps the warnings with the session', async () => {
    const db = join(dir, 'perf.db');
    const perf = file('required-performance-v0401.xml');
    const r = await run([perf, '--journal', db, '--plant', 'US01', '--line', 'L7']);
    expect(r.code).toBe(0);
    const seg = `${perf}: ProductionPerformance/ProductionResponse/SegmentResponse`;
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      `linesight: warning: ${seg}: no ProcessSegmentID, ProductSegmentID or ID: assumed operation "SegmentResponse", its place in the response`,
      `linesight: warning: ${seg}: no EquipmentActual, HierarchyScope or Location naming equipment: assumed work center L7, the line`,
      expect.stringMatching(new RegExp(`^linesight: warning: ${perf.replace(/[.]/g, '\\.')}: ProductionPerformance: no PublishedDate: assumed the time the file was read, \\d{4}-`)),
      `linesight: warning: ${seg}: no produced quantity (MaterialProducedActual, or MaterialActual with MaterialUse Produced): confirmed 0 good and 0 scrap EA`,
    ]);
    expect(r.stdout).toMatch(/^imported 1 events from 1 file into session 1 of .*\nwarnings 4 \(on stderr, and kept with the session\)\ndigest {3}[0-9a-f]{64}\n$/);
    const reader = openJournalReader(db);
    const [s] = sessionSummaries(reader.db);
    reader.close();
    expect(s!.warningCount).toBe(4);
    expect(s!.warnings[1]).toEqual({
      file: 'required-performance-v0401.xml',
      path: 'ProductionPerformance/ProductionResponse/SegmentResponse',
      message: 'no EquipmentActual, HierarchyScope or Location naming equipment: assumed work center L7, the line',
    });
  });

  it('imports a material master document alone: no events, one warning, exit 0', async () => {
    const db = join(dir, 'items.db');
    const items = file('material-definition-v0401.xml');
    const r = await run([items, '--journal', db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `linesight: warning: ${items}: MaterialDefinition: no events: a MaterialDefinition is material master data (an item), which no Linesight event records\n`,
    );
    expect(r.stdout).toMatch(/^imported 0 events from 1 file into session 1 of /);
  });

  it('refuses the whole import over one unknown document, printing none of the other files’ warnings', async () => {
    const db = join(dir, 'never.db');
    const text = file('required-performance-v0600.xml');
    copyFileSync(join(FIXTURES, 'unknown-root.xml'), join(dir, 'unknown-root.xml'));
    const err = sink();
    await expect(importCommand([text, join(dir, 'unknown-root.xml'), '--journal', db], sink().stream, err.stream)).rejects.toThrow(UsageError);
    expect(err.text()).toBe('');
  });
});
