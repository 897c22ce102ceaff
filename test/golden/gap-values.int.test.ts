import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario, runSimulation } from '../../engine/index.js';
import { openJournal } from '../../engine/journal/index.js';
import { needsErpPosting } from '../../model/interfaces.js';
import { DEFAULT_RETAIN_CLOSED_MS, type Gap, type GapRow, type MonitorSnapshot } from '../../monitor/index.js';
import { ADDS_UNITS, heldByErp, journalTruth, sumFor, type Measure, type OrderTruth } from './journal-quantities.js';

/**
 * Property: over random seeds and random mixes of faults and controls, conservation of business
 * keys adds up exactly against the journal, and no gap or reconciliation value adds units or
 * materials: every gap row is one thing in one unit, and its quantities are what the journal holds
 * for that thing (summed only within units master data converts).
 *
 * LINESIGHT_GAP_PROPERTY_RUNS=40 for a longer sweep; LINESIGHT_GAP_PROPERTY_SEED=N to replay one
 * (LINESIGHT_GAP_PROPERTY_KEEP=1 keeps its scenario file and journal).
 */
const dir = mkdtempSync(join(tmpdir(), 'linesight-gap-values-'));
// LINESIGHT_GAP_PROPERTY_KEEP=1 keeps each mix's scenario file and journal, to open after a failure
afterAll(() => (process.env.LINESIGHT_GAP_PROPERTY_KEEP ? console.log(`gap values: kept ${dir}`) : rmSync(dir, { recursive: true, force: true })));

/** mulberry32: a small seeded generator, so a printed seed replays the same mixes. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fault kinds of the mixes; `malformed` is left out: a quarantined message never reaches the journal the truth is read from. */
const PALETTE: ReadonlyArray<(r: () => number) => string> = [
  (r) => `{kind: duplicate, probability: ${(0.02 + 0.1 * r()).toFixed(3)}, after: ${Math.ceil(60 * r())}s}`,
  (r) => `{kind: duplicate, eventType: mes.material.consumed, probability: ${(0.05 * r()).toFixed(3)}, copies: 2, after: 1m}`,
  (r) => `{kind: reorder, probability: ${(0.1 * r()).toFixed(3)}, window: 4s}`,
  (r) => `{kind: delay, probability: ${(0.05 * r()).toFixed(3)}, by: ${1 + Math.floor(8 * r())}m}`,
  (r) => `{kind: drop, probability: ${(0.03 * r()).toFixed(3)}}`,
  (r) => `{kind: uom-mismatch, eventType: mes.operation.confirmed, probability: ${(0.3 * r()).toFixed(3)}, uom: ${r() < 0.5 ? 'PC' : 'DZ'}}`,
  (r) => `{kind: uom-mismatch, eventType: mes.material.consumed, probability: ${(0.2 * r()).toFixed(3)}, uom: ${['PC', 'G', 'ML'][Math.floor(3 * r())]}}`,
  (r) => `{kind: expired-lot, count: ${1 + Math.floor(3 * r())}}`,
  () => `{kind: revision-mismatch, count: 1}`,
  (r) => `{kind: quality-fail, probability: 0.2, disposition: ${['release', 'rework', 'scrap'][Math.floor(3 * r())]}, hold: 20m}`,
  (r) => `{kind: erp-outage, at: ${Math.floor(90 * r())}m, for: ${5 + Math.floor(40 * r())}m, probability: 1}`,
  (r) => `{kind: wan-outage, at: ${Math.floor(90 * r())}m, for: ${5 + Math.floor(30 * r())}m, probability: 1}`,
  (r) => `{kind: mis-entry, probability: ${(0.05 * r()).toFixed(3)}, after: ${5 + Math.floor(20 * r())}m}`,
  (r) => `{kind: over-consumption, probability: ${(0.05 * r()).toFixed(3)}, factor: ${(1 + r()).toFixed(2)}}`,
  (r) => `{kind: drop, eventType: mes.confirmation.cancelled, probability: ${(0.5 * r()).toFixed(3)}}`,
];

