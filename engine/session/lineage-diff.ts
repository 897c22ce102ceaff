import type { LineageDiff, OrderLineage } from '../api/contract.js';

// SEAM (issue 5, lineage compare): filled in by the lineage-compare work.

/** Two orders' lineages hop by hop. */
export function diffLineages(_a: OrderLineage, _b: OrderLineage): LineageDiff {
  throw new Error('lineage.compare is not available yet');
}
