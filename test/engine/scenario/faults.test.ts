import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../engine/scenario/index.js';
import { FAULT_DEFAULTS, FAULT_KINDS, type FaultKind, type FaultSpec } from '../../../model/index.js';
import { HEAD, tempFiles } from './temp-files.js';

const file = tempFiles();
let n = 0;

/** Load a scenario whose `faults:` section is `yaml` (indented by two spaces), running DE01's two lines. */
function faults(yaml: string): readonly FaultSpec[] {
  return loadScenario(file(`f${n++}.yaml`, `${HEAD}lines: [DE01/L1, DE01/L2]\nfaults:\n${yaml}`)).faults;
}

describe('fault defaults', () => {
  it('{kind: reorder, probability: 0.05} alone is complete and gets every default', () => {
    expect(faults('  - {kind: reorder, probability: 0.05}\n')).toEqual([
      {
        kind: 'reorder',
        atMs: 0,
        forMs: undefined,
        line: undefined,
        eventType: undefined,
        probability: 0.05,
        count: undefined,
        params: { windowMs: 5_000 },
      },
    ]);
  });

  it.each(FAULT_KINDS.map((k) => [k]))('%s with only kind and count gets FAULT_DEFAULTS', (kind: FaultKind) => {
    const [f] = faults(`  - {kind: ${kind}, count: 3}\n`);
    expect(f!.params).toEqual(FAULT_DEFAULTS[kind]);
    expect(f!.count).toBe(3);
    expect(f!.probability).toBeUndefined();
    const windowed = ['wan-outage', 'erp-outage', 'erp-rate-limit', 'mes-restart'].includes(kind);
    expect(f!.forMs).toBe(windowed ? FAULT_DEFAULTS[kind].forMs : undefined);
  });
});

describe('file names → resolved names', () => {
  it.each([
    ['duplicate', 'copies: 2, after: 30s', { copies: 2, afterMs: 30_000 }],
    ['reorder', 'window: 1.5s', { windowMs: 1_500 }],
    ['delay', 'by: 2m', { byMs: 120_000 }],
    ['drop', '', {}],
    ['erp-rate-limit', 'perSecond: 0.5', { perSecond: 0.5, forMs: 30 * 60_000 }],
    ['uom-mismatch', 'uom: DZ', { uom: 'DZ' }],
    ['expired-lot', 'expiredByDays: 12', { expiredByDays: 12, pick: false }],
    ['expired-lot', 'pick: true', { expiredByDays: 3, pick: true }],
    ['revision-mismatch', 'revision: A', { revision: 'A' }],
    ['quality-fail', 'disposition: scrap, hold: 1h', { disposition: 'scrap', holdMs: 3_600_000 }],
    ['malformed', 'mode: missing-field', { mode: 'missing-field' }],
  ])('%s {%s}', (kind, params, expected) => {
    const [f] = faults(`  - {kind: ${kind}, probability: 0.5${params ? `, ${params}` : ''}}\n`);
    expect(f!.params).toEqual(expected);
  });

  it.each(['wan-outage', 'erp-outage', 'erp-rate-limit'])('%s with `at` and `for` but neither probability nor count strikes every message in its window', (kind) => {
    const [f] = faults(`  - {kind: ${kind}, line: DE01/L1, at: 2h, for: 45m}\n`);
    expect(f).toMatchObject({ atMs: 7_200_000, forMs: 2_700_000, probability: 1, count: undefined });
  });

  it('a windowed fault keeps a probability or count it is given', () => {
    expect(faults('  - {kind: erp-outage, probability: 0.3}\n')[0]).toMatchObject({ probability: 0.3, count: undefined });
    expect(faults('  - {kind: erp-outage, count: 4}\n')[0]).toMatchObject({ probability: undefined, count: 4 });
  });

  it('a windowed fault takes `for` from the file, and params.forMs follows it', () => {
    const [f] = faults('  - {kind: wan-outage, probability: 1, at: 2h, for: 45m}\n');
    expect(f).toMatchObject({ atMs: 7_200_000, forMs: 2_700_000, params: { forMs: 2_700_000 } });
  });

  it('a message fault may be limited in time, to a line and to an event type', () => {
    const [f] = faults('  - {kind: drop, count: 2, at: 30m, for: 1h, line: L2, eventType: mes.material.consumed}\n');
    expect(f).toMatchObject({ atMs: 1_800_000, forMs: 3_600_000, line: 'DE01/L2', eventType: 'mes.material.consumed', count: 2 });
  });

  it('a line given as plant/line stays as it is', () => {
    expect(faults('  - {kind: drop, count: 1, line: DE01/L1}\n')[0]!.line).toBe('DE01/L1');
  });

  it('keeps the order of the file', () => {
    const kinds = faults('  - {kind: delay, count: 1}\n  - {kind: drop, count: 1}\n  - {kind: delay, probability: 0.1}\n').map((f) => f.kind);
    expect(kinds).toEqual(['delay', 'drop', 'delay']);
  });
});
