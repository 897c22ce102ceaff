import {
  DEFAULT_INTEGRATION,
  INTERFACES,
  formatDuration,
  parseDuration,
  parseExpectation,
  type Expectation,
  type IntegrationConfig,
  type PlantModel,
  type Scenario,
} from '../../model/index.js';
import { DEFAULT_ERP, DEFAULT_ORDERS, MAX_PARTIALS } from './defaults.js';
import { POSITIVE_DURATION, durationAt } from './durations.js';
import { resolveFaults } from './resolve-faults.js';
import { checkMasterDataChanges } from './resolve-master-data.js';
import { resolvePeriodClose } from './resolve-periods.js';
import { resolveTime } from './resolve-time.js';
import { ScenarioError, show } from './scenario-error.js';
import type { IntegrationSection, ScenarioFile } from './scenario-file.js';
import type { Source } from './source.js';

/** Command-line overrides of a scenario file. */
export type ScenarioOverrides = {
  /** replaces `seed` (unsigned 32-bit integer) */
  readonly seed?: number | undefined;
  /** a duration that replaces `duration` */
  readonly until?: string | undefined;
  /** a fragment of the `integration` section merged over the file's (what-if: changed rules) */
  readonly integration?: Readonly<Record<string, unknown>> | undefined;
};

/** Turn a schema-valid scenario file into a Scenario: defaults, milliseconds, semantic checks. */
export function resolveScenario(id: string, src: Source, plant: PlantModel, overrides: ScenarioOverrides): Scenario {
  const f = src.data as ScenarioFile;
  const startMs = Date.parse(f.start);
  if (Number.isNaN(startMs)) src.fail(['start'], 'an RFC 3339 instant with a time zone, e.g. 2026-03-02T06:00:00Z', show(f.start));
  const durationMs = durationAt(src, ['duration'], f.duration, 0, { positive: true });
  const lines = resolveLines(src, plant, f.lines);
  return {
    id,
    name: f.name,
    description: (f.description ?? '').trim(),
    seed: overrides.seed === undefined ? f.seed : overrideSeed(overrides.seed),
    startMs,
    durationMs: overrides.until === undefined ? durationMs : overrideUntil(overrides.until),
    plant,
    lines,
    orders: resolveOrders(src, f, plant, lines),
    erp: resolveErp(src, f),
    integration: resolveIntegration(src, f.integration ?? {}),
    faults: checkMasterDataChanges(src, resolveFaults(src, f.faults ?? [], lines), plant, lines),
    expect: resolveExpect(src, f.expect ?? {}),
    // only when the file sets them, so scenarios that do not resolve exactly as before
    ...resolveTime(src, f),
  };
}

/** `expect:` entries parsed with the comparator grammar; a mistake names its file, line and column. */
function resolveExpect(src: Source, entries: Readonly<Record<string, unknown>>): Expectation[] {
  return Object.entries(entries).map(([path, value]) => {
    const e = parseExpectation(path, value);
    if (typeof e === 'string') src.fail(['expect', path], 'a report path and a number, true/false or a comparison such as ">0", "<60s", "=controls.buffered"', e);
    return e;
  });
}

function overrideSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    throw new ScenarioError({ file: '--seed', path: '', expected: 'an unsigned 32-bit integer (0 … 4294967295)', got: show(seed) });
  }
  return seed;
}

function overrideUntil(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw new ScenarioError({ file: '--until', path: '', expected: POSITIVE_DURATION, got: show(text) });
  return ms;
}

function resolveLines(src: Source, plant: PlantModel, wanted: readonly string[] | undefined): Scenario['lines'] {
  const all = plant.plants.flatMap((p) => p.lines.map((l) => ({ plant: p.id, line: l.id })));
  if (wanted === undefined) return all;
  return wanted.map((text, i) => {
    const found = all.find((l) => `${l.plant}/${l.line}` === text);
    if (!found) src.fail(['lines', i], `a line of plant model ${plant.id}: ${all.map((l) => `${l.plant}/${l.line}`).join(', ')}`, show(text));
    return found;
  });
}

function resolveOrders(src: Source, f: ScenarioFile, plant: PlantModel, lines: Scenario['lines']): Scenario['orders'] {
  const o = f.orders ?? {};
  const d = DEFAULT_ORDERS;
  const p = plant.production ?? {};
  const minQty = o.orderSize?.min ?? p.orderSize?.min ?? d.minQty;
  const maxQty = o.orderSize?.max ?? p.orderSize?.max ?? d.maxQty;
  if (minQty > maxQty) {
    const given = o.orderSize?.min !== undefined ? 'min' : 'max';
    const other = given === 'min' ? 'max' : 'min';
    const defaulted = o.orderSize?.[other] === undefined ? ` (${other}: the default${p.orderSize ? ` of plant model ${plant.id}` : ''})` : '';
    src.fail(['orders', 'orderSize', given], 'orderSize min ≤ max', `min ${minQty} and max ${maxQty}${defaulted}`);
  }
  return {
    utilisation: o.utilisation ?? p.utilisation ?? d.utilisation,
    minQty,
    maxQty,
    taktMs: resolveTakt(src, o.takt, plant, lines),
    releaseDelayMs: durationAt(src, ['orders', 'releaseDelay'], o.releaseDelay, d.releaseDelayMs),
    inspectionFailRate: o.inspectionFailRate ?? d.inspectionFailRate,
    partials: resolvePartials(src, o.partials),
    partialReceipts: o.partialReceipts ?? d.partialReceipts,
  };
}

