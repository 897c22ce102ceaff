import { useEffect, useState } from 'react';
import type { EventTemplate } from '../../../engine/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { errorMessage } from '../../format.js';
import { selectConnection } from '../../store/selectors.js';
import { useStore } from '../../store/store.js';

export type TemplatesState = { readonly templates: readonly EventTemplate[] | null; readonly error: string | null };

/** The injectable event types with their payload fields, read once the host is reachable. */
export function useTemplates(): TemplatesState {
  const api = useApi();
  const connection = useStore(selectConnection);
  const [state, setState] = useState<TemplatesState>({ templates: null, error: null });
  const loaded = state.templates !== null;
  useEffect(() => {
    if (connection !== 'open' || loaded) return;
    let live = true;
    api.queries['events.templates']().then(
      (templates) => live && setState({ templates, error: null }),
      (err: unknown) => live && setState({ templates: null, error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [api, connection, loaded]);
  return state;
}