function scenarioFile(seed: number): string {
  const r = rng(seed);
  const resins = r() < 0.3;
  const faults = PALETTE.filter(() => r() < 0.4).map((f) => `  - ${f(r)}`);
  const flag = (name: string, p: number) => `  ${name}:\n    enabled: ${r() >= p}`;
  const partials = 1 + Math.floor(3 * r());
  const text = [
    `name: Gap values property ${seed}`,
    `seed: ${seed}`,
    'start: 2026-03-02T06:00:00Z',
    'duration: 3h',
    resins ? 'plant: resins' : 'plant: pumps\nlines: [DE01/L1, DE01/L2]',
    `orders:\n  partials: {min: 1, max: ${partials}}\n  partialReceipts: ${r() < 0.5}`,
    r() < 0.5 ? `erp:\n  correctDoublePostings: ${5 + Math.floor(40 * r())}m` : '',
    'integration:',
    flag('idempotency', 0.4),
    flag('gates', 0.2),
    faults.length > 0 ? `faults:\n${faults.join('\n')}` : '',
  ].join('\n');
  const file = join(dir, `mix-${seed}.yaml`);
  writeFileSync(file, `${text}\n`);
  return file;
}

type Key = { type: string; businesskey: string; order_id: string | null; time: string; data: string };
const REVERSAL_POSTINGS = new Set(['erp.confirmation.cancelled', 'erp.consumption.reversed', 'erp.goods.reversed']);

/**
 * Conservation against the journal: every needs-ERP key in exactly one bucket, `posted` exactly the
 * keys ERP posted. A message first sent more than the closed-order retention after ERP closed its
 * order (gates off: ERP closed it before QMS finished, and rework went on) finds the order evicted
 * or compacted and is ignored as a late event, by design (monitor/README.md): it is left out here.
 */
function checkConservation(db: ReturnType<typeof openJournal>['db'], session: number, s: MonitorSnapshot): void {
  const c = s.conservation;
  expect(c.posted + c.reversed + c.deadLettered + c.pending + c.lost, 'buckets add up').toBe(c.needsPosting);
  const rows = db.prepare('SELECT type, businesskey, order_id, time, data FROM events WHERE session = ? ORDER BY seq').all(session) as Key[];
  const closed = new Map(rows.filter((e) => e.type === 'erp.order.closed').map((e) => [e.order_id, Date.parse(e.time)]));
  const late = (e: Key) => Date.parse(e.time) > (closed.get(e.order_id) ?? Infinity) + DEFAULT_RETAIN_CLOSED_MS;
  const first = new Map<string, Key>();
  for (const e of rows) if (needsErpPosting(e.type) && !first.has(e.businesskey)) first.set(e.businesskey, e);
  const needs = new Set([...first.values()].filter((e) => !late(e)).map((e) => e.businesskey));
  const postings = rows.filter((e) => e.type.startsWith('erp.') && e.type !== 'erp.order.created' && e.type !== 'erp.order.released' && e.type !== 'erp.order.closed');
  const posted = new Set(postings.map((e) => e.businesskey));
  // per key, its postings less the reversal postings that net it
  const net = new Map<string, number>();
  for (const e of postings) {
    const reverses = (JSON.parse(e.data) as { reverses?: string }).reverses;
    const k = REVERSAL_POSTINGS.has(e.type) ? reverses! : e.businesskey;
    net.set(k, (net.get(k) ?? 0) + (REVERSAL_POSTINGS.has(e.type) ? -1 : 1));
  }
  expect(c.needsPosting + c.notNeeded, 'every needs-ERP key of the journal, and nothing else').toBe(needs.size);
  expect(c.posted + c.reversed, 'posted or reversed = keys ERP posted').toBe([...needs].filter((k) => posted.has(k)).length);
  expect(c.reversed, 'reversed = keys ERP posted and reversals netted to none').toBe([...needs].filter((k) => posted.has(k) && net.get(k)! <= 0).length);
}

