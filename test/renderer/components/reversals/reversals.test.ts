import { describe, expect, it } from 'vitest';
import type { Lineage, LineageNode, ReversalResult, SessionInfo } from '../../../../engine/contract/index.js';
import { DEFAULT_LAYOUT, layoutTimeline, placeEdgeLabels } from '../../../../renderer/components/lineage/layout.js';
import { summarize } from '../../../../renderer/components/lineage/outcome.js';
import { describeReversal } from '../../../../renderer/components/reversals/describe-reversal.js';
import { REVERSAL_TYPES, REVERSIBLE_POSTINGS } from '../../../../renderer/components/reversals/reversal-types.js';
import { REVERSAL_RULES, type AnyEvent } from '../../../../model/index.js';

const T0 = Date.parse('2026-03-02T14:00:00.000Z');
const node = (id: string, type: string, system: LineageNode['system'], atMs: number): LineageNode => ({
  id,
  type,
  system,
  time: new Date(T0 + atMs).toISOString(),
  timeMs: T0 + atMs,
  businesskey: 'PO-1/CONF/0010/1',
  plant: 'US01',
  line: 'L2',
  order: 'PO-1',
});

describe('which events take part in reversals', () => {
  it('mirrors the model: the postings an operator may reverse, and every reversal message and posting', () => {
    expect([...REVERSIBLE_POSTINGS].sort()).toEqual([...new Set(REVERSAL_RULES.map((r) => r.postedAs))].sort());
    expect([...REVERSAL_TYPES].sort()).toEqual([...new Set(REVERSAL_RULES.flatMap((r) => [r.message, r.posting]))].sort());
  });
});

describe('a reversal on the lineage timeline', () => {
  const nodes = [node('p1', 'erp.confirmation.posted', 'erp', 0), node('p2', 'erp.confirmation.posted', 'erp', 60_000), node('r1', 'erp.confirmation.cancelled', 'erp', 720_000)];
  const lineage = (via: 'reverses' | 'businesskey'): Lineage => ({
    nodes,
    edges: [{ from: 'r1', to: 'p2', via, latencyMs: -660_000 }],
    lanes: [{ system: 'erp', nodes: nodes.map((n) => n.id) }],
  });

  it('is drawn apart from cause → effect, labelled with the time between posting and reversal', () => {
    const layout = layoutTimeline(lineage('reverses'), { ...DEFAULT_LAYOUT, width: 1000 });
    expect(layout.edges).toEqual([expect.objectContaining({ from: 'r1', to: 'p2', reverses: true, crossLane: false, label: 'reversal 11 min 0 s' })]);
    const plain = layoutTimeline(lineage('businesskey'), { ...DEFAULT_LAYOUT, width: 1000 });
    expect(plain.edges[0]).toMatchObject({ reverses: false, label: 'ERP → ERP −11 min 0 s' });
  });

  it('keeps its label even when nothing is selected and it stays within one lane', () => {
    const layout = layoutTimeline(lineage('reverses'), { ...DEFAULT_LAYOUT, width: 1000 });
    expect(placeEdgeLabels(layout, null).map((l) => l.edge.label)).toEqual(['reversal 11 min 0 s']);
  });

  it('says in the table what a reversal nets and who asked for it', () => {
    const e = (type: string, data: Record<string, unknown>) => ({ type, data }) as unknown as AnyEvent;
    expect(summarize(e('erp.confirmation.cancelled', { reverses: 'PO-1/CONF/0010/1', operation: '0010', goodQty: 14, scrapQty: 0, uom: 'EA' }))).toBe(
      'reverses PO-1/CONF/0010/1: operation 0010, 14 good, 0 scrap EA',
    );
    expect(summarize(e('mes.consumption.reversed', { reverses: 'K', qty: 2, uom: 'KG', item: 'SEAL' }))).toBe('reverses K: 2 KG SEAL');
    expect(summarize(e('erp.goods.reversed', { reverses: 'K', qty: 14, uom: 'EA', item: 'PUMP', lot: 'FG-1' }))).toBe('reverses K: 14 EA PUMP from lot FG-1');
    expect(summarize(e('operator.reversal-requested', { who: 'ana', why: 'posted twice', reverses: 'K' }))).toBe('ana asked ERP to reverse K: posted twice');
  });
});

describe('the status line after a reversal', () => {
  const info = {} as SessionInfo;
  it('names the reversal sent and the gap it closes, or the refusal', () => {
    const sent: ReversalResult = {
      reverses: 'K',
      actions: ['a'],
      messages: ['m'],
      refused: null,
      info,
      preview: {
        ok: true,
        key: 'K',
        reversalKey: 'K/REV/1',
        messageType: 'mes.confirmation.cancelled',
        order: 'PO-1',
        plant: 'US01',
        line: 'L2',
        iface: 'confirmation',
        label: '0010',
        lot: '',
        qty: 14,
        scrap: 0,
        uom: 'EA',
        postingsBefore: 2,
        postingsAfter: 1,
        closesGap: 'duplicate-posting:K',
        summary: '…',
        unposted: [],
      },
    };
    expect(describeReversal(sent)).toBe('Reversal K/REV/1 sent for K: gap duplicate-posting:K closes once ERP posts it.');
    expect(describeReversal({ ...sent, actions: [], messages: [], refused: 'a replay cannot', preview: { ok: false, refused: 'a replay cannot', unposted: [] } })).toBe(
      'Reversal of K refused: a replay cannot',
    );
  });
});
