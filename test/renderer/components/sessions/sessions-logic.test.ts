import { describe, expect, it } from 'vitest';
import type { Gap, SessionComparison } from '../../../../engine/contract/index.js';
import {
  comparisonSummary,
  countByKind,
  exceptionRows,
  fmtBytes,
  fmtChange,
  fmtEnded,
  fmtLocal,
  parseRules,
  RULES_EXAMPLE,
  sessionTitle,
  shortDigest,
} from '../../../../renderer/components/sessions/sessions-logic.js';

const gap = (kind: Gap['kind'], order: string): Gap => ({
  id: `${kind}:${order}`,
  kind,
  interface: 'confirmation',
  plant: 'DE01',
  line: 'L1',
  order,
  businesskeys: [],
  mes: 1,
  erp: 2,
  delta: -1,
  openedAt: '2026-03-02T05:00:00Z',
  ageMs: 0,
  summary: 'ERP posted K twice',
  rows: [],
  cause: 'duplicate delivery',
  causeChain: [],
  rootCause: null,
});

describe('the what-if rules text', () => {
  it('given YAML flow syntax, when parsed, then it is the integration fragment', () => {
    expect(parseRules('idempotency: { enabled: true }')).toEqual({ ok: true, rules: { idempotency: { enabled: true } } });
  });

  it('given JSON, when parsed, then JSON is read as YAML', () => {
    expect(parseRules('{"retry": {"enabled": false}}')).toEqual({ ok: true, rules: { retry: { enabled: false } } });
  });

  it('given nothing, when parsed, then the example is used', () => {
    expect(parseRules('  \n')).toEqual(parseRules(RULES_EXAMPLE));
  });

  it('given broken YAML, when parsed, then the error names line and column', () => {
    const r = parseRules('idempotency: { enabled: true\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^line \d+, column \d+: /);
  });

  it('given a scalar, a list or an empty mapping, when parsed, then it is refused with what is expected', () => {
    for (const text of ['true', '- idempotency', '{}']) {
      const r = parseRules(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.message).toContain('idempotency: { enabled: true }');
    }
  });
});

describe('formatting a session', () => {
  it('shows the first 12 characters of the digest', () => {
    expect(shortDigest('0123456789abcdef0123')).toBe('0123456789ab');
  });

  it('shows wall-clock instants in local time, and — for none', () => {
    expect(fmtLocal(null)).toBe('—');
    const iso = '2026-03-02T05:06:07Z';
    const d = new Date(iso);
    expect(fmtLocal(iso)).toBe(
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:06:07`,
    );
    expect(fmtLocal('not a date')).toBe('not a date');
  });

  it('shows only the time of an end on the day the session started', () => {
    const start = '2026-03-02T10:00:00Z';
    expect(fmtEnded(start, '2026-03-02T10:05:00Z')).toBe(fmtLocal('2026-03-02T10:05:00Z').slice(11));
    expect(fmtEnded(start, '2026-03-05T10:05:00Z')).toBe(fmtLocal('2026-03-05T10:05:00Z'));
  });

  it('shows bytes in the largest sensible unit', () => {
    expect(fmtBytes(512)).toBe('512 B');
    expect(fmtBytes(4_096)).toBe('4.1 kB');
    expect(fmtBytes(12_345_678)).toBe('12.3 MB');
  });

  it('names a session with its name when it has one', () => {
    expect(sessionTitle({ id: 3, name: null })).toBe('session 3');
    expect(sessionTitle({ id: 3, name: 'Night shift' })).toBe('session 3 “Night shift”');
  });
});

describe('a comparison in rows', () => {
  const c: SessionComparison = {
    a: 1,
    b: 2,
    gaps: { onlyA: [gap('duplicate-posting', 'O1'), gap('duplicate-posting', 'O2'), gap('quantity', 'O3')], onlyB: [], both: 4 },
    exceptions: { a: 5, b: 3, byCategory: { technical: { a: 3, b: 3 }, 'business-rule': { a: 2, b: 0 } } },
    orders: { inBoth: 2, onlyA: 0, onlyB: 0, compared: 2, differing: [] },
  };

  it('counts closed gaps by kind, most first', () => {
    expect(countByKind(c.gaps.onlyA)).toEqual([
      { kind: 'duplicate-posting', count: 2 },
      { kind: 'quantity', count: 1 },
    ]);
  });

  it('lists exceptions by category with the change b − a', () => {
    expect(exceptionRows(c)).toEqual([
      { category: 'business-rule', a: 2, b: 0, change: -2 },
      { category: 'technical', a: 3, b: 3, change: 0 },
    ]);
    expect([fmtChange(3), fmtChange(-2), fmtChange(0)]).toEqual(['+3', '−2', '0']);
  });

  it('says the verdict in one sentence', () => {
    expect(comparisonSummary(c)).toBe('The new rules closed 3 gaps and opened no new gap; 4 gaps remain in both. Exceptions: 5 → 3.');
  });
});
