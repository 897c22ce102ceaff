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
  // issue 12: postings as plants make them — keys carry counters ({order}/CONF/{op}/{n}, {order}/GR/{n}),
  // components that are not lot-controlled are backflushed, finished items are received into
  // quality-inspection stock with usage decisions: every earlier pin changed; the three new scenarios added
  ['baseline', '4h', '23d20a1bf0e8769a0dae8aeecc9edae12794243e0cfdc5dd9acd1af0c42dabe8'],
  ['quality-holds', '4h', 'da203748d060a20f5dd262ea8da4cbcd195913d2b2a5bdff84afa054b6355313'],
  ['master-data-errors', '4h', '0f59b363f4333ccefbe52987edb72cb603091601efb948b47393be7e8bd00408'],
  ['batch-plant', '4h', '5eb8f622ffe8b71a9e4f3bc35a1fcc57212864ebaf29ced47aa816a1e7367092'],
  ['wan-outage', '4h', '65ace9ac450dc5f88de705f47c1cd4d75b51344537d9689097c183e391a07ec5'],
  ['erp-outage', '4h', '666ae6a0d35962bc591e277005633199f79e9fb3dbfdbc053322badc34cb71f7'],
  ['partial-confirmations', '4h', 'f45f6107af98e1a63bf2dde1366cc529f0a66bb47a1f774ca3cce2f74c6c03b7'],
  ['reversals-and-corrections', '4h', '8e81b52d8e4e18896c9dbd20d2bdb9047b2dc40f649d16322de80f02f1bbcdd7'],
  ['backflush-and-tolerances', '4h', '734a410dd135f10d9967e43c23f0c1a2b8c88ab1b43b0c5194e2239663010245'],
  // issue 13: what changes under a running plant (every earlier pin unchanged: the new behaviour is off by default)
  ['order-change-cancel', '4h', '4adc70640ec8738765ad7cdcf0af6a8c62c1bbdb06f9cbb57e12e8c64f80a5ff'],
  ['period-close', '4h', '46215b3b9c937ce01eeb1664af14b59cd1e01e6b646705fabd97fd96d23ec553'],
  ['master-data-change', '4h', '0670c96f840c0996edb4cffe286bfa5e24437e46b7b44e2cb75b499a59b10c8f'],
  ['schema-drift', '4h', 'b7dfe84bd0f2f07bbf72cfc6866c82d6d075e7ff05a632352fbdc8452d389a3f'],
  ['mes-restart-backlog', '4h', 'e635d67b69ce1aa40d6ffda7933d70a0168d6f4ddb0f333f9d50fc3bedc6af3e'],
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
