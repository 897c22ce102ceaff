import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAULT_EFFECTS } from '../../../model/ledger.js';
import { formatDuration } from '../../../model/duration.js';
import * as names from '../../../model/names.js';

/** docs/names.md lists every fixed name set of model/names.ts (and FAULT_EFFECTS); this keeps it true. */
const doc = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'names.md'), 'utf8');
const constants: Record<string, unknown> = { ...names, FAULT_EFFECTS };

type Section = { readonly heading: string; readonly rows: string[][] };

/** Sections of the page with the cells of their table rows (header and separator rows left out). */
function sections(markdown: string): Section[] {
  const out: Section[] = [];
  const lines = markdown.split('\n');
  lines.forEach((line, i) => {
    if (line.startsWith('#')) out.push({ heading: line, rows: [] });
    else if (line.startsWith('|') && !/^\|[-| :]+\|$/.test(line) && !/^\|[-| :]+\|$/.test(lines[i + 1] ?? '')) {
      out.at(-1)?.rows.push(line.split('|').slice(1, -1).map((c) => c.trim()));
    }
  });
  return out;
}

const all = sections(doc);
const code = (v: string) => `\`${v}\``;
const rows = all.flatMap((s) => s.rows);

describe('docs/names.md', () => {
  const entries = Object.entries(constants).filter(([, v]) => typeof v === 'object' && v !== null);

  it('covers every exported name set', () => {
    expect(entries.length).toBeGreaterThanOrEqual(15);
    for (const [name] of entries) expect(doc, name).toContain(code(name));
  });

  it.each(entries.filter(([, v]) => Array.isArray(v)))('lists every value of %s in a table', (name, values) => {
    const firstCells = new Set(rows.map((r) => r[0]));
    for (const v of values as string[]) expect(firstCells.has(code(v)), `${name}: ${v}`).toBe(true);
  });

  it.each(entries.filter(([, v]) => !Array.isArray(v)))('pairs every key of %s with its value in one table row', (name, record) => {
    for (const [key, value] of Object.entries(record as Record<string, string | number>)) {
      const shown = typeof value === 'number' ? code(formatDuration(value)) : code(value);
      const paired = rows.some((r) => r[0] === code(key) && r.slice(1).some((cell) => cell.includes(shown)));
      expect(paired, `${name}: ${key} → ${shown}`).toBe(true);
    }
  });

  it('lists no value that the code does not have', () => {
    for (const section of all) {
      const name = /`([A-Z_]+)`/.exec(section.heading)?.[1];
      const values = name ? constants[name] : undefined;
      if (!Array.isArray(values) || section.rows.length === 0) continue;
      expect(section.rows.map((r) => r[0]), section.heading).toEqual(values.map((v: string) => code(v)));
    }
  });
});
