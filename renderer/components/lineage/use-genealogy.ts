import { useEffect, useState } from 'react';
import type { LotGenealogy } from '../../../engine/api/contract.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';

export type GenealogyState =
  | { readonly status: 'loading' }
  | { readonly status: 'done'; readonly genealogy: LotGenealogy }
  | { readonly status: 'failed'; readonly error: string };

/** A lot's genealogy, `depth` orders up and down (the API's default: 2). */
export function useGenealogy(lot: string, depth?: number): GenealogyState {
  const api = useApi();
  const [state, setState] = useState<GenealogyState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    api.queries['genealogy.forLot'](depth === undefined ? { lot } : { lot, depth }).then(
      (genealogy) => live && setState({ status: 'done', genealogy }),
      (err: unknown) => live && setState({ status: 'failed', error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [api, lot, depth]);

  return state;
}
