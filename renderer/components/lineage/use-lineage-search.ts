import { useEffect, useState } from 'react';
import type { LineageSearchResult } from '../../../engine/api/contract.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';

export type Match = LineageSearchResult['matches'][number];

export type SearchState =
  | { readonly status: 'searching' }
  | { readonly status: 'done'; readonly matches: readonly Match[] }
  | { readonly status: 'failed'; readonly error: string };

/** The orders a term (order id, lot, business key or event id) leads to. */
export function useLineageSearch(term: string): SearchState {
  const api = useApi();
  const [state, setState] = useState<SearchState>({ status: 'searching' });

  useEffect(() => {
    let live = true;
    setState({ status: 'searching' });
    api.queries['lineage.search']({ query: term }).then(
      (r) => live && setState({ status: 'done', matches: r.matches }),
      (err: unknown) => live && setState({ status: 'failed', error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [api, term]);

  return state;
}
