import { useEffect, useState } from 'react';
import type { AnyEvent } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';
import { selectConnection } from '../../store/selectors.js';
import { useStore } from '../../store/store.js';

export type JournaledEvent =
  | { readonly state: 'none' }
  | { readonly state: 'loading' }
  | { readonly state: 'found'; readonly event: AnyEvent }
  | { readonly state: 'failed'; readonly message: string };

/**
 * A journaled event by id. There is no by-id query: the search leads from the id to its order, and
 * the order's lineage holds the event.
 */
export function useJournaledEvent(id: string | undefined): JournaledEvent {
  const api = useApi();
  const connection = useStore(selectConnection);
  const [result, setResult] = useState<JournaledEvent>(id ? { state: 'loading' } : { state: 'none' });
  useEffect(() => {
    if (!id || connection !== 'open') return;
    let live = true;
    const find = async (): Promise<JournaledEvent> => {
      const { matches } = await api.queries['lineage.search']({ query: id });
      const order = matches.find((m) => m.matchedBy === 'event')?.order ?? matches[0]?.order;
      if (!order) return { state: 'failed', message: `no journaled event has the id ${id} in this session` };
      const { events } = await api.queries['lineage.forOrder']({ order });
      const stored = events.find((e) => e.event.id === id);
      return stored ? { state: 'found', event: stored.event } : { state: 'failed', message: `event ${id} is not in the lineage of order ${order}` };
    };
    find().then(
      (r) => live && setResult(r),
      (err: unknown) => live && setResult({ state: 'failed', message: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [api, connection, id]);
  return result;
}
