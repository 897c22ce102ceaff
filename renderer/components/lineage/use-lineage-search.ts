import { useEffect, useState } from 'react';
import type { LineageSearchResult } from '../../../engine/contract/index.js';
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
  // the answer and the term it answers: another term is searching until its own answer arrives
  const [answer, setAnswer] = useState<{ readonly term: string; readonly state: SearchState } | null>(null);

  useEffect(() => {
    let live = true;
    api.queries['lineage.search']({ query: term }).then(
      (r) => live && setAnswer({ term, state: { status: 'done', matches: r.matches } }),
      (err: unknown) => live && setAnswer({ term, state: { status: 'failed', error: errorMessage(err) } }),
    );
    return () => {
      live = false;
    };
  }, [api, term]);

  return answer !== null && answer.term === term ? answer.state : SEARCHING;
}

const SEARCHING: SearchState = { status: 'searching' };