/** `partials: {min, max}`: 1 ≤ min ≤ max ≤ 20 (the schema checks the bounds, this the order). */
function resolvePartials(src: Source, given: { readonly min?: number; readonly max?: number } | undefined): Scenario['orders']['partials'] {
  const d = DEFAULT_ORDERS.partials;
  const min = given?.min ?? d.min;
  const max = given?.max ?? (given?.min !== undefined ? Math.max(given.min, d.max) : d.max);
  if (min > max) src.fail(['orders', 'partials', given?.min !== undefined ? 'min' : 'max'], `partials min ≤ max (1 … ${MAX_PARTIALS})`, `min ${min} and max ${max}`);
  return { min, max };
}

/** `takt: 90s` sets every product the running lines make; `takt: {CP-100: 2m}` names products, each one the lines make. */
function resolveTakt(src: Source, takt: NonNullable<ScenarioFile['orders']>['takt'], plant: PlantModel, lines: Scenario['lines']): Record<string, number> {
  if (takt === undefined) return {};
  const made = [
    ...new Set(lines.flatMap(({ plant: p, line }) => plant.plants.find((x) => x.id === p)?.lines.find((l) => l.id === line)?.products ?? [])),
  ];
  if (typeof takt === 'string') {
    const ms = durationAt(src, ['orders', 'takt'], takt, 0, { positive: true });
    return Object.fromEntries(made.map((item) => [item, ms]));
  }
  const out: Record<string, number> = {};
  for (const [item, text] of Object.entries(takt)) {
    if (!made.includes(item)) src.fail(['orders', 'takt', item], `a product of the lines that run: ${made.join(', ')}`, show(item), { key: true });
    out[item] = durationAt(src, ['orders', 'takt', item], text, 0, { positive: true });
  }
  return out;
}

function resolveErp(src: Source, f: ScenarioFile): Scenario['erp'] {
  const e = f.erp ?? {};
  const d = DEFAULT_ERP;
  const path = (k: string) => ['erp', 'postingLatency', k];
  const min = durationAt(src, path('min'), e.postingLatency?.min, d.postingLatencyMinMs);
  const max = durationAt(src, path('max'), e.postingLatency?.max, d.postingLatencyMaxMs);
  if (min > max) src.fail(path(e.postingLatency?.min !== undefined ? 'min' : 'max'), 'postingLatency min ≤ max', `min ${formatDuration(min)} and max ${formatDuration(max)}`);
  const correct = durationAt(src, ['erp', 'correctDoublePostings'], e.correctDoublePostings, Number.NaN);
  return {
    postingLatencyMinMs: min,
    postingLatencyMaxMs: max,
    closeDelayMs: durationAt(src, ['erp', 'closeDelay'], e.closeDelay, d.closeDelayMs),
    receiptNeedsFinalConfirmation: e.receiptNeedsFinalConfirmation ?? d.receiptNeedsFinalConfirmation,
    correctDoublePostingsMs: Number.isNaN(correct) ? d.correctDoublePostingsMs : correct,
    periodClose: resolvePeriodClose(src, e.periodClose),
  };
}

function resolveIntegration(src: Source, i: IntegrationSection): IntegrationConfig {
  const D = DEFAULT_INTEGRATION;
  const at = (...path: string[]) => ['integration', ...path];
  const initialBackoffMs = durationAt(src, at('retry', 'initialBackoff'), i.retry?.initialBackoff, D.retry.initialBackoffMs);
  const maxBackoffMs = durationAt(src, at('retry', 'maxBackoff'), i.retry?.maxBackoff, D.retry.maxBackoffMs);
  if (initialBackoffMs > maxBackoffMs) {
    const which = i.retry?.initialBackoff !== undefined ? 'initialBackoff' : 'maxBackoff';
    src.fail(at('retry', which), 'initialBackoff ≤ maxBackoff', `initialBackoff ${formatDuration(initialBackoffMs)} and maxBackoff ${formatDuration(maxBackoffMs)}`);
  }
  const grace = i.gracePeriods ?? {};
  return {
    idempotency: { enabled: i.idempotency?.enabled ?? D.idempotency.enabled },
    resequencing: {
      enabled: i.resequencing?.enabled ?? D.resequencing.enabled,
      windowMs: durationAt(src, at('resequencing', 'window'), i.resequencing?.window, D.resequencing.windowMs),
    },
    gates: { enabled: i.gates?.enabled ?? D.gates.enabled },
    validation: { enabled: i.validation?.enabled ?? D.validation.enabled, ...(i.validation?.against !== undefined ? { against: i.validation.against } : {}) },
    retry: {
      enabled: i.retry?.enabled ?? D.retry.enabled,
      maxAttempts: i.retry?.maxAttempts ?? D.retry.maxAttempts,
      initialBackoffMs,
      multiplier: i.retry?.multiplier ?? D.retry.multiplier,
      maxBackoffMs,
    },
    storeAndForward: {
      enabled: i.storeAndForward?.enabled ?? D.storeAndForward.enabled,
      capacity: i.storeAndForward?.capacity ?? D.storeAndForward.capacity,
    },
    rateLimit: { enabled: i.rateLimit?.enabled ?? D.rateLimit.enabled, perSecond: i.rateLimit?.perSecond ?? D.rateLimit.perSecond },
    gracePeriods: Object.fromEntries(
      INTERFACES.map((k) => [k, durationAt(src, at('gracePeriods', k), grace[k], D.gracePeriods[k], { positive: true })]),
    ) as IntegrationConfig['gracePeriods'],
    // only when the file sets it, so scenarios that do not resolve exactly as before (default tolerant)
    ...(i.schemaReader !== undefined ? { schemaReader: i.schemaReader } : {}),
  };
}
