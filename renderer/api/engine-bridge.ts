/**
 * The desktop app's engine process (`window.linesight.engine`, electron/preload.ts and
 * electron/engine-host.ts): whether it runs, why it stopped, and its restart. The browser host has
 * none — there the engine lives in `linesight serve`, and a lost connection is the connection status.
 * Free of the DOM (like pdf-bridge.ts), so its tests run under Node: components hand it `ipcBridge()`.
 */
import type { LinesightBridge } from './bridge.js';

/** The engine's state as the main process says it. */
export type EngineState =
  | { readonly state: 'starting' }
  | { readonly state: 'running' }
  | { readonly state: 'stopped'; readonly reason: string };

/** `window.linesight.engine` in the desktop shell. */
export type EngineBridge = {
  /** called with the state now, then on each change; returns the function that unsubscribes */
  onState(callback: (state: unknown) => void): () => void;
  restart(): Promise<unknown>;
};

/** The engine bridge in the preload's bridge (`ipcBridge()`), or undefined (browser host, or a preload without it). */
export function engineBridgeOf(bridge: LinesightBridge | undefined): EngineBridge | undefined {
  const engine: unknown = (bridge as { engine?: unknown } | undefined)?.engine;
  if (typeof engine !== 'object' || engine === null) return undefined;
  const fns = engine as Record<keyof EngineBridge, unknown>;
  return typeof fns.onState === 'function' && typeof fns.restart === 'function' ? (engine as EngineBridge) : undefined;
}

/** A state from the main process, checked; undefined for anything else. */
export function engineStateOf(value: unknown): EngineState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { state?: unknown; reason?: unknown };
  if (v.state === 'running' || v.state === 'starting') return { state: v.state };
  if (v.state === 'stopped') return { state: 'stopped', reason: typeof v.reason === 'string' && v.reason !== '' ? v.reason : 'no reason given' };
  return undefined;
}

/**
 * Whether the page must reload for `next`: an engine running again after it stopped is a new process
 * with a new session, and everything the console holds (session, frames, query results) was the old
 * one's. The first state seen (`prev` undefined) never reloads.
 */
export function reloadDue(prev: EngineState | undefined, next: EngineState): boolean {
  return prev !== undefined && prev.state !== 'running' && next.state === 'running';
}

/** Ask for a restart; resolves to the state after, rejects with the main process's words. */
export async function restartEngine(bridge: EngineBridge): Promise<EngineState> {
  let reply: unknown;
  try {
    reply = await bridge.restart();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(message.replace(/^Error invoking remote method '[^']*': (\w*Error: )?/, '').replace(/^linesight: /, ''), { cause: err });
  }
  const state = engineStateOf(reply);
  if (!state) throw new Error('the desktop app gave no answer about the engine');
  return state;
}
