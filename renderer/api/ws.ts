/**
 * `LinesightApi` over the browser host's WebSocket (`/api`, protocol in engine/api/wire.ts).
 *
 * Requests carry a numeric id and wait in a pending map for the reply with the same id. Calls made
 * while the socket is down wait in an outbox and go out when it opens. A request that was already
 * sent when the socket drops is rejected (we cannot know whether the host applied it); the socket
 * then reconnects with exponential backoff.
 */
import type {
  Frame,
  FrameListener,
  LinesightApi,
} from '../../engine/contract/index.js';
import { remoteCalls } from './remote-calls.js';

export type ConnectionState = 'connecting' | 'open' | 'closed';

/** The contract plus what only a network transport has: connection state and shutdown. */
export type WsLinesightApi = LinesightApi & {
  connection(): ConnectionState;
  /** Subscribe to connection changes; returns the function that unsubscribes. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Close for good: rejects pending calls and stops reconnecting. */
  close(): void;
};

export type WsOptions = {
  /** first reconnect delay (default 250 ms), doubled per failed attempt */
  readonly initialDelayMs?: number;
  /** reconnect delay cap (default 10 s) */
  readonly maxDelayMs?: number;
  /** a call without a reply after this long is rejected (default 60 s) */
  readonly timeoutMs?: number;
};

type Pending = {
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
};

type Outgoing = { readonly id: number; readonly text: string };

/** The `/api` WebSocket URL of the page's own host (ws: for http:, wss: for https:). */
export function defaultWsUrl(loc: Location = window.location): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}/api`;
}

export function connectWs(url: string, options: WsOptions = {}): WsLinesightApi {
  const initialDelayMs = options.initialDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 60_000;

  const pending = new Map<number, Pending>();
  const outbox: Outgoing[] = [];
  const frameListeners = new Set<FrameListener>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let state: ConnectionState = 'closed';
  let delayMs = initialDelayMs;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let closedForGood = false;

  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    for (const l of connectionListeners) l(next);
  };

  const open = (): void => {
    reconnectTimer = null;
    setState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      delayMs = initialDelayMs;
      setState('open');
      for (const msg of outbox.splice(0)) {
        if (pending.has(msg.id)) ws.send(msg.text);
      }
    };
    ws.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data === 'string') receive(ev.data);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      // Sent but unanswered: the host may or may not have applied them, so the caller must decide.
      for (const [id, p] of pending) {
        if (outbox.some((o) => o.id === id)) continue;
        pending.delete(id);
        clearTimeout(p.timer);
        p.reject(new Error('connection lost before the host replied'));
      }
      setState('closed');
      if (!closedForGood) scheduleReconnect();
    };
    // onerror is always followed by onclose, which does the work
  };

  const scheduleReconnect = (): void => {
    if (reconnectTimer !== null) return;
    const jitter = Math.random() * delayMs * 0.2;
    reconnectTimer = setTimeout(open, delayMs + jitter);
    delayMs = Math.min(delayMs * 2, maxDelayMs);
  };

  const receive = (text: string): void => {
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      return; // not ours to crash on; the host only sends JSON
    }
    if (!isObject(msg)) return;
    if (msg['kind'] === 'frame' && isObject(msg['frame'])) {
      const frame = msg['frame'] as Frame;
      for (const l of frameListeners) {
        try {
          l(frame);
        } catch (err) {
          console.error('frame listener threw', err);
        }
      }
      return;
    }
    if (typeof msg['id'] !== 'number' || typeof msg['ok'] !== 'boolean') return;
    const p = pending.get(msg['id']);
    if (!p) return;
    pending.delete(msg['id']);
    clearTimeout(p.timer);
    if (msg['ok']) p.resolve(msg['result']);
    else p.reject(new Error(errorText(msg['error'])));
  };

  const request = (kind: 'command' | 'query', name: string, args: unknown): Promise<unknown> => {
    if (closedForGood) return Promise.reject(new Error('connection closed'));
    const id = nextId++;
    const text = JSON.stringify({ id, kind, name, args: args ?? null });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${name}: no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, { resolve, reject, timer });
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(text);
      else outbox.push({ id, text });
    });
  };

  const { commands, queries } = remoteCalls(request);

  const contract = {
    commands,
    queries,
    onFrame(listener: FrameListener) {
      frameListeners.add(listener);
      return () => {
        frameListeners.delete(listener);
      };
    },
  } satisfies LinesightApi;

  const api: WsLinesightApi = {
    ...contract,
    connection: () => state,
    onConnection(listener: (s: ConnectionState) => void) {
      connectionListeners.add(listener);
      return () => {
        connectionListeners.delete(listener);
      };
    },
    close() {
      closedForGood = true;
      if (reconnectTimer !== null) clearTimeout(reconnectTimer);
      for (const p of pending.values()) {
        clearTimeout(p.timer);
        p.reject(new Error('connection closed'));
      }
      pending.clear();
      outbox.length = 0;
      socket?.close();
      socket = null;
      setState('closed');
    },
  };

  open();
  return api;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The wire's error is a string or `{ code, message }` (engine/api/wire.ts); show what we can. */
function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (isObject(error) && typeof error['message'] === 'string') {
    // a refusal of the engine says why itself; only a malformed request or an unknown call is worth naming
    return typeof error['code'] === 'string' && error['code'] !== 'failed' ? `${error['message']} (${error['code']})` : error['message'];
  }
  return 'the host refused the request';
}
