// Test harness: the least of an MQTT 5 broker that can say "session taken over" (DISCONNECT 0x8E),
// as EMQX, HiveMQ and newer Mosquitto do (Debian's Mosquitto 2.0.11 only closes the socket).
import net, { type AddressInfo, type Socket } from 'node:net';

export type TakeoverBroker = {
  readonly url: string;
  /** CONNECT packets received so far */
  connects(): number;
  /** send DISCONNECT with reason 0x8E to every client, then close their sockets */
  takeOver(): void;
  stop(): Promise<void>;
};

/** Answers CONNECT with CONNACK and SUBSCRIBE with SUBACK (QoS 1 granted); ignores the rest. */
export async function startTakeoverBroker(): Promise<TakeoverBroker> {
  const sockets = new Set<Socket>();
  let connects = 0;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        // fixed header: type byte, then the remaining length as a variable byte integer
        let len = 0;
        let mul = 1;
        let i = 1;
        for (; i < buf.length && i < 5; i++) {
          len += (buf[i]! & 0x7f) * mul;
          mul *= 128;
          if ((buf[i]! & 0x80) === 0) break;
        }
        if (i >= buf.length || buf.length < i + 1 + len) return;
        const type = buf[0]! >> 4;
        const body = buf.subarray(i + 1, i + 1 + len);
        buf = buf.subarray(i + 1 + len);
        if (type === 1) {
          connects++;
          socket.write(Buffer.from([0x20, 3, 0x00, 0x00, 0x00]));
        } else if (type === 8) {
          socket.write(Buffer.from([0x90, 4, body[0]!, body[1]!, 0x00, 0x01]));
        } else if (type === 12) {
          socket.write(Buffer.from([0xd0, 0]));
        }
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    connects: () => connects,
    takeOver() {
      for (const s of sockets) s.end(Buffer.from([0xe0, 2, 0x8e, 0x00]));
    },
    stop: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
