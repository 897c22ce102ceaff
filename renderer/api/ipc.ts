/**
 * `LinesightApi` over the desktop shell's preload bridge (`window.linesight`, electron/preload.ts).
 * Same shape as the WebSocket transport so the UI cannot tell the hosts apart; IPC has no connection
 * to lose, so it is always 'open'.
 */
import type {
  Frame,
  FrameListener,
  LinesightApi,
} from '../../engine/contract/index.js';
import type { ConnectionState, WsLinesightApi } from './ws.js';
import { remoteCalls } from './remote-calls.js';
import type { LinesightBridge, SecretsBridge } from './bridge.js';

export type { LinesightBridge, SecretsBridge } from './bridge.js';

/** The preload's bridge when running in the desktop shell, else undefined (browser host). */
export function ipcBridge(win: Window = window): LinesightBridge | undefined {
  const candidate = (win as Window & { linesight?: unknown }).linesight;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const b = candidate as Partial<LinesightBridge>;
  return typeof b.call === 'function' && typeof b.onFrame === 'function' ? (b as LinesightBridge) : undefined;
}

/** The desktop app's secret store, or undefined (browser host, or a preload without it). */
export function secretsBridge(win: Window = window): SecretsBridge | undefined {
  const s: unknown = ipcBridge(win)?.secrets;
  if (typeof s !== 'object' || s === null) return undefined;
  const fns = s as Record<keyof SecretsBridge, unknown>;
  const complete = (['status', 'get', 'remember', 'forget'] as const).every((k) => typeof fns[k] === 'function');
  return complete ? (s as SecretsBridge) : undefined;
}

export function connectIpc(bridge: LinesightBridge): WsLinesightApi {
  let closed = false;
  const unsubscribers = new Set<() => void>();

  const request = async (kind: 'command' | 'query', name: string, args: unknown): Promise<unknown> => {
    if (closed) throw new Error('connection closed');
    const reply = await bridge.call(kind, name, args ?? null);
    if (isObject(reply) && reply['ok'] === true) return reply['result'];
    throw new Error(errorText(isObject(reply) ? reply['error'] : undefined));
  };

  const contract = {
    ...remoteCalls(request),
    onFrame(listener: FrameListener) {
      const off = bridge.onFrame((frame) => {
        if (!isObject(frame)) return;
        try {
          listener(frame as Frame);
        } catch (err) {
          console.error('frame listener threw', err);
        }
      });
      unsubscribers.add(off);
      return () => {
        unsubscribers.delete(off);
        off();
      };
    },
  } satisfies LinesightApi;

  return {
    ...contract,
    connection: (): ConnectionState => (closed ? 'closed' : 'open'),
    onConnection: () => () => {},
    close() {
      closed = true;
      for (const off of unsubscribers) off();
      unsubscribers.clear();
    },
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Same wording as the WebSocket transport: `message (code)`. */
function errorText(error: unknown): string {
  if (isObject(error) && typeof error['message'] === 'string') {
    return typeof error['code'] === 'string' ? `${error['message']} (${error['code']})` : error['message'];
  }
  return 'the host refused the request';
}
