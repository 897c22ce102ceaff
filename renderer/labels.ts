/** Human labels for the model's names (kept as plain records: the renderer imports model/ as types only). */
import type { LineStats } from '../engine/contract/index.js';

export const EXCEPTION_LABELS: Readonly<Record<string, string>> = {
  technical: 'technical',
  'business-rule': 'business rule',
  'data-quality': 'data quality',
};

export const STATUS_LABELS: Readonly<Record<string, string>> = {
  idle: 'Idle — no session',
  running: 'Running',
  paused: 'Paused',
  finished: 'Finished',
};

/** Kinds of posting transit latency is split by (`LineStats.latencyByKind`). */
export const POSTING_KIND_LABELS: Readonly<Record<keyof LineStats['latencyByKind'], string>> = {
  confirmation: 'Confirmations',
  consumption: 'Consumptions',
  goodsReceipt: 'Goods receipts',
  status: 'Status (release acknowledged, stock blocked or released)',
};

/** Where the integration layer held messages (`LineStats.heldMs`): its gates, resequencing, store-and-forward. */
export const HOLD_LABELS: Readonly<Record<keyof LineStats['heldMs'], string>> = {
  'goods-receipt': 'goods-receipt gate',
  'lot-validity': 'lot-validity gate',
  'routing-revision': 'routing-revision gate',
  resequencing: 'resequencing',
  'store-and-forward': 'store-and-forward',
};
