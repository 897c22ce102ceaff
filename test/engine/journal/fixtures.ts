import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rfc3339, sourceOf, type AnyEvent, type LedgerEntry, type QuarantineRecord } from '../../../model/index.js';

/** A fresh temp directory and a cleanup for it. */
export function tempDir(prefix = 'linesight-journal-'): { dir: string; path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const T0 = Date.UTC(2026, 2, 2, 6, 0, 0);

/** The i-th event of a small, valid order conversation on line L1 (keys in writing order, not sorted). */
export function orderEvent(i: number, order = `PO-${1000 + Math.floor(i / 4)}`): AnyEvent {
  const time = rfc3339(T0 + i * 1000);
  switch (i % 4) {
    case 0:
      return {
        specversion: '1.0',
        id: `evt-${i}`,
        source: sourceOf('P1', 'L1', 'erp'),
        type: 'erp.order.released',
        time,
        subject: order,
        datacontenttype: 'application/json',
        data: { order, item: 'WIDGET', qty: 100, uom: 'EA', routing: 'R1', revision: 'A' },
        correlationid: order,
        businesskey: `${order}/release`,
        plant: 'P1',
        line: 'L1',
        sequence: String(i),
        origin: 'simulated',
      };
    case 1:
      return {
        specversion: '1.0',
        id: `evt-${i}`,
        source: sourceOf('P1', 'L1', 'mes'),
        type: 'mes.material.consumed',
        time,
        subject: order,
        datacontenttype: 'application/json',
        data: { order, item: 'STEEL', lot: `LOT-${order}`, qty: 12.5, uom: 'KG' },
        correlationid: order,
        causationid: `evt-${i - 1}`,
        businesskey: `${order}/consume/${i}`,
        plant: 'P1',
        line: 'L1',
        lot: `LOT-${order}`,
        sequence: String(i),
        origin: 'simulated',
      };
    case 2:
      return {
        specversion: '1.0',
        id: `evt-${i}`,
        source: sourceOf('P1', 'L2', 'mes'),
        type: 'mes.operation.confirmed',
        time,
        subject: order,
        datacontenttype: 'application/json',
        data: { order, operation: '0010', workCenter: 'WC1', goodQty: 98, scrapQty: 2, uom: 'EA', final: true },
        correlationid: order,
        causationid: `evt-${i - 2}`,
        businesskey: `${order}/confirm/${i}`,
        plant: 'P1',
        line: 'L2',
        sequence: String(i),
        origin: 'simulated',
      };
    default:
      return {
        specversion: '1.0',
        id: `evt-${i}`,
        source: sourceOf('P1', 'L2', 'erp'),
        type: 'erp.confirmation.posted',
        time,
        subject: order,
        datacontenttype: 'application/json',
        data: { order, operation: '0010', goodQty: 98, scrapQty: 2, uom: 'EA', document: `DOC-${i}` },
        correlationid: order,
        causationid: `evt-${i - 1}`,
        businesskey: `${order}/confirm/${i - 1}`,
        plant: 'P1',
        line: 'L2',
        sequence: String(i),
        origin: 'simulated',
      };
  }
}

/** The same object with keys sorted at every level, as the simulator builds events. */
export function sortedKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(sortedKeys) as T;
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortedKeys((v as Record<string, unknown>)[k]);
  return out as T;
}

export function quarantineRecord(n: number): QuarantineRecord {
  return { time: rfc3339(T0 + n), source: '/P1/L1/mes', reason: 'not-json', detail: 'Unexpected token', raw: new Uint8Array([0x7b, 0x7b, n & 0xff]) };
}

export function ledgerEntry(n: number): LedgerEntry {
  return {
    time: rfc3339(T0 + n),
    kind: 'drop',
    effect: 'dropped',
    plant: 'P1',
    line: 'L2',
    messageId: `evt-${n}`,
    messageType: 'mes.operation.confirmed',
    businesskey: `PO-1000/confirm/${n}`,
    order: 'PO-1000',
    needsPosting: true,
    detail: 'dropped on the MES→ERP interface',
  };
}
