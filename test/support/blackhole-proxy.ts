// Test harness: a TCP proxy on 127.0.0.1 in front of a broker, to play network faults.
//   blackhole() — a silent partition: every connection stays open, nothing moves either way, and
//                 neither side hears of the other's close; new connections are accepted and held too.
//   restore()   — the partition heals: what waited goes through, as TCP would retransmit it.
//   dropAll()   — cut every connection now, with a reset (what a NAT or firewall that forgets a
//                 connection sends), both ways.
import net, { type AddressInfo, type Socket } from 'node:net';

export type BlackholeProxy = {
  /** mqtt://127.0.0.1:PORT of the proxy */
  readonly url: string;
  readonly port: number;
  /** stop forwarding both ways without closing anything */
  blackhole(): void;
  /** forward again, including what waited */
  restore(): void;
  /** reset every open connection, both sides */
  dropAll(): void;
  /** connections open now */
  connections(): number;
  /** connections accepted since start */
  accepted(): number;
  close(): Promise<void>;
};

type Pair = { readonly client: Socket; readonly upstream: Socket; cut: boolean };

export async function startBlackholeProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<BlackholeProxy> {
  const pairs = new Set<Pair>();
  let holed = false;
  let accepted = 0;
  /** closes that happened while black-holed: the other side hears of them on restore */
  let heldCloses: (() => void)[] = [];

  /** forward `from` → `to`, pausing `from` while `to` is full or the proxy is black-holed */
  const forward = (from: Socket, to: Socket) => {
    from.on('data', (chunk: Buffer) => {
      if (!to.write(chunk)) {
        from.pause();
        to.once('drain', () => {
          if (!holed) from.resume();
        });
      }
    });
  };

  const server = net.createServer((client) => {
    accepted++;
    const upstream = net.connect({ host: targetHost, port: targetPort });
    const pair: Pair = { client, upstream, cut: false };
    pairs.add(pair);
    if (holed) {
      client.pause();
      upstream.pause();
    }
    forward(client, upstream);
    forward(upstream, client);
    const ended = (other: Socket) => () => {
      const close = () => {
        pairs.delete(pair);
        if (!other.destroyed) other.end();
      };
      if (holed && !pair.cut) heldCloses.push(close);
      else close();
    };
    client.on('close', ended(upstream));
    upstream.on('close', ended(client));
    // a reset or refused upstream ends the pair through 'close'
    client.on('error', () => client.destroy());
    upstream.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    blackhole() {
      holed = true;
      for (const p of pairs) {
        p.client.pause();
        p.upstream.pause();
      }
    },
    restore() {
      holed = false;
      for (const p of pairs) {
        p.client.resume();
        p.upstream.resume();
      }
      const closes = heldCloses;
      heldCloses = [];
      for (const c of closes) c();
    },
    dropAll() {
      for (const p of pairs) {
        p.cut = true;
        p.client.resetAndDestroy();
        p.upstream.resetAndDestroy();
      }
      pairs.clear();
    },
    connections: () => pairs.size,
    accepted: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const p of pairs) {
          p.client.destroy();
          p.upstream.destroy();
        }
        pairs.clear();
        server.close(() => resolve());
      }),
  };
}
