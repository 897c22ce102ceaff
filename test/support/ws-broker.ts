// Test harness: an MQTT broker reachable over WebSockets (aedes in this process, behind `ws`),
// for the ws:// path of a broker connection. Debian's Mosquitto 2.0.11 here cannot open a
// websockets listener, so this stands in for a plant broker's ws:// endpoint.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import { createWebSocketStream, WebSocketServer } from 'ws';

export type WsBroker = { readonly url: string; stop(): Promise<void> };

export async function startWsBroker(): Promise<WsBroker> {
  const broker = await Aedes.createBroker();
  const http = createServer();
  const wss = new WebSocketServer({ server: http, handleProtocols: (protocols) => (protocols.has('mqtt') ? 'mqtt' : false) });
  wss.on('connection', (socket) => broker.handle(createWebSocketStream(socket)));
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    async stop() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((done) => wss.close(() => done()));
      await new Promise<void>((done) => http.close(() => done()));
      await new Promise<void>((done) => broker.close(() => done()));
    },
  };
}
