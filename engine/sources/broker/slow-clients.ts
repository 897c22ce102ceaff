/**
 * Keeps one client that stops reading from stalling everyone, and from growing the broker.
 *
 * aedes hands each message to its subscribers through a pool of `concurrency` (100) slots, and a
 * slot is freed only once the message is written to the subscriber's socket — for a socket whose
 * buffer is full, once it drains, or after `drainTimeout`. A subscriber that never reads its socket
 * therefore holds every slot within about a hundred messages, and delivery to every other client
 * (and the PUBACKs of every publisher) waits for it until the timeout; then it starts again with
 * the next such client.
 *
 * Here a client's deliveries free their slot as soon as the message is queued on its socket, and a
 * client whose socket holds more than `maxBytes` unsent is disconnected, the way Mosquitto treats a
 * subscriber that is too far behind (it drops for it instead). A persistent session keeps its QoS 1
 * messages in the store (bounded by bounded-queues.ts) and gets them when it reconnects; what was
 * queued at QoS 0 for it is gone.
 *
 * Patches the client's `deliver0` / `deliverQoS` (pinned aedes 1.2, covered by
 * test/faults/broker-embedded-frozen.int.test.ts); aedes' subscribe handler picks them up from the
 * client when the client subscribes, so this must run right after `broker.handle(socket)`.
 */
type Deliver = (packet: unknown, cb: (...args: unknown[]) => void) => void;

/** The part of an aedes client this touches. */
export type DeliveringClient = { deliver0: Deliver; deliverQoS: Deliver };

/** The part of a socket this reads. */
export type OutgoingSocket = { readonly writableLength: number; readonly destroyed: boolean; destroy(err?: Error): void };

export function boundSlowClient(client: DeliveringClient, socket: OutgoingSocket, maxBytes: number, onSlow: () => void): void {
  let cut = false;
  const wrap =
    (deliver: Deliver): Deliver =>
    (packet, cb) => {
      if (!cut && !socket.destroyed && socket.writableLength > maxBytes) {
        cut = true;
        onSlow();
        socket.destroy(new Error(`more than ${maxBytes} bytes waiting to be read: the client is not reading`));
      }
      let freed = false;
      const free = () => {
        if (freed) return;
        freed = true;
        cb();
      };
      // aedes writes in a later turn (setImmediate, or after its store answers): by the turn after
      // this one the message is queued on the socket, or will be in order behind those that are
      deliver(packet, free);
      setImmediate(free);
    };
  client.deliver0 = wrap(client.deliver0);
  client.deliverQoS = wrap(client.deliverQoS);
}
