import { describe, expect, it } from 'vitest';
import { listBundledScenarios, loadPlantModel, loadScenario, ScenarioError } from '../../../engine/scenario/index.js';
import { DEFAULT_INTEGRATION, FAULT_KINDS } from '../../../model/index.js';
import { HEAD, tempFiles } from './temp-files.js';

const REQUIRED = [
  'baseline',
  'duplicates-reordering',
  'wan-outage',
  'erp-outage',
  'quality-holds',
  'master-data-errors',
  'idempotency-off',
  'batch-plant',
];
const file = tempFiles();

describe('bundled scenarios', () => {
  const listed = listBundledScenarios();

  it('lists at least the required ids, each with a name and a description', () => {
    expect(listed.map((s) => s.id)).toEqual(expect.arrayContaining(REQUIRED));
    for (const s of listed) {
      expect(s.name.length, s.id).toBeGreaterThan(3);
      expect(s.description.length, s.id).toBeGreaterThan(150);
    }
  });

  it.each(listed.map((s) => s.id))('%s loads with a fixed seed and lines of its plant model', (id) => {
    const s = loadScenario(id);
    expect(s.id).toBe(id);
    expect(s.seed).toBe(loadScenario(id).seed);
    expect(s.lines.length).toBeGreaterThan(0);
    const known = new Set(s.plant.plants.flatMap((p) => p.lines.map((l) => `${p.id}/${l.id}`)));
    for (const l of s.lines) expect(known.has(`${l.plant}/${l.line}`)).toBe(true);
    for (const f of s.faults) expect(FAULT_KINDS).toContain(f.kind);
  });

  it('baseline: pumps, two lines of one plant, no faults, every control on', () => {
    const s = loadScenario('baseline');
    expect(s.plant.id).toBe('pumps');
    expect(s.lines).toEqual([
      { plant: 'DE01', line: 'L1' },
      { plant: 'DE01', line: 'L2' },
    ]);
    expect(s.faults).toEqual([]);
    expect(s.integration).toEqual(DEFAULT_INTEGRATION);
    expect(s.startMs).toBe(Date.parse('2026-03-02T05:00:00Z'));
    expect(s.durationMs).toBe(8 * 3_600_000);
  });

  it('each scenario has the faults its name promises', () => {
    const kinds = (id: string) => new Set(loadScenario(id).faults.map((f) => f.kind));
    expect(kinds('duplicates-reordering')).toEqual(new Set(['duplicate', 'reorder', 'delay', 'drop', 'malformed']));
    expect(kinds('wan-outage')).toEqual(new Set(['wan-outage']));
    expect(kinds('erp-outage')).toEqual(new Set(['erp-outage', 'erp-rate-limit']));
    expect(kinds('quality-holds')).toEqual(new Set(['quality-fail']));
    expect(kinds('master-data-errors')).toEqual(new Set(['uom-mismatch', 'expired-lot', 'revision-mismatch']));
    expect(kinds('batch-plant')).toEqual(new Set(['expired-lot', 'quality-fail']));

    const wan = loadScenario('wan-outage');
    expect(wan.integration.storeAndForward.enabled).toBe(true);
    expect(wan.faults[0]).toMatchObject({ line: 'MX01/L1', atMs: 2 * 3_600_000, forMs: 45 * 60_000, probability: 1 });

    const dispositions = loadScenario('quality-holds').faults.map((f) => f.params.disposition);
    expect(new Set(dispositions)).toEqual(new Set(['release', 'rework', 'scrap']));

    const uom = loadScenario('master-data-errors').faults.find((f) => f.kind === 'uom-mismatch');
    expect(uom).toMatchObject({ eventType: 'mes.operation.confirmed', line: 'US01/L2', params: { uom: 'PC' } });

    const off = loadScenario('idempotency-off');
    expect(off.integration.idempotency.enabled).toBe(false);
    expect(off.faults.map((f) => f.kind)).toContain('duplicate');

    const batch = loadScenario('batch-plant');
    expect(batch.plant.kind).toBe('batch');
    expect(batch.lines).toHaveLength(2);
  });

  it('takes order size and utilisation from the plant model unless the scenario sets them', () => {
    // the resin plant's own defaults: batches of 300–900 kg, reactors producing 80 % of the time
    expect(loadScenario('batch-plant').orders).toMatchObject({ utilisation: 0.8, minQty: 300, maxQty: 900, taktMs: {} });
    expect(loadScenario('baseline').orders).toMatchObject({ utilisation: 0.85, minQty: 4, maxQty: 16 });
    // erp-outage runs small orders on every Tulsa line
    expect(loadScenario('erp-outage').orders).toMatchObject({ minQty: 2, maxQty: 8 });
  });
});

