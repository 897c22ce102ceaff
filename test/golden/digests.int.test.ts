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
  // issue 13, unit conversions: pumps' CP-100 issues its adhesive ADH-243 in TUBEs (BOM 0.1 TUBE, 1 TUBE = 0.05 KG):
  // MES reports that consumption in TUBE and orders record the conversion (erp.order.created/released
  // `conversions`), so every pin of a scenario running a CP-100 line changed; batch-plant and wan-outage did not
  // issue 12: postings as plants make them — keys carry counters ({order}/CONF/{op}/{n}, {order}/GR/{n}),
  // components that are not lot-controlled are backflushed, finished items are received into
  // quality-inspection stock with usage decisions: every earlier pin changed; the three new scenarios added
  ['baseline', '4h', 'a18fb5808c1856d7abc09ac344fc5046ca3d5a876eb5eeac754e634225281f70'],
  ['quality-holds', '4h', 'f57ae330e05ad4fe0ab84caf34802bd933ca69fc4822b547c4686f698e070a6f'],
  ['master-data-errors', '4h', '80f4143581b44b2c8c379905549071cd63be5c82fba6d8bad112f266b4803654'],
  ['batch-plant', '4h', '5eb8f622ffe8b71a9e4f3bc35a1fcc57212864ebaf29ced47aa816a1e7367092'],
  ['wan-outage', '4h', '65ace9ac450dc5f88de705f47c1cd4d75b51344537d9689097c183e391a07ec5'],
  ['erp-outage', '4h', '923a6725325ea62e124dcd059d663ced21bcbc5caa356d77fa9a12f91dc67695'],
  ['partial-confirmations', '4h', '641ced2f5fea40d7d877fffca35dc6b251febb87400b7cbe64b1d811f62ad0c0'],
  ['reversals-and-corrections', '4h', 'd3ba8134740059ba75cfd48b7ef86c55c312d2f3682ada3b65651446bf02beee'],
  ['backflush-and-tolerances', '4h', '223626d3f5a8c017df0f6adec33fef0741ce66f13002f02a5cebf7b5e8b402d3'],
  // issue 13: what changes under a running plant (every earlier pin unchanged: the new behaviour is off by default)
  ['order-change-cancel', '4h', '26ebd27ea29f62bde9a4c5cea48b0de5dd35c0f0ca13b2116dd8e734375e89f2'],
  ['period-close', '4h', 'ea01031b2a0a2d538a31fe013e08633619db190a76a5ddb9f84ef6d12a4063d6'],
  ['master-data-change', '4h', 'c1dbdb55e70887138cac203dd83bddf5f583e048a735b41a2398737990a57340'],
  ['schema-drift', '4h', 'fc3c6153d8e07c1ea8ea0a5c326d34e238cd9612e5dde181f515268f44b8eeb5'],
  ['mes-restart-backlog', '4h', '4b92ae98e1704f1da2806d3e9ea4b202917054fbb2ac9fb5efe4d5960442d56c'],
  // issue 14: time as plants have it (shifts in plant time, skewed clocks) and lots as they flow (intermediates, splits, partial usage decisions)
  ['clock-skew-dst', '4h', 'ab879d2de9439e2cacc0bfa5681c4bc0a8b5958a961fb4684ed129603f581f04'],
  ['genealogy', '4h', 'f32022aeb82249f7c9dda654789c68270a44c41e52d5c3f28bd2f14496044cb1'],
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
