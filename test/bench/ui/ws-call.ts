/** Calls to a running `linesight serve` from the UI benchmark (the page itself is driven by Playwright). */

/** One call over the `/api` WebSocket (protocol: engine/api/wire.ts) on a short-lived connection. */
export async function wsCall<T>(httpUrl: string, kind: 'command' | 'query', name: string, args: unknown = null): Promise<T> {
  const { WebSocket } = await import('ws');
  const ws = new WebSocket(httpUrl.replace(/^http/, 'ws') + '/api');
  try {
    return await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name}: no reply within 15 s`)), 15_000);
      ws.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      ws.once('open', () => ws.send(JSON.stringify({ id: 1, kind, name, args })));
      ws.on('message', (data) => {
        // one text message: ws hands it over as a Buffer (binaryType 'nodebuffer', its default)
        const msg = JSON.parse((data as Buffer).toString('utf8')) as { id?: unknown; ok?: boolean; result?: unknown; error?: { message?: string } };
        if (msg.id !== 1) return; // pushed frames
        clearTimeout(timer);
        if (msg.ok) resolve(msg.result as T);
        else reject(new Error(`${name}: ${msg.error?.message ?? 'refused'}`));
      });
    });
  } finally {
    ws.terminate();
  }
}
