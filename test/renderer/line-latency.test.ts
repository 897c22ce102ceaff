import { describe, expect, it } from 'vitest';
import type { LineStats } from '../../engine/contract/index.js';
import { heldText, longestHold } from '../../renderer/line-latency.js';
import { appendPoint, createLineHistory, latest } from '../../renderer/store/line-history.js';

const none = { p50: null, p95: null, max: null, count: 0 };
const noneHeld = { ...none, totalMs: 0 };
const held = (p95: number, count = 3) => ({ p50: p95 / 2, p95, max: p95, count, totalMs: count * p95 });

/** A line whose receipts took 12 min in all, 20 s of it in transit. */
function line(heldMs: Partial<LineStats['heldMs']> = {}): LineStats {
  return {
    plant: 'DE01',
    line: 'L1',
    ordersReleased: 7,
    ordersCompleted: 7,
    ordersClosed: 7,
    queueDepth: 0,
    queueDepthMax: 8,
    oldestPendingMs: null,
    postingLatencyMs: { p50: 14_000, p95: 19_000, max: 25_000, count: 87 },
    latencyByKind: { confirmation: none, consumption: none, goodsReceipt: { p50: 15_000, p95: 20_000, max: 20_000, count: 7 }, status: none },
    heldMs: { 'goods-receipt': noneHeld, 'lot-validity': noneHeld, 'routing-revision': noneHeld, resequencing: noneHeld, 'store-and-forward': noneHeld, ...heldMs },
    openGaps: 0,
    duplicatesSuppressed: 0,
    controls: { duplicatesSuppressed: 0, resequenced: 0, gated: 0, retried: 0, deadLettered: 0, quarantined: 0, buffered: 0, forwarded: 0, discarded: 0 },
    missingMessages: 0,
    exceptions: { technical: 0, 'business-rule': 0, 'data-quality': 0 },
    idleSince: null,
  };
}

describe('time held on a line tile', () => {
  it('names the longest hold by p95, and where it was', () => {
    const l = line({ 'goods-receipt': held(12 * 60_000), resequencing: held(4_000) });
    expect(longestHold(l)).toEqual({ kind: 'goods-receipt', p95: 12 * 60_000 });
    expect(heldText(l)).toBe('12 min 0 s (goods-receipt gate)');
    expect(heldText(line({ 'store-and-forward': held(21 * 60_000), 'goods-receipt': held(12 * 60_000) }))).toBe('21 min 0 s (store-and-forward)');
    expect(heldText(line({ resequencing: held(400) }))).toBe('400 ms (resequencing)');
  });

  it('says none while the integration layer has reported no hold over', () => {
    expect(longestHold(line())).toBeNull();
    expect(heldText(line())).toBe('none');
  });
});

describe('a line history of time held', () => {
  it('keeps each kind of hold\'s p95 and the longest of them, apart from transit latency', () => {
    const h = createLineHistory(4);
    appendPoint(h, 1_000, line());
    expect(latest(h, 'heldP95')).toBeNull();
    expect(latest(h, 'p95')).toBe(19_000);
    appendPoint(h, 2_000, line({ 'goods-receipt': held(12 * 60_000), resequencing: held(4_000) }));
    expect(latest(h, 'heldGoodsReceipt')).toBe(12 * 60_000);
    expect(latest(h, 'heldResequencing')).toBe(4_000);
    expect(latest(h, 'heldStoreAndForward')).toBeNull();
    expect(latest(h, 'heldP95')).toBe(12 * 60_000);
    // transit latency stays what it was: the hold is not in it
    expect(latest(h, 'p95')).toBe(19_000);
  });
});
