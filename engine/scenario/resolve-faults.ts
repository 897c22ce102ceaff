import { DRIFTABLE_TYPES, FAULT_DEFAULTS, type BusinessEventType, type FaultSpec } from '../../model/index.js';
import { ENTRY_FAULTS, FAULT_FILE_PARAMS, ORDER_FAULTS, WINDOWED_FAULTS } from './defaults.js';
import { durationAt } from './durations.js';
import type { FaultEntry } from './scenario-file.js';
import type { Source } from './source.js';

type RunningLine = { readonly plant: string; readonly line: string };

/**
 * Faults with every default applied: file parameter names become resolved names (`by: 2m` →
 * `params.byMs = 120000`), windowed kinds get their default `for` (and probability 1 when they
 * give neither probability nor count), and `line` is always resolved to `plant/line` of a line
 * the scenario runs.
 */
export function resolveFaults(src: Source, entries: readonly FaultEntry[], lines: readonly RunningLine[]): FaultSpec[] {
  return entries.map((entry, i) => {
    const at = (key: string) => ['faults', i, key];
    const kind = entry.kind;
    const params: Record<string, string | number | boolean> = { ...FAULT_DEFAULTS[kind] };
    for (const [fileName, param] of Object.entries(FAULT_FILE_PARAMS[kind])) {
      const value = entry[fileName];
      if (value === undefined) continue;
      params[param.name] = param.duration ? durationAt(src, at(fileName), value as string, 0) : (value as string | number | boolean);
    }
    let forMs = durationAt(src, at('for'), entry.for, Number.NaN, { positive: true });
    if (Number.isNaN(forMs)) forMs = WINDOWED_FAULTS.has(kind) ? Number(FAULT_DEFAULTS[kind].forMs) : Number.NaN;
    if (WINDOWED_FAULTS.has(kind)) params.forMs = forMs;
    if (entry.eventType !== undefined && ORDER_FAULTS.has(kind)) {
      src.fail(at('eventType'), `no eventType: ${kind} faults pick production orders, not messages`, JSON.stringify(entry.eventType), { key: true });
    }
    if (kind === 'schema-drift' && entry.eventType !== undefined && !DRIFTABLE_TYPES.includes(entry.eventType as BusinessEventType)) {
      src.fail(at('eventType'), `one of ${DRIFTABLE_TYPES.join(', ')}: the message types with a newer payload version`, JSON.stringify(entry.eventType));
    }
    const only = ENTRY_FAULTS[kind];
    if (entry.eventType !== undefined && only !== undefined && entry.eventType !== only) {
      src.fail(at('eventType'), `no eventType but ${only}: ${kind} faults act on ${only} only`, JSON.stringify(entry.eventType));
    }
    return {
      kind,
      atMs: durationAt(src, at('at'), entry.at, 0),
      forMs: Number.isNaN(forMs) ? undefined : forMs,
      line: entry.line === undefined ? undefined : resolveLine(src, ['faults', i, 'line'], entry.line, lines),
      eventType: entry.eventType,
      // a windowed fault with neither describes the condition itself: every message in its window
      probability: entry.probability ?? (entry.count === undefined && WINDOWED_FAULTS.has(kind) ? 1 : undefined),
      count: entry.count,
      params,
    };
  });
}

function resolveLine(src: Source, path: (string | number)[], text: string, lines: readonly RunningLine[]): string {
  const running = lines.map((l) => `${l.plant}/${l.line}`);
  if (text.includes('/')) {
    if (!running.includes(text)) src.fail(path, `one of the lines this scenario runs: ${running.join(', ')}`, JSON.stringify(text));
    return text;
  }
  const matches = lines.filter((l) => l.line === text).map((l) => `${l.plant}/${l.line}`);
  if (matches.length === 0) src.fail(path, `one of the lines this scenario runs: ${running.join(', ')}`, JSON.stringify(text));
  if (matches.length > 1) src.fail(path, `plant/line, since line ${text} runs in several plants: ${matches.join(', ')}`, JSON.stringify(text));
  return matches[0]!;
}