describe('orders: utilisation, order size and takt', () => {
  it('a scenario overrides the plant model field by field', () => {
    const s = loadScenario(file('resin-over.yaml', `${HEAD}plant: resins\norders:\n  utilisation: 0.6\n  orderSize: {max: 1200}\n`));
    expect(s.orders).toMatchObject({ utilisation: 0.6, minQty: 300, maxQty: 1200 });
  });

  it('one takt sets every product the running lines make; a mapping sets the products it names', () => {
    const all = loadScenario(file('takt-all.yaml', `${HEAD}lines: [DE01/L1]\norders:\n  takt: 90s\n`));
    expect(all.orders.taktMs).toEqual({ 'CP-100': 90_000, 'CP-150': 90_000 });
    const one = loadScenario(file('takt-one.yaml', `${HEAD}lines: [DE01/L1]\norders:\n  takt: {CP-150: 3m}\n`));
    expect(one.orders.taktMs).toEqual({ 'CP-150': 180_000 });
  });

  it('a plant model with its order size upside down is refused', () => {
    const inline = { ...loadPlantModel('pumps'), id: 'p', production: { orderSize: { min: 9, max: 3 } } };
    const err = catchError(() => loadScenario(file('upside.json', JSON.stringify({ name: 'u', seed: 1, start: '2026-03-02T06:00:00Z', duration: '1h', plant: inline }))));
    expect(err.path).toBe('/plant/production/orderSize/min');
    expect(err.expected).toBe('orderSize min ≤ max');
  });
});

describe('overrides', () => {
  it('--seed and --until replace the file values and nothing else', () => {
    const base = loadScenario('baseline');
    const s = loadScenario('baseline', { seed: 7, until: '90m' });
    expect(s.seed).toBe(7);
    expect(s.durationMs).toBe(90 * 60_000);
    expect({ ...s, seed: base.seed, durationMs: base.durationMs }).toEqual(base);
  });

  it('undefined overrides keep the file values (as the CLI passes them)', () => {
    expect(loadScenario('baseline', { seed: undefined, until: undefined })).toEqual(loadScenario('baseline'));
  });

  it.each([
    [{ seed: -1 }, '--seed', /unsigned 32-bit/],
    [{ seed: 2 ** 32 }, '--seed', /unsigned 32-bit/],
    [{ seed: 1.5 }, '--seed', /unsigned 32-bit/],
    [{ until: 'soon' }, '--until', /duration/],
    [{ until: '0s' }, '--until', /positive duration/],
  ])('rejects %j', (overrides, flag, expected) => {
    const err = catchError(() => loadScenario('baseline', overrides));
    expect(err.file).toBe(flag);
    expect(err.expected).toMatch(expected);
    expect(err.message.startsWith(`${flag}: expected`)).toBe(true);
  });
});

