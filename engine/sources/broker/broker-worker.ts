/**
 * Entry of the embedded broker's worker thread: aedes behind a `net` server, so a flood of plant
 * traffic never competes with the engine or the UI thread. Loaded from `dist/` (a worker cannot
 * load .ts on Node 20) — see embedded-broker.ts.
 */
import type { EventEmitter } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { Aedes, type AuthenticateError } from 'aedes';
import { boundOutgoingQueues, type OutgoingStore } from './bounded-queues.js';
import type { BrokerWorkerInit, FromBrokerWorker, ToBrokerWorker } from './broker-protocol.js';
import { createLoginCheck } from './credentials.js';
import { createFrameGuard, FRAME_OVERHEAD_BYTES } from './frame-guard.js';
import { boundSlowClient, type DeliveringClient } from './slow-clients.js';

/** CONNACK return code 4 (MQTT 3.1.1): "bad user name or password". */
const BAD_USERNAME_OR_PASSWORD = 4;

async function run(port: MessagePort, init: BrokerWorkerInit): Promise<void> {
  const post = (m: FromBrokerWorker) => port.postMessage(m);
  const counts = { published: 0, dropped: 0, oversize: 0, slow: 0 };
  const check = init.credentials ? createLoginCheck(init.credentials.username, init.credentials.password) : undefined;

  const broker = await Aedes.createBroker({
    // a client whose buffer stays full is cut after this (aedes' default is 60 s); one that stops
    // reading while messages reach it is cut sooner, by size (slow-clients.ts)
    drainTimeout: 30_000,
    ...(check
      ? {
          authenticate: (_client, username, password, done) => {
            if (check(username, password)) return done(null, true);
            const err = new Error('bad username or password') as AuthenticateError;
            err.returnCode = BAD_USERNAME_OR_PASSWORD;
            done(err, false);
          },
        }
      : {}),
    // the frame guard closes the connection first; this catches the few bytes of topic allowance
    authorizePublish: (_client, packet, done) => {
      if (packet.payload.length > init.maxMessageBytes) {
        counts.oversize++;
        return done(new Error(`message of ${packet.payload.length} bytes is above the limit of ${init.maxMessageBytes}`));
      }
      done(null);
    },
  });
  // aedes' types do not declare the persistence it creates; it is aedes-persistence's memory store
  const store = (broker as unknown as { persistence: OutgoingStore }).persistence;
  boundOutgoingQueues(store, { maxMessages: init.maxQueuedMessages, maxBytes: init.maxQueuedBytes }, () => counts.dropped++);
  // aedes emits 'error' when its store fails; unhandled, that would end the thread without a word
  const emitter: EventEmitter = broker; // aedes' types leave out its 'error' event
  emitter.on('error', (err: Error) => post({ op: 'failed', code: 'failed', message: `the broker failed: ${err.message}` }));
  broker.on('publish', (_packet, client) => {
    if (client) counts.published++;
  });

  const maxFrame = init.maxMessageBytes + FRAME_OVERHEAD_BYTES;
  const sockets = new Set<Socket>();
  const server = createServer((socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const client = broker.handle(socket);
    // before it can subscribe: one client that stops reading must not stall the others
    boundSlowClient(client as unknown as DeliveringClient, socket, init.maxOutgoingBytes, () => counts.slow++);
    // Attached after aedes' 'readable' listener, 'data' only observes what aedes reads (no flowing mode).
    const guard = createFrameGuard(maxFrame);
    socket.on('data', (chunk: Buffer) => {
      if (guard(chunk) !== undefined) {
        counts.oversize++;
        socket.destroy();
      }
    });
  });

  const since = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(init.port, init.host, () => {
      server.off('error', reject);
      resolve(Date.now());
    });
  }).catch((err: NodeJS.ErrnoException) => {
    broker.close();
    post(bindFailure(err, init));
    return undefined;
  });
  if (since === undefined) return;
  // errors after startup (a reset connection) are the client's problem, not the broker's
  server.on('error', () => {});

  let closing = false;
  port.on('message', (m: ToBrokerWorker) => {
    if (m.op === 'status') {
      post({ op: 'status', id: m.id, status: { clients: broker.connectedClients, ...counts, since } });
      return;
    }
    if (closing) return;
    closing = true;
    // Stop accepting, let aedes close its clients, then drop connections that never sent CONNECT;
    // server.close calls back once every socket is gone, so the port is free when 'closed' is posted.
    server.close(() => post({ op: 'closed' }));
    broker.close(() => {
      for (const s of sockets) s.destroy();
    });
  });
  const address = server.address();
  post({ op: 'listening', port: typeof address === 'object' && address !== null ? address.port : init.port });
}

function bindFailure(err: NodeJS.ErrnoException, init: BrokerWorkerInit): FromBrokerWorker {
  switch (err.code) {
    case 'EADDRINUSE':
      return { op: 'failed', code: 'in-use', message: `port ${init.port} on ${init.host} is in use; pick another` };
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { op: 'failed', code: 'unavailable', message: `${init.host} is not an address of this machine` };
    case 'EACCES':
      return { op: 'failed', code: 'denied', message: `port ${init.port} on ${init.host} needs privileges this user lacks; pick one above 1023` };
    default:
      return { op: 'failed', code: 'failed', message: `cannot listen on ${init.host}:${init.port}: ${err.message}` };
  }
}

if (!parentPort) throw new Error('broker-worker.ts must run as a worker thread');
const port = parentPort;
run(port, workerData as BrokerWorkerInit).catch((err: unknown) => {
  port.postMessage({ op: 'failed', code: 'failed', message: `the broker did not start: ${(err as Error).message}` } satisfies FromBrokerWorker);
});
