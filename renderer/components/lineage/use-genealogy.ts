import { useEffect, useState } from 'react';
import type { LotGenealogy } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';

export type GenealogyState =
  | { readonly status: 'loading' }
  | { readonly status: 'done'; readonly genealogy: LotGenealogy }
  | { readonly status: 'failed'; readonly error: string };

/** A lot's genealogy, `depth` orders up and down (the API's default: 2). */
export function useGenealogy(lot: string, depth?: number): GenealogyState {
  const api = useApi();
  // the answer and the lot and depth it answers: another lot is loading until its own answer arrives
  const [answer, setAnswer] = useState<{ readonly lot: string; readonly depth: number | undefined; readonly state: GenealogyState } | null>(null);

  useEffect(() => {
    let live = true;
    api.queries['genealogy.forLot'](depth === undefined ? { lot } : { lot, depth }).then(
      (genealogy) => live && setAnswer({ lot, depth, state: { status: 'done', genealogy } }),
      (err: unknown) => live && setAnswer({ lot, depth, state: { status: 'failed', error: errorMessage(err) } }),
    );
    return () => {
      live = false;
    };
  }, [api, lot, depth]);

  return answer !== null && answer.lot === lot && answer.depth === depth ? answer.state : LOADING;
}

const LOADING: GenealogyState = { status: 'loading' };
