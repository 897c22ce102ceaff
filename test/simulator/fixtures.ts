import {
  DEFAULT_INTEGRATION,
  FAULT_DEFAULTS,
  type AnyEvent,
  type FaultKind,
  type FaultSpec,
  type IntegrationConfig,
  type LedgerEntry,
  type PlantModel,
  type QuarantineRecord,
  type Scenario,
} from '../../model/index.js';
import { createSimulation, type SimOutput } from '../../simulator/index.js';

/** A small discrete plant: pumps on two lines, a routing with two revisions (B is the one MES runs). */
export const DISCRETE_PLANT: PlantModel = {
  id: 'pumps',
  name: 'Pump works',
  kind: 'discrete',
  plants: [
    {
      id: 'P1',
      name: 'Plant 1',
      timeZone: 'Europe/Berlin',
      lines: [
        { id: 'L1', name: 'Line 1', products: ['PUMP-100'], workCenters: [{ id: 'WC-MACH', name: 'Machining' }, { id: 'WC-ASSY', name: 'Assembly' }] },
        { id: 'L2', name: 'Line 2', products: ['PUMP-100', 'PUMP-200'], workCenters: [{ id: 'WC-ASSY2', name: 'Assembly 2' }] },
        // one single-operation product: every confirmation is the final one
        { id: 'L3', name: 'Line 3', products: ['PUMP-200'], workCenters: [{ id: 'WC-ASSY2', name: 'Assembly 2' }] },
      ],
    },
  ],
  items: [
    // under quality management, like the finished items of the bundled plants: received into quality-inspection stock
    { id: 'PUMP-100', description: 'Pump 100', uom: 'EA', lotControlled: true, type: 'finished', inspection: true },
    { id: 'PUMP-200', description: 'Pump 200', uom: 'EA', lotControlled: true, type: 'finished', inspection: true },
    { id: 'HOUSING', description: 'Housing', uom: 'EA', lotControlled: true, type: 'component' },
    { id: 'SEAL-KIT', description: 'Seal kit', uom: 'EA', lotControlled: true, shelfLifeDays: 365, type: 'component' },
    { id: 'SCREW', description: 'Screw', uom: 'EA', lotControlled: false, type: 'raw' },
  ],
  boms: [
    {
      item: 'PUMP-100',
      revision: 'A',
      yield: 1,
      components: [
        { item: 'HOUSING', qty: 1, uom: 'EA' },
        { item: 'SEAL-KIT', qty: 2, uom: 'EA' },
        { item: 'SCREW', qty: 8, uom: 'EA' },
      ],
    },
    { item: 'PUMP-200', revision: 'A', yield: 1, components: [{ item: 'HOUSING', qty: 1, uom: 'EA' }] },
  ],
  routings: [
    {
      id: 'R-PUMP-100',
      item: 'PUMP-100',
      revision: 'A',
      operations: [{ id: '0010', name: 'Machining', workCenter: 'WC-MACH', setupMinutes: 10, minutesPerUnit: 0.5, scrapRate: 0.02 }],
    },
    {
      id: 'R-PUMP-100',
      item: 'PUMP-100',
      revision: 'B',
      operations: [
        { id: '0010', name: 'Machining', workCenter: 'WC-MACH', setupMinutes: 10, minutesPerUnit: 0.5, scrapRate: 0.02 },
        { id: '0020', name: 'Assembly', workCenter: 'WC-ASSY', setupMinutes: 5, minutesPerUnit: 0.3, scrapRate: 0.01 },
        { id: '0030', name: 'Test', workCenter: 'WC-ASSY', setupMinutes: 2, minutesPerUnit: 0.1, scrapRate: 0.005 },
      ],
    },
    {
      id: 'R-PUMP-200',
      item: 'PUMP-200',
      revision: 'A',
      operations: [{ id: '0010', name: 'Assembly', workCenter: 'WC-ASSY2', setupMinutes: 5, minutesPerUnit: 0.4, scrapRate: 0.01 }],
    },
  ],
};

/** A small batch plant: syrup by mass, with a BOM yield and components in grams and litres. */
export const BATCH_PLANT: PlantModel = {
  id: 'syrups',
  name: 'Syrup kitchen',
  kind: 'batch',
  plants: [
    {
      id: 'B1',
      name: 'Batch plant',
      timeZone: 'America/Chicago',
      lines: [{ id: 'MIX1', name: 'Mixer 1', products: ['SYRUP'], workCenters: [{ id: 'WC-MIX', name: 'Mixer' }, { id: 'WC-FILL', name: 'Filler' }] }],
    },
  ],
  items: [
    { id: 'SYRUP', description: 'Syrup', uom: 'KG', lotControlled: true, shelfLifeDays: 30, type: 'finished', inspection: true },
    { id: 'SUGAR', description: 'Sugar', uom: 'KG', lotControlled: true, shelfLifeDays: 180, type: 'raw' },
    { id: 'WATER', description: 'Water', uom: 'L', lotControlled: false, type: 'raw' },
    { id: 'FLAVOR', description: 'Flavor', uom: 'KG', lotControlled: true, shelfLifeDays: 90, type: 'component' },
  ],
  boms: [
    {
      item: 'SYRUP',
      revision: '1',
      yield: 0.95,
      components: [
        { item: 'SUGAR', qty: 0.6, uom: 'KG' },
        { item: 'WATER', qty: 0.5, uom: 'L' },
        { item: 'FLAVOR', qty: 5, uom: 'G' },
      ],
    },
  ],
  routings: [
    {
      id: 'R-SYRUP',
      item: 'SYRUP',
      revision: '1',
      operations: [
        { id: '0010', name: 'Mixing', workCenter: 'WC-MIX', setupMinutes: 15, minutesPerUnit: 0.05, scrapRate: 0.01 },
        { id: '0020', name: 'Filling', workCenter: 'WC-FILL', setupMinutes: 10, minutesPerUnit: 0.02, scrapRate: 0.005 },
      ],
    },
  ],
};

