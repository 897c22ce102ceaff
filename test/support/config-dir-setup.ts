// vitest setup: every test file gets a throwaway config directory, so no test reads or writes the
// real ~/.config/linesight (client ids, mappings); child processes inherit it through the environment.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.LINESIGHT_CONFIG_DIR = mkdtempSync(join(tmpdir(), 'linesight-config-'));
