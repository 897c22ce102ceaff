import { checkLineageCompareArgs, diffLineages } from '../session/lineage-diff.js';
import type { HostContext } from './host-context.js';
import type { Handlers } from './registry.js';

/** An order's lineage, searches for one, a lot's genealogy, and two orders compared hop by hop — all read from the journal. */
export function lineageHandlers(ctx: HostContext): Handlers<'lineage.forOrder' | 'lineage.search' | 'genealogy.forLot' | 'lineage.compare'> {
  const { journal } = ctx;
  return {
    'lineage.forOrder': async (args) => journal.lineageForOrder(args),
    'lineage.search': async (args) => journal.searchLineage(args),
    'genealogy.forLot': async (args) => journal.genealogyForLot(args),
    'lineage.compare': async (args) => {
      const { a, b } = checkLineageCompareArgs(args);
      return diffLineages(journal.lineageForOrder(a), journal.lineageForOrder(b));
    },
  };
}
