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
  // issue 11: lines work their shift (backlog released at the start, topped up as orders start,
  // downtime sized to utilisation): every earlier pin changed; wan-outage and erp-outage added
  ['baseline', '4h', 'acfdf08fbbd976b61ea2de809d612444385507659302529a61d8682eae04aa9a'],
  ['quality-holds', '4h', '3d66bd878143002adace79533d3788f3b9c7d345a17f7f2cf9e636daebc568ba'],
  ['master-data-errors', '4h', '5f14286582571eaf7bd8fdff2d47e55b782fb3c6648a8f22d5763d194d103199'],
  ['batch-plant', '4h', '80915a00b2383650b8a520aacca0e56d26a63e28e544968cf71b23e2b60d5ee3'],
  ['wan-outage', '4h', '8a15a206cc8e56689dd33d94e54bf3666cc0f72cd8e8da92e9c63559a0c711e4'],
  ['erp-outage', '4h', '65d5e60b96a1e96e60de5d3c37ab3056e7684384f38008b6540bb59642889b66'],
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
