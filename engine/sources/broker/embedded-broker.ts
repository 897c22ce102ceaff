/**
 * An MQTT broker inside Linesight, for commissioning without a plant network: a line's gateway
 * connects straight to the engineer's PC. aedes runs on its own worker thread; this is its handle.
 */
import { Worker } from 'node:worker_threads';
import { workerScript } from '../../worker-script.js';
import { EmbeddedBrokerError, settle, type EmbeddedBrokerOptions } from './broker-options.js';
import type { BrokerStatus, BrokerWorkerInit, FromBrokerWorker, ToBrokerWorker } from './broker-protocol.js';

export type EmbeddedBroker = {
  readonly host: string;
  /** the port bound (the free one picked when asked for 0) */
  readonly port: number;
  /** `mqtt://host:port`, for clients and `linesight serve --broker` */
  readonly url: string;
  /** counters since start; rejects once closed */
  status(): Promise<BrokerStatus>;
  /** settles when the broker stops: `undefined` after close(), the error if its thread died */
  readonly ended: Promise<Error | undefined>;
  /** disconnect every client, free the port and stop the thread; safe to call twice */
  close(): Promise<void>;
};

/**
 * Start the broker; resolves once it listens. Rejects with `EmbeddedBrokerError`: `options`
 * (refused before binding, e.g. a non-loopback host without credentials) or the bind failure
 * (`in-use`, `unavailable`, `denied`) with a one-line message.
 */
export async function startEmbeddedBroker(opts: EmbeddedBrokerOptions = {}): Promise<EmbeddedBroker> {
  const init: BrokerWorkerInit = settle(opts);
  const worker = new Worker(workerScript(import.meta.url, 'engine/sources/broker/broker-worker.js', 'broker worker'), { workerData: init });
  const asked = new Map<number, { resolve(s: BrokerStatus): void; reject(err: Error): void }>();
  let nextId = 1;
  let closing: Promise<void> | undefined;
  let stopped: Error | undefined;
  let onStart: { resolve(port: number): void; reject(err: Error): void } | undefined;
  let onClosed: (() => void) | undefined;
  let onEnded: ((err: Error | undefined) => void) | undefined;
  const ended = new Promise<Error | undefined>((resolve) => (onEnded = resolve));

  const stop = (err: Error) => {
    stopped ??= err;
    onEnded?.(closing ? undefined : err);
    for (const a of asked.values()) a.reject(err);
    asked.clear();
    onStart?.reject(err);
    onClosed?.();
  };
  const started = new Promise<number>((resolve, reject) => (onStart = { resolve, reject }));
  worker.on('message', (m: FromBrokerWorker) => {
    switch (m.op) {
      case 'listening':
        onStart?.resolve(m.port);
        return;
      case 'failed':
        stop(new EmbeddedBrokerError(m.code, m.message));
        // a thread that failed after listening may still hold the port and keep the process alive
        void worker.terminate();
        return;
      case 'status':
        asked.get(m.id)?.resolve(m.status);
        asked.delete(m.id);
        return;
      case 'closed':
        onClosed?.();
        return;
    }
  });
  worker.on('error', (err) => stop(new EmbeddedBrokerError('failed', `broker thread crashed: ${err.message}`)));
  worker.on('exit', (code) => stop(new EmbeddedBrokerError('failed', `broker thread exited (code ${code})`)));

  let port: number;
  try {
    port = await started;
  } catch (err) {
    await worker.terminate();
    throw err;
  }

  const host = init.host;
  return {
    host,
    port,
    url: `mqtt://${host.includes(':') ? `[${host}]` : host}:${port}`,
    ended,
    status() {
      if (stopped) return Promise.reject(new Error(`broker status refused: ${stopped.message}`));
      return new Promise((resolve, reject) => {
        const id = nextId++;
        asked.set(id, { resolve, reject });
        worker.postMessage({ op: 'status', id } satisfies ToBrokerWorker);
      });
    },
    close() {
      closing ??= (async () => {
        if (!stopped) {
          const closed = new Promise<void>((resolve) => (onClosed = resolve));
          worker.postMessage({ op: 'close' } satisfies ToBrokerWorker);
          await closed;
        }
        stopped ??= new Error('the broker is closed');
        await worker.terminate();
        onEnded?.(undefined);
      })();
      return closing;
    },
  };
}