/** `plant` with quality management off for every item: receipts go to unrestricted stock, and the goods-receipt gate holds them. */
export function withoutInspection(plant: PlantModel): PlantModel {
  return { ...plant, items: plant.items.map(({ inspection: _, ...item }) => item) };
}

/** The discrete plant without quality management. */
export const DISCRETE_NO_QM = withoutInspection(DISCRETE_PLANT);

export const START_MS = Date.UTC(2026, 2, 2, 6, 0, 0);

type Overrides = {
  seed?: number;
  durationMs?: number;
  plant?: PlantModel;
  lines?: Scenario['lines'];
  orders?: Partial<Scenario['orders']>;
  erp?: Partial<Scenario['erp']>;
  integration?: { [K in keyof IntegrationConfig]?: Partial<IntegrationConfig[K]> };
  faults?: FaultSpec[];
};

/** A loaded scenario (defaults applied) on the discrete plant's line P1/L1, clean unless told otherwise. */
export function scenario(o: Overrides = {}): Scenario {
  const plant = o.plant ?? DISCRETE_PLANT;
  const integration = { ...DEFAULT_INTEGRATION } as Record<string, unknown>;
  for (const [k, v] of Object.entries(o.integration ?? {})) {
    integration[k] = typeof v === 'object' ? { ...(DEFAULT_INTEGRATION as unknown as Record<string, object>)[k], ...v } : v;
  }
  return {
    id: 'test',
    name: 'test scenario',
    description: 'built by test/simulator/fixtures.ts',
    expect: [],
    seed: o.seed ?? 42,
    startMs: START_MS,
    durationMs: o.durationMs ?? 8 * 3_600_000,
    plant,
    lines: o.lines ?? (plant === BATCH_PLANT ? [{ plant: 'B1', line: 'MIX1' }] : [{ plant: 'P1', line: 'L1' }]),
    orders: {
      utilisation: 0.85,
      minQty: 10,
      maxQty: 40,
      taktMs: {},
      releaseDelayMs: 5 * 60_000,
      inspectionFailRate: 0,
      partials: { min: 1, max: 1 },
      partialReceipts: false,
      ...o.orders,
    },
    erp: {
      postingLatencyMinMs: 1_000,
      postingLatencyMaxMs: 5_000,
      closeDelayMs: 10 * 60_000,
      receiptNeedsFinalConfirmation: false,
      correctDoublePostingsMs: undefined,
      periodClose: undefined,
      ...o.erp,
    },
    integration: integration as IntegrationConfig,
    faults: o.faults ?? [],
  };
}

type FaultOverrides = Partial<Omit<FaultSpec, 'kind' | 'params'>> & { params?: FaultSpec['params'] };

/** A fault entry with the loader's defaults: from the start, to the end, every line, probability 1 unless a count is given. */
export function fault(kind: FaultKind, o: FaultOverrides = {}): FaultSpec {
  return {
    kind,
    atMs: o.atMs ?? 0,
    forMs: o.forMs,
    line: o.line,
    eventType: o.eventType,
    probability: o.count === undefined ? (o.probability ?? 1) : undefined,
    count: o.count,
    params: { ...FAULT_DEFAULTS[kind], ...o.params },
  };
}

/** Everything a run produced, split by kind, in output order. */
export type RunResult = {
  readonly outputs: SimOutput[];
  readonly events: AnyEvent[];
  readonly ledger: LedgerEntry[];
  readonly quarantine: QuarantineRecord[];
};

/** Run a scenario to the end, pulling in batches of `batch`. */
export function run(s: Scenario, batch = 500): RunResult {
  const sim = createSimulation(s);
  const outputs: SimOutput[] = [];
  for (let guard = 0; !sim.done; guard++) {
    if (guard > 1e6) throw new Error('simulation did not finish');
    outputs.push(...sim.pull(batch));
  }
  return {
    outputs,
    events: outputs.flatMap((o) => (o.kind === 'event' ? [o.event] : [])),
    ledger: outputs.flatMap((o) => (o.kind === 'ledger' ? [o.entry] : [])),
    quarantine: outputs.flatMap((o) => (o.kind === 'quarantine' ? [o.record] : [])),
  };
}

/** Events of one type. */
export function ofType<T extends AnyEvent['type']>(events: readonly AnyEvent[], type: T): Extract<AnyEvent, { type: T }>[] {
  return events.filter((e): e is Extract<AnyEvent, { type: T }> => e.type === type);
}

/** How many events of `type` carry each business key. */
export function countByKey(events: readonly AnyEvent[], type: AnyEvent['type']): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of events) if (e.type === type) m.set(e.businesskey, (m.get(e.businesskey) ?? 0) + 1);
  return m;
}