function checkRow(g: Gap, r: GapRow, truth: OrderTruth | undefined): void {
  const where = `${g.id} ${JSON.stringify(r)}`;
  const uoms = new Set([r.mes?.uom, r.erp?.uom, r.delta?.uom].filter((u) => u !== undefined));
  expect(uoms.size, `one unit per row: ${where}`).toBe(1);
  if (r.delta !== null) expect(r.delta.qty, where).toBeCloseTo((r.mes?.qty ?? 0) - (r.erp?.qty ?? 0), 6);
  if (truth === undefined) return;
  const uom = [...uoms][0]!;
  const thing = { material: r.material, lot: r.lot, operation: r.operation, measure: r.measure };
  // each key's first message; a duplicate-posting or reversal gap: its own keys' every ERP posting
  // (reversals counting against what they reverse); any other gap: what ERP holds of each key, once
  const keys = g.kind === 'duplicate-posting' || g.kind === 'reversal' ? new Set(g.businesskeys) : undefined;
  const only = <T extends { key: string }>(l: readonly T[]) => (keys ? l.filter((e) => keys.has(e.key)) : l);
  expect(r.mes?.qty, `MES side from the journal: ${where}`).toBe(sumFor(only(truth.mes), thing, uom, 'first', truth.discarded));
  expect(r.erp?.qty, `ERP side from the journal: ${where}`).toBe(keys ? sumFor(only(truth.erp), thing, uom, 'all') : sumFor(heldByErp(truth), thing, uom, 'all'));
}

function checkGaps(s: MonitorSnapshot, truth: Map<string, OrderTruth>): void {
  for (const g of s.gaps) {
    for (const text of [String(g.mes), String(g.erp), g.cause]) expect(text, `${g.id}: ${text}`).not.toMatch(ADDS_UNITS);
    for (const text of [g.summary, ...g.causeChain.map((c) => c.text)]) expect(text, `${g.id}: ${text}`).not.toMatch(ADDS_UNITS);
    const ids = g.rows.map((r) => `${r.material}|${r.lot}|${r.operation}|${r.measure}|${r.mes?.uom ?? r.erp?.uom}`);
    expect(new Set(ids).size, `rows are distinct things: ${g.id}`).toBe(ids.length);
    // placeholders (never seen) have no journal truth for their MES side
    for (const r of g.rows) checkRow(g, r, r.note?.includes('never seen') ? undefined : truth.get(g.order));
    if (g.rows.length > 0 && g.rows[0]!.delta !== null) expect(g.delta).toBe(g.rows[0]!.delta.qty);
  }
}

const FIELD = /^(confirmation (\S+) (good|scrap)|consumption ([^/]+)(?:\/(.*))?|receipt ([^/]+)(?:\/(.*))?)$/;

/** Reconciliation counts every ERP posting, and never adds units: each quantity field against the journal. */
function checkReconciliation(s: MonitorSnapshot, truth: Map<string, OrderTruth>): void {
  for (const m of s.reconciliation.mismatches) {
    expect(`${m.field} ${m.mes} ${m.erp}`).not.toMatch(ADDS_UNITS);
    const f = FIELD.exec(m.field);
    if (f === null || typeof m.mes !== 'number') continue;
    expect(m.uom, m.field).toBeDefined();
    const t = truth.get(m.order)!;
    const thing = f[2] !== undefined
      ? { material: t.item, lot: null, operation: f[2], measure: f[3] as Measure }
      : f[4] !== undefined
        ? { material: f[4], lot: f[5] ?? null, operation: null, measure: 'consumed' as const }
        : { material: f[6]!, lot: f[7] ?? null, operation: null, measure: 'received' as const };
    expect(m.mes, `${m.order} ${m.field} MES`).toBe(sumFor(t.mes, thing, m.uom!, 'first', t.discarded) ?? 0);
    expect(m.erp, `${m.order} ${m.field} ERP`).toBe(sumFor(t.erp, thing, m.uom!, 'all') ?? 0);
  }
}

describe('gap values and conservation over seeds and fault mixes', () => {
  const fixed = process.env.LINESIGHT_GAP_PROPERTY_SEED;
  const runs = Number(process.env.LINESIGHT_GAP_PROPERTY_RUNS ?? 4);
  const seeds = fixed ? [Number(fixed)] : Array.from({ length: runs }, () => Math.floor(Math.random() * 0xffff_ffff));
  // printed so that a failure can be replayed with LINESIGHT_GAP_PROPERTY_SEED
  console.log(`gap values: property seeds ${seeds.join(', ')}`);

  it.each(seeds)('seed %d', async (seed) => {
    const scenario = loadScenario(scenarioFile(seed));
    const journalPath = join(dir, `mix-${seed}.db`);
    const { session, snapshot } = await runSimulation(scenario, { journalPath });
    const journal = openJournal(journalPath, { readonly: true });
    try {
      checkConservation(journal.db, session, snapshot);
      const truth = journalTruth(journal.db, session);
      checkGaps(snapshot, truth);
      checkReconciliation(snapshot, truth);
    } finally {
      journal.close();
    }
  });
});
