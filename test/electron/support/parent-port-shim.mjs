/**
 * Loaded with `--import` into a Node child started by the fake `utilityProcess` (fake-utility-process.ts):
 * gives it Electron's `process.parentPort` over Node's IPC channel. Like Electron's, the port hands
 * messages over as `{ data, ports }` events, and queues them until a `message` listener is added.
 */
import { EventEmitter } from 'node:events';

const port = new EventEmitter();
const queued = [];
const deliver = () => {
  while (queued.length > 0 && port.listenerCount('message') > 0) port.emit('message', { data: queued.shift(), ports: [] });
};
port.postMessage = (message) => process.send(message);
port.on('newListener', (event) => {
  if (event === 'message') queueMicrotask(deliver);
});
process.on('message', (data) => {
  queued.push(data);
  deliver();
});
// a utility process does not outlive the app
process.on('disconnect', () => process.exit(0));
process.parentPort = port;
