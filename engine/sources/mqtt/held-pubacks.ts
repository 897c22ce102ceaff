import type { MqttClient, Packet } from 'mqtt';

/** The PUBACKs of a client's QoS 1 messages, held until the caller says each message is durable. */
export type HeldPubacks = {
  /** hold the PUBACK of message `id` of the current connection; the function returned releases it (once) */
  hold(id: number): () => void;
  /** the connection closed: forget what is held (the broker sends those messages again) */
  reset(): void;
};

type Hold = { acked: boolean; packet: Packet | null };
type SendPacket = (p: Packet, cb?: () => void) => void;

/**
 * mqtt.js sends a QoS 1 PUBACK when `handleMessage` calls back, and reads the next packet only
 * after that PUBACK is written: acking there one message at a time would cap ingest at one journal
 * commit per message. So `handleMessage` calls back at once, and the PUBACK the client then writes
 * is held back here (its `_sendPacket`, pinned mqtt 5.16, covered by the tests) until the caller
 * releases it; the client is told it was sent, so it reads on.
 */
export function holdPubacks(client: MqttClient): HeldPubacks {
  /**
   * QoS 1 messages of the current connection not yet released, by message id: `acked` once the
   * caller released the PUBACK, `packet` once the client wrote it. A new connection starts a new
   * map, so a late release from before a reconnect can never release a redelivered message that
   * reuses the id.
   */
  let held = new Map<number, Hold>();
  const internals = client as unknown as { _sendPacket: SendPacket };
  const send = internals._sendPacket.bind(client);
  internals._sendPacket = (packet, cb) => {
    const h = packet.cmd === 'puback' && packet.messageId !== undefined ? held.get(packet.messageId) : undefined;
    if (h === undefined) return send(packet, cb);
    if (h.acked) {
      // released before the client wrote it (it waited for backpressure): behind the PUBACKs queued before it
      held.delete(packet.messageId!);
      release(packet);
      cb?.();
      return;
    }
    h.packet = packet;
    cb?.(); // the client reads on; the PUBACK goes when the caller releases it
  };

  /**
   * A commit releases hundreds of PUBACKs at once. mqtt.js writes each as three small chunks, and
   * a flood of chunks costs far more than the bytes; so a plain success PUBACK (the same four
   * bytes mqtt.js would write, under MQTT 3.1.1 and 5 alike: no reason code, no properties) is
   * queued and every PUBACK released in the same tick goes out in one write, in release order, on
   * the connection its message came in on. Anything else goes through the client as before.
   */
  let acksOut: number[] = [];
  let acksStream: unknown = null;
  const release = (packet: Packet) => {
    const p = packet as Packet & { reasonCode?: number; properties?: unknown };
    if (p.cmd !== 'puback' || p.messageId === undefined || (p.reasonCode ?? 0) !== 0 || p.properties !== undefined) return send(packet);
    if (acksStream !== client.stream) {
      acksOut = [];
      acksStream = client.stream;
    }
    acksOut.push(p.messageId);
    if (acksOut.length === 1) process.nextTick(writeAcks);
  };
  const writeAcks = () => {
    const ids = acksOut;
    acksOut = [];
    // a connection that closed meanwhile gets nothing: its unacknowledged messages come again
    if (ids.length === 0 || acksStream !== client.stream || !client.connected) return;
    const bytes = Buffer.allocUnsafe(ids.length * 4);
    for (let i = 0; i < ids.length; i++) {
      bytes[i * 4] = 0x40; // PUBACK
      bytes[i * 4 + 1] = 2; // remaining length: the message id only
      bytes.writeUInt16BE(ids[i]!, i * 4 + 2);
    }
    client.stream.write(bytes);
  };

  return {
    hold(id) {
      const mine = held;
      const hold: Hold = { acked: false, packet: null };
      mine.set(id, hold);
      return () => {
        if (hold.acked || mine.get(id) !== hold) return;
        hold.acked = true;
        if (hold.packet !== null) {
          mine.delete(id);
          if (mine === held && client.connected) release(hold.packet);
        }
      };
    },
    reset() {
      held = new Map();
    },
  };
}
