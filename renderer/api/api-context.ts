import { createContext, useContext } from 'react';
import type { WsLinesightApi } from './ws.js';

/** The one API the UI talks to, provided once at the root (main.tsx). */
export const ApiContext = createContext<WsLinesightApi | null>(null);

export function useApi(): WsLinesightApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiContext>');
  return api;
}
