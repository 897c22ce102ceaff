// Test harness: a TCP pass-through between MQTT clients and a broker that sees every QoS 1 PUBLISH
// the broker sends and every PUBACK a client returns — what a client acknowledges, seen from outside.
import net from 'node:net';

const HOST = '127.0.0.1';

export type MqttTap = {
  /** mqtt://127.0.0.1:PORT — point the client here instead of at the broker */
  readonly url: string;
  /** payloads of the QoS 1 PUBLISH packets the broker sent, in arrival order (redeliveries included) */
  readonly published: Buffer[];
  /** payloads the clients acknowledged, in the order their PUBACKs went out */
  readonly acked: Buffer[];
  close(): Promise<void>;
};

type OnPacket = (type: number, flags: number, body: Buffer) => void;

/** Split a byte stream into MQTT control packets (fixed header, variable-length remaining length). */
function framer(onPacket: OnPacket): (chunk: Buffer) => void {
  let buf: Buffer = Buffer.alloc(0);
  return (chunk) => {
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    for (;;) {
      let len = 0;
      let mult = 1;
      let i = 1;
      let byte: number;
      do {
        if (i >= buf.length) return;
        byte = buf[i++]!;
        len += (byte & 127) * mult;
        mult *= 128;
      } while (byte & 128);
      if (buf.length < i + len) return;
      onPacket(buf[0]! >> 4, buf[0]! & 15, buf.subarray(i, i + len));
      buf = buf.subarray(i + len);
    }
  };
}

/** A variable byte integer at `at`: its value and the offset after it. */
function varint(b: Buffer, at: number): [number, number] {
  let n = 0;
  let mult = 1;
  let byte: number;
  do {
    byte = b[at++]!;
    n += (byte & 127) * mult;
    mult *= 128;
  } while (byte & 128);
  return [n, at];
}

/**
 * Listen on a free loopback port and relay each connection to the broker on `brokerPort`.
 * `onAck` runs with the acknowledged payload as the client's PUBACK passes, before the broker
 * gets it — the moment to check that what is acknowledged is stored.
 */
export async function startMqttTap(brokerPort: number, onAck?: (payload: Buffer) => void): Promise<MqttTap> {
  const published: Buffer[] = [];
  const acked: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const broker = net.connect({ host: HOST, port: brokerPort });
    sockets.add(client).add(broker);
    let version = 4;
    /** the payload of each unacknowledged QoS 1 message of this connection, by packet id */
    const inFlight = new Map<number, Buffer>();
    const fromClient = framer((type, _flags, body) => {
      if (type === 1) version = body[2 + body.readUInt16BE(0)]!; // CONNECT: protocol level
      if (type !== 4) return; // PUBACK
      const id = body.readUInt16BE(0);
      const payload = inFlight.get(id);
      if (payload === undefined) return;
      inFlight.delete(id);
      acked.push(payload);
      onAck?.(payload);
    });
    const fromBroker = framer((type, flags, body) => {
      if (type !== 3 || ((flags >> 1) & 3) !== 1) return; // QoS 1 PUBLISH
      let at = 2 + body.readUInt16BE(0);
      const id = body.readUInt16BE(at);
      at += 2;
      if (version === 5) {
        // MQTT 5: properties (their length, then themselves) before the payload
        const [length, after] = varint(body, at);
        at = after + length;
      }
      const payload = Buffer.from(body.subarray(at));
      inFlight.set(id, payload);
      published.push(payload);
    });
    client.on('data', (chunk: Buffer) => {
      fromClient(chunk);
      broker.write(chunk);
    });
    broker.on('data', (chunk: Buffer) => {
      fromBroker(chunk);
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      broker.destroy();
      sockets.delete(client);
      sockets.delete(broker);
    };
    client.on('close', end).on('error', end);
    broker.on('close', end).on('error', end);
  });
  await new Promise<void>((done) => server.listen(0, HOST, done));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `mqtt://${HOST}:${port}`,
    published,
    acked,
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}
