// vitest setup: every test file gets a throwaway config directory, so no test reads or writes the
// real ~/.config/linesight (client ids, mappings); child processes inherit it through the environment.
// It is removed after the file's tests (a full run used to leave ~200 directories in the temp folder).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'linesight-config-'));
process.env.LINESIGHT_CONFIG_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
