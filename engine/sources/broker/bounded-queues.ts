/**
 * Caps what aedes keeps per persistent session. aedes' default persistence holds every QoS 1/2
 * message for a `clean: false` client in memory until it is acknowledged, with no limit: a gateway
 * that subscribed once and went away would grow the broker without end. This wraps the store's
 * enqueue/clear methods (aedes 1.x calls them promise-style) and drops a message for a session that
 * already holds `maxMessages` or `maxBytes`, like Mosquitto's `max_queued_messages`.
 */
type Sub = { readonly clientId: string };
type StoredPacket = { readonly payload?: unknown };

/** The part of aedes' persistence this touches (aedes-persistence 11). */
export type OutgoingStore = {
  outgoingEnqueue(sub: Sub, packet: StoredPacket): Promise<void>;
  outgoingEnqueueCombi(subs: readonly Sub[], packet: StoredPacket): Promise<void>;
  outgoingClearMessageId(client: { readonly id: string }, packet: unknown): Promise<StoredPacket | undefined>;
};

export type QueueBounds = { readonly maxMessages: number; readonly maxBytes: number };

/** Patch `store` in place; `onDrop` hears of each message not queued for a client. */
export function boundOutgoingQueues(store: OutgoingStore, bounds: QueueBounds, onDrop: (clientId: string) => void): void {
  // Mirrors the store's own per-client queues: the memory store removes a queued packet only in
  // outgoingClearMessageId (after PUBACK/PUBCOMP), which returns what it removed.
  const held = new Map<string, { messages: number; bytes: number }>();
  const enqueue = store.outgoingEnqueue.bind(store);
  const enqueueCombi = store.outgoingEnqueueCombi.bind(store);
  const clear = store.outgoingClearMessageId.bind(store);

  const admit = (clientId: string, size: number): boolean => {
    const h = held.get(clientId) ?? { messages: 0, bytes: 0 };
    if (h.messages >= bounds.maxMessages || h.bytes + size > bounds.maxBytes) {
      onDrop(clientId);
      return false;
    }
    h.messages++;
    h.bytes += size;
    held.set(clientId, h);
    return true;
  };

  store.outgoingEnqueue = (sub, packet) => (admit(sub.clientId, sizeOf(packet)) ? enqueue(sub, packet) : Promise.resolve());
  store.outgoingEnqueueCombi = (subs, packet) => {
    const size = sizeOf(packet);
    const kept = subs.filter((s) => admit(s.clientId, size));
    return kept.length > 0 ? enqueueCombi(kept, packet) : Promise.resolve();
  };
  store.outgoingClearMessageId = async (client, packet) => {
    const removed = await clear(client, packet);
    const h = held.get(client.id);
    if (removed && h) {
      h.messages--;
      h.bytes -= sizeOf(removed);
      if (h.messages <= 0) held.delete(client.id);
    }
    return removed;
  };
}

function sizeOf(packet: StoredPacket): number {
  const p = packet.payload;
  return p instanceof Uint8Array ? p.byteLength : typeof p === 'string' ? Buffer.byteLength(p) : 0;
}
