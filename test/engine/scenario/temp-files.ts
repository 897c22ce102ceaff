import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A temp folder for scenario fixtures, removed after the test file. */
export function tempFiles(): (name: string, text: string) => string {
  const dir = mkdtempSync(join(tmpdir(), 'linesight-scenario-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (name, text) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
}

/** The four required fields, for fixtures that add their own lines after it (lines 1–4). */
export const HEAD = 'name: fixture\nseed: 1\nstart: 2026-03-02T06:00:00Z\nduration: 2h\n';
