import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The `linesight` bin as a user runs it: a separate process on the compiled build. */
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'linesight.js');
const dir = mkdtempSync(join(tmpdir(), 'linesight-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function linesight(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Summary = { id: number; kind: string; scenario: string; events: number; digest: string; gaps: number | null; exceptions: number | null };
const sessions = (db: string) => JSON.parse(linesight(['sessions', db, '--json']).stdout) as Summary[];

const source = join(dir, 'source.db');
let original: { digest: string; events: number };
const exported = join(dir, 'run.jsonl');

beforeAll(() => {
  const report = join(dir, 'report.json');
  expect(linesight(['run', 'duplicates-reordering', '--until', '90m', '--journal', source, '--report', report]).code).toBe(0);
  const json = JSON.parse(readFileSync(report, 'utf8')) as { journal: { digest: string; events: number } };
  original = { digest: json.journal.digest, events: json.journal.events };
  expect(linesight(['export', source, '--out', exported]).code).toBe(0);
});

describe('linesight import', () => {
  it('round trip: a bundled scenario run exported as JSON Lines and imported has the same digest — in a new journal and in the same one', () => {
    const fresh = join(dir, 'fresh.db');
    const r = linesight(['import', exported, '--journal', fresh]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`imported ${original.events} events from 1 file into session 1 of ${fresh}\ndigest   ${original.digest}\n`);
    // the imported events judged by a fresh monitor: the same open gaps and exceptions as the run had
    const run = sessions(source).find((s) => s.kind === 'simulation')!;
    expect(sessions(fresh)).toMatchObject([
      { id: 1, kind: 'import', scenario: 'run.jsonl', events: original.events, digest: original.digest, gaps: run.gaps, exceptions: run.exceptions },
    ]);

    expect(linesight(['import', exported, '--journal', source]).code).toBe(0);
    const both = sessions(source);
    expect(both.map((s) => [s.id, s.kind, s.digest])).toEqual([
      [2, 'import', original.digest],
      [1, 'simulation', original.digest],
    ]);
  });

  it('refuses a whole import over one bad line, naming file and line, and writes nothing', () => {
    const lines = readFileSync(exported, 'utf8').split('\n');
    const bad = join(dir, 'bad.jsonl');
    const broken = JSON.parse(lines[4]!) as Record<string, unknown>;
    delete broken.businesskey;
    writeFileSync(bad, [...lines.slice(0, 4), JSON.stringify(broken), ...lines.slice(5)].join('\n'));
    const before = readFileSync(source);
    const r = linesight(['import', 'run.jsonl', 'bad.jsonl', '--journal', source]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('linesight: bad.jsonl:5: schema: businesskey must be a non-empty string — nothing was imported\n');
    expect(readFileSync(source).equals(before)).toBe(true);
    expect(sessions(source)).toHaveLength(2);

    const notJson = join(dir, 'not-json.jsonl');
    writeFileSync(notJson, `${lines[0]}\n\n{"specversion":\n`);
    const fresh = join(dir, 'never.db');
    const r2 = linesight(['import', 'not-json.jsonl', '--journal', fresh]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/^linesight: not-json\.jsonl:3: not-json: /);
    // checked before the journal is opened: not even an empty file is left behind
    expect(existsSync(fresh)).toBe(false);
  });

  it('imports B2MML documents (.xml) into one session, and refuses an unknown document naming file and element', () => {
    const b2mml = (name: string) => {
      const to = join(dir, name);
      copyFileSync(join(root, 'test', 'fixtures', 'b2mml', name), to);
      return name;
    };
    const db = join(dir, 'b2mml.db');
    const r = linesight(['import', b2mml('production-schedule-v0600.xml'), b2mml('material-definition-v0401.xml'), '--journal', db]);
    // a material master document holds no events, and says so; the import goes on
    expect(r.stderr).toBe(
      'linesight: warning: material-definition-v0401.xml: MaterialDefinition: no events: a MaterialDefinition is material master data (an item), which no Linesight event records\n',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^imported \d+ events from 2 files into session 1 of /);
    expect(sessions(db)).toMatchObject([{ id: 1, kind: 'import', scenario: 'production-schedule-v0600.xml, material-definition-v0401.xml' }]);
    expect(sessions(db)[0]!.events).toBeGreaterThan(0);

    const refused = linesight(['import', b2mml('unknown-root.xml'), '--journal', db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^linesight: unknown-root\.xml: EquipmentInformation: unknown document root/);
    expect(sessions(db)).toHaveLength(1);
  });

  it('imports a B2MML document a Windows tool saved as UTF-16, and refuses one whose bytes are not the UTF-8 it declares', () => {
    const xml = readFileSync(join(root, 'test', 'fixtures', 'b2mml', 'production-schedule-v0600.xml'), 'utf8');
    const db = join(dir, 'utf16.db');
    writeFileSync(join(dir, 'utf16.xml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml.replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le')]));
    const r = linesight(['import', 'utf16.xml', '--journal', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(sessions(db)[0]!.events).toBeGreaterThan(0);

    writeFileSync(join(dir, 'latin1.xml'), Buffer.from(xml.replace(/<MaterialDefinitionID>/, '<MaterialDefinitionID>GEHÄUSE-'), 'latin1'));
    const refused = linesight(['import', 'latin1.xml', '--journal', db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^linesight: latin1\.xml: not valid UTF-8 at line \d+: /);
    expect(sessions(db)).toHaveLength(1);
  });

  it('refuses a missing file, or no file, with exit 2', () => {
    expect(linesight(['import', 'nope.jsonl']).stderr).toBe('linesight: nope.jsonl: no such file — nothing was imported\n');
    expect(linesight(['import']).code).toBe(2);
    expect(existsSync(join(dir, 'linesight.db'))).toBe(false);
  });
});
