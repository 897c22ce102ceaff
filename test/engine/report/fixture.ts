import type { ReconciliationReport } from '../../../engine/report/reconciliation-report.js';

/** Text an attacker could put in an MQTT payload, an import or an injected event. */
export const HOSTILE = `<script>window.pwned=1</script><img src=x onerror="window.pwned=2">"'&`;
export const FORMULA = '=HYPERLINK("http://evil.example","click")';

/** A small report holding hostile strings everywhere the journal's text ends up. */
export function hostileReport(): ReconciliationReport {
  return {
    report: 'linesight-reconciliation',
    version: 1,
    session: {
      id: 12,
      kind: 'import',
      scenario: `capture ${HOSTILE}`,
      name: `Name ${HOSTILE}`,
      brokers: [],
      seed: 42,
      startedAt: '2026-11-23T10:00:00.000Z',
      endedAt: '2026-11-23T10:05:00.000Z',
      interrupted: false,
      events: 1234,
      digest: 'ab'.repeat(32),
    },
    period: { from: '2026-03-02T05:00:00.000Z', to: '2026-03-02T13:00:00.000Z' },
    judgedAt: '2026-03-02T13:10:00.001Z',
    summary: {
      ordersCompared: 10,
      ordersMatched: 8,
      mismatchedFields: 2,
      openGaps: 2,
      gapsClosed: 3,
      gapsByKind: { quantity: 1, consumption: 0, receipt: 0, hold: 0, 'duplicate-posting': 1, status: 0, reversal: 0, 'order-change': 0 },
      exceptions: 1,
      exceptionsByCategory: { technical: 0, 'business-rule': 0, 'data-quality': 1 },
      conservation: { needsPosting: 20, posted: 16, reversed: 1, deadLettered: 1, pending: 1, lost: 1, notNeeded: 0 },
      controls: { duplicatesSuppressed: 0, resequenced: 1, gated: 0, retried: 2, deadLettered: 1, quarantined: 0, buffered: 0, forwarded: 0, discarded: 0 },
    },
    lines: [
      { plant: 'DE01', line: `L1${HOSTILE}`, ordersReleased: 5, ordersCompleted: 4, ordersClosed: 3, queueDepthMax: 7, latencyMs: { p50: 1500, p95: 61_000 }, openGaps: 2, exceptions: 1 },
      { plant: 'DE01', line: 'L2', ordersReleased: 5, ordersCompleted: 5, ordersClosed: 5, queueDepthMax: 2, latencyMs: { p50: null, p95: null }, openGaps: 0, exceptions: 0 },
    ],
    mismatches: [
      { order: `PO-1${HOSTILE}`, plant: 'DE01', line: 'L1', field: 'confirmation 0010 good', mes: 120, erp: 100, uom: 'EA' },
      { order: 'PO-2', plant: 'DE01', line: 'L1', field: `consumption ${FORMULA}`, mes: 'EA', erp: 'KG' },
    ],
    gaps: [
      {
        kind: 'quantity',
        interface: 'confirmation',
        plant: 'DE01',
        line: 'L1',
        order: 'PO-1',
        businesskeys: ['K-1', `K-2,"x"\r\n${HOSTILE}`],
        mes: '120 EA',
        erp: '100 EA',
        delta: 20,
        summary: `operation 0010: MES 120 EA, ERP 100 EA (Δ +20 EA)`,
        rows: [
          { material: `PUMP${HOSTILE}`, lot: null, operation: '0010', measure: 'good', mes: { qty: 120, uom: 'EA' }, erp: { qty: 100, uom: 'EA' }, delta: { qty: 20, uom: 'EA' } },
          { material: `PUMP${HOSTILE}`, lot: null, operation: '0020', measure: 'good', mes: { qty: 7, uom: 'PC' }, erp: null, delta: { qty: 7, uom: 'PC' } },
        ],
        openedAt: '2026-03-02T07:00:00.000Z',
        ageMs: 5_400_000,
        cause: `confirmation dead-lettered: ${HOSTILE}`,
        causeChain: [{ text: HOSTILE, eventId: `m-1${HOSTILE}`, category: 'data-quality' }, { text: 'confirmation K-1 dead-lettered (data-quality)', eventId: 'm-1', businesskey: 'K-1' }],
        rootCause: 'data-quality',
      },
      {
        kind: 'duplicate-posting',
        interface: 'confirmation',
        plant: 'DE01',
        line: 'L1',
        order: 'PO-3',
        businesskeys: ['K-9'],
        mes: '50 EA',
        erp: '100 EA',
        delta: -50,
        summary: 'ERP posted K-9 twice: 2 × 50 EA = 100 EA of operation 0010 for 50 EA reported, 50 EA over-posted',
        rows: [{ material: 'PUMP', lot: null, operation: '0010', measure: 'good', mes: { qty: 50, uom: 'EA' }, erp: { qty: 100, uom: 'EA' }, delta: { qty: -50, uom: 'EA' }, note: 'K-9 posted twice' }],
        openedAt: '2026-03-02T08:00:00.000Z',
        ageMs: 60_000,
        cause: FORMULA,
        causeChain: [{ text: FORMULA }],
        rootCause: null,
      },
    ],
    exceptions: [
      {
        messageId: 'm-1',
        businesskey: 'K-1',
        category: 'data-quality',
        reason: `unknown UoM ${HOSTILE}`,
        plant: 'DE01',
        line: 'L1',
        order: 'PO-1',
        interface: 'confirmation',
        messageType: 'mes.operation.confirmed',
        at: '2026-03-02T06:55:00.000Z',
      },
    ],
  };
}
