import type { ReversalResult } from '../../../engine/contract/index.js';

/** One sentence for a status line: e.g. "Reversal PO-1/CONF/0010/1/REV/1 sent for PO-1/CONF/0010/1." */
export function describeReversal(r: ReversalResult): string {
  if (r.refused !== null) return `Reversal of ${r.reverses} refused: ${r.refused}`;
  const key = r.preview.ok ? r.preview.reversalKey : r.reverses;
  return `Reversal ${key} sent for ${r.reverses}${r.preview.ok && r.preview.closesGap ? `: gap ${r.preview.closesGap} closes once ERP posts it` : ''}.`;
}