describe('files by path', () => {
  it('loads a YAML file with defaults for everything optional; the id is the file name', () => {
    const s = loadScenario(file('my-shift.yml', HEAD));
    expect(s.id).toBe('my-shift');
    expect(s.name).toBe('fixture');
    expect(s.description).toBe('');
    expect(s.plant).toBe(loadPlantModel('pumps'));
    expect(s.lines).toHaveLength(7);
    expect(s.orders).toEqual({
      utilisation: 0.85,
      minQty: 4,
      maxQty: 16,
      taktMs: {},
      releaseDelayMs: 300_000,
      inspectionFailRate: 0,
      partials: { min: 1, max: 1 },
      partialReceipts: false,
    });
    expect(s.erp).toEqual({
      postingLatencyMinMs: 1_000,
      postingLatencyMaxMs: 20_000,
      closeDelayMs: 600_000,
      receiptNeedsFinalConfirmation: false,
      correctDoublePostingsMs: undefined,
    });
    expect(s.integration).toEqual(DEFAULT_INTEGRATION);
  });

  it('loads a JSON file and maps every file name to its resolved name', () => {
    const json = {
      name: 'json',
      seed: 4294967295,
      start: '2026-03-02T06:00:00.250+02:00',
      duration: '1.5h',
      plant: 'resins',
      lines: ['BE01/R2'],
      orders: {
        utilisation: 1,
        orderSize: { min: 100, max: 100 },
        takt: { 'ACR-310': '30s' },
        releaseDelay: '90s',
        inspectionFailRate: 0.1,
        partials: { min: 2, max: 5 },
        partialReceipts: true,
      },
      erp: { postingLatency: { min: '0s', max: '500ms' }, closeDelay: '1d', receiptNeedsFinalConfirmation: true, correctDoublePostings: '30m' },
      faults: [
        { kind: 'mis-entry', count: 1, factor: 3, after: '5m' },
        { kind: 'over-consumption', probability: 0.1, factor: 1.5, eventType: 'mes.material.consumed' },
      ],
      integration: {
        resequencing: { enabled: false, window: '30s' },
        retry: { maxAttempts: 3, initialBackoff: '1s', multiplier: 3, maxBackoff: '1m' },
        storeAndForward: { capacity: 50 },
        rateLimit: { perSecond: 5 },
        gracePeriods: { 'goods-receipt': '1h' },
      },
    };
    const s = loadScenario(file('x.json', JSON.stringify(json, null, 2)));
    expect(s.startMs).toBe(Date.parse('2026-03-02T04:00:00.250Z'));
    expect(s.durationMs).toBe(5_400_000);
    expect(s.seed).toBe(4294967295);
    expect(s.lines).toEqual([{ plant: 'BE01', line: 'R2' }]);
    expect(s.orders).toEqual({
      utilisation: 1,
      minQty: 100,
      maxQty: 100,
      taktMs: { 'ACR-310': 30_000 },
      releaseDelayMs: 90_000,
      inspectionFailRate: 0.1,
      partials: { min: 2, max: 5 },
      partialReceipts: true,
    });
    expect(s.erp).toEqual({
      postingLatencyMinMs: 0,
      postingLatencyMaxMs: 500,
      closeDelayMs: 86_400_000,
      receiptNeedsFinalConfirmation: true,
      correctDoublePostingsMs: 1_800_000,
    });
    expect(s.faults.map((f) => [f.kind, f.params])).toEqual([
      ['mis-entry', { factor: 3, afterMs: 300_000 }],
      ['over-consumption', { factor: 1.5 }],
    ]);
    expect(s.integration.resequencing).toEqual({ enabled: false, windowMs: 30_000 });
    expect(s.integration.retry).toEqual({ enabled: true, maxAttempts: 3, initialBackoffMs: 1_000, multiplier: 3, maxBackoffMs: 60_000 });
    expect(s.integration.storeAndForward).toEqual({ enabled: true, capacity: 50 });
    expect(s.integration.rateLimit).toEqual({ enabled: true, perSecond: 5 });
    expect(s.integration.gracePeriods).toEqual({ ...DEFAULT_INTEGRATION.gracePeriods, 'goods-receipt': 3_600_000 });
  });

  it('accepts an inline plant model', () => {
    const inline = { ...loadPlantModel('resins'), id: 'my-resins' };
    const s = loadScenario(file('inline.json', JSON.stringify({ name: 'i', seed: 1, start: '2026-03-02T06:00:00Z', duration: '1h', plant: inline })));
    expect(s.plant.id).toBe('my-resins');
    expect(s.lines).toHaveLength(2);
  });
});

function catchError(fn: () => unknown): ScenarioError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScenarioError) return err;
    throw err;
  }
  throw new Error('expected a ScenarioError');
}
