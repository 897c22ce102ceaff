import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario, runSimulation } from '../../engine/index.js';
import { openJournal, sessionDigest } from '../../engine/journal/index.js';

/**
 * Golden digests: scenario + seed → journal digest. A change here means the simulator now tells a
 * different story for the same seed — a bug report or a training exercise recorded before would no
 * longer replay the same. Update a pin only for an intended change, and say why in the commit.
 */
const GOLDEN: ReadonlyArray<readonly [id: string, until: string, digest: string]> = [
  ['baseline', '4h', '1210b7ef96eea04b5bc71abb12e41cad8b2053ba5b71abfef2ea65bbf5cb4eba'],
  ['quality-holds', '4h', 'c93ae380df4ca6c26669cea8337773c93817b7b759a1cd447319c66a202add12'],
  ['master-data-errors', '4h', '33c5e9cdcc6fea8e3a5b3dd92cdea86120fa43484144986b2842ed5acca79785'],
  ['batch-plant', '4h', 'e71b52a8ce4e34c020fd99b2915dd7d9b0ef6a6c8d3b2933aa3aa85f6fad2b01'],
];

const dir = mkdtempSync(join(tmpdir(), 'linesight-golden-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('golden journal digests', () => {
  it.each(GOLDEN)('%s until %s', async (id, until, digest) => {
    const journalPath = join(dir, `${id}.db`);
    const run = await runSimulation(loadScenario(id, { until }), { journalPath });
    const journal = openJournal(journalPath, { readonly: true });
    try {
      expect(sessionDigest(journal.db, run.session)).toBe(digest);
    } finally {
      journal.close();
    }
  });
});
