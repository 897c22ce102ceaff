import mqtt, { type MqttClient } from 'mqtt';
import { formatDuration } from '../../../model/index.js';
import type { BrokerConfig, BrokerConnectionStatus as ConnectionStatus, ConnectionState, Outage, PossibleGap } from '../../contract/index.js';
import { clientOptions, sessionPolicy } from './client-options.js';
import type { ClientIdClaim } from './client-identity.js';
import { holdPubacks } from './held-pubacks.js';

export type { BrokerConfig, PublishPolicy, TlsFiles, ConnectionState, PossibleGap, Outage } from '../../contract/index.js';
/** What one broker connection is doing (the contract's `BrokerConnectionStatus`). */
export type { ConnectionStatus };

/** The URL schemes a broker connection speaks: mqtt, mqtts, ws, wss (with a host). */
export function isBrokerUrl(url: string): boolean {
  return /^(mqtts?|wss?):\/\/[^\s/]+/.test(url);
}

/** Linesight's own topic namespace: `linesight/v1/{plant}/{line}/{system}/{type}`. */
export const LINESIGHT_TOPICS = 'linesight/v1/#';

/**
 * One message as it arrived; `ack` (QoS 1 only) sends its PUBACK — call it once the message is durable.
 * `retain`: the broker sent it as a retained message, because we subscribed — old news, not live traffic.
 */
export type Arrived = { readonly topic: string; readonly payload: Buffer; readonly qos: 0 | 1 | 2; readonly retain: boolean; readonly ack: (() => void) | null };

export type BrokerConnection = {
  /** the connection's name (its outbox is kept under it) */
  readonly name: string;
  status(): ConnectionStatus;
  /** publish at QoS 1; resolves on the broker's PUBACK, rejects when not connected or the connection drops first */
  publish(topic: string, payload: Uint8Array): Promise<void>;
  close(): Promise<void>;
};

/**
 * Reconnect backoff: 1 s doubling to 30 s (mqtt.js alone retries every second forever), each wait
 * drawn from its upper half ("equal jitter"), so the clients of a plant that lost its broker do not
 * all come back in the same instant.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export type ConnectOptions = {
  /** false: a publish-only connection (a simulation publishing its conversation) subscribes to nothing and keeps no session */
  readonly subscribe?: boolean;
  /** claim the client id on this machine before connecting (see `claimClientId`); refused: the state is `in-use` */
  readonly claim?: (clientId: string) => ClientIdClaim;
};

/** MQTT 5 DISCONNECT reason 0x8E: another client connected with our client id. */
const SESSION_TAKEN_OVER = 0x8e;
/**
 * Brokers that send no reason (MQTT 3.1.1; Mosquitto 2.0 under MQTT 5 too) just close the older of
 * two connections under one id. Closed this many times in a row within QUICK_DROP_MS of connecting,
 * with no error, the connection is taken to be fighting another client for its id.
 */
const QUICK_DROPS = 3;
const QUICK_DROP_MS = 10_000;
/**
 * While `in-use` on that guess (not on a broker's word), look again after 30 s, then 1, 2 and 4 min,
 * then every 5 min. The guess can be wrong — a flapping broker or a proxy that cuts connections
 * looks the same — so the first look comes soon: a connection is back within half a minute of such
 * a fault ending, while two clients truly sharing an id cost the broker a few connects an hour.
 */
const IN_USE_RETRY_MS = [30_000, 60_000, 120_000, 240_000, 300_000] as const;
/** How long the `n`-th wait in a row (0-based) on that guess lasts. */
export function inUseRetryMs(n: number): number {
  return IN_USE_RETRY_MS[Math.min(n, IN_USE_RETRY_MS.length - 1)]!;
}

/** Outages kept per connection for the UI. */
const MAX_OUTAGES = 100;

/** Why a connection that was up went down, in words: `error` is the client's last error on it (null: closed without one). */
function dropCause(error: string | null, keepaliveSeconds: number): string {
  if (error === null) return 'the broker or the network closed the connection';
  // mqtt.js's own words when no packet came back for 1.5 keepalive periods
  if (error === 'Keepalive timeout') return `no answer from the broker within ${keepaliveSeconds * 1.5} s (keepalive ${keepaliveSeconds} s): the network or the broker went silent`;
  return error;
}

/** A URL safe to show and journal: no user info. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/**
 * Watch one broker. Every message goes to `arrived` with its own `ack` (when `arrived` returns a
 * promise, the next message is read only once it settles: that is how a busy caller slows the
 * broker down). The PUBACK of a QoS 1
 * message is sent only when the caller acks it (after its journal transaction commits), while
 * later messages keep flowing — up to the broker's in-flight window (MQTT 5 `receiveMaximum`).
 *
 * mqtt.js sends a QoS 1 PUBACK when `handleMessage` calls back, and reads the next packet only
 * after that PUBACK is written: acking there one message at a time would cap ingest at one
 * journal commit per message. So `handleMessage` calls back at once, and the PUBACK the client
 * then writes is held back here (its `_sendPacket`, pinned mqtt 5.16, covered by the tests) until
 * the caller acks; the client is told it was sent, so it reads on.
 */
export function connectBroker(
  cfg: BrokerConfig,
  arrived: (m: Arrived) => void | Promise<void>,
  changed: (s: ConnectionStatus) => void,
  opts: ConnectOptions = {},
): BrokerConnection {
  const subscribe = opts.subscribe ?? true;
  const url = displayUrl(cfg.url);
  let state: ConnectionState = 'connecting';
  let since = Date.now();
  let received = 0;
  let lastError: string | null = null;
  let attempt = 0;
  let offlineAt: number | null = null;
  const gaps: PossibleGap[] = [];
  const outages: Outage[] = [];
  const session = sessionPolicy(cfg, subscribe);
  const { clientId, sessionExpiry } = session;
  const status = (): ConnectionStatus => ({ url, state, since, received, lastError, possibleGaps: [...gaps], outages: [...outages], clientId, sessionExpiry });
  const set = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    since = Date.now();
    changed(status());
  };

  const options = clientOptions(cfg, session, url);
  // another connection here under this id would take the session from us in turn, forever: say so instead
  const claim = opts.claim?.(clientId);
  if (claim !== undefined && !claim.ok) {
    state = 'in-use';
    lastError = `${claim.why}: not connecting (give this connection its own clientId, or stop the other one)`;
    // told like any other state change, once the caller holds the connection
    queueMicrotask(() => changed(status()));
  }
  const client: MqttClient = mqtt.connect(cfg.url, claim === undefined || claim.ok ? options : { ...options, manualConnect: true });

  const pubacks = holdPubacks(client);

  client.handleMessage = (packet, callback) => {
    if (packet.cmd !== 'publish') return callback();
    received++;
    const ack = packet.qos === 1 && packet.messageId !== undefined ? pubacks.hold(packet.messageId) : null;
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    // backpressure: while the caller is behind, the client stops reading the socket, so the broker
    // holds (or, for QoS 0, drops) what is published meanwhile, rather than our memory
    const wait = arrived({ topic: packet.topic, payload, qos: packet.qos, retain: packet.retain === true, ack });
    if (wait) wait.then(() => callback(), () => callback());
    else callback();
  };

  let reconnectTimer: NodeJS.Timeout | undefined;
  let closing = false;
  let takenOver = false;
  let connectedAt: number | null = null;
  let quickDrops = 0;
  /** waits in a row on the in-use guess (reset once a connection lasts) */
  let inUseWaits = 0;
  let errored = false;
  client.on('disconnect', (packet) => {
    if (packet.reasonCode !== SESSION_TAKEN_OVER) return;
    // reconnecting would take the session back, and the other client would do the same: a loop that
    // costs the broker and both sides; stop, and say why
    takenOver = true;
    lastError = `another client connected to ${url} with client id ${clientId} and the broker gave it our session (MQTT 5 reason 0x8E): not reconnecting, so the two do not take turns; give one of them its own clientId`;
  });
  client.on('connect', (connack) => {
    attempt = 0;
    connectedAt = Date.now();
    errored = false;
    lastError = null;
    if (offlineAt !== null && !connack.sessionPresent) {
      gaps.push({ from: offlineAt, to: Date.now(), why: 'the broker kept no session for us: messages published meanwhile may be lost' });
    }
    const open = outages.at(-1);
    if (open !== undefined && open.to === null) outages[outages.length - 1] = { ...open, to: Date.now() };
    offlineAt = null;
    if (!subscribe) {
      set('connected');
      changed(status());
      return;
    }
    const filters = cfg.subscriptions && cfg.subscriptions.length > 0 ? cfg.subscriptions : [LINESIGHT_TOPICS];
    const qos = cfg.qos ?? 1;
    client.subscribe(
      [...filters],
      { qos },
      (err) => {
        if (err) lastError = `subscribe failed: ${err.message}`;
        set('connected');
        changed(status());
      },
    );
  });
  client.on('error', (err) => {
    errored = true;
    lastError = err.message;
    changed(status());
  });
  client.on('close', () => {
    // unacked messages come again on the next connection (the session keeps them)
    pubacks.reset();
    if (closing) return;
    if (takenOver) {
      set('in-use');
      changed(status());
      return;
    }
    const lasted = connectedAt === null ? null : Date.now() - connectedAt;
    connectedAt = null;
    if (lasted !== null) {
      outages.push({ from: Date.now(), to: null, why: dropCause(errored ? lastError : null, options.keepalive ?? 0) });
      if (outages.length > MAX_OUTAGES) outages.shift();
      quickDrops = lasted < QUICK_DROP_MS && !errored ? quickDrops + 1 : 0;
      if (lasted >= QUICK_DROP_MS) inUseWaits = 0;
    }
    offlineAt ??= Date.now();
    clearTimeout(reconnectTimer);
    if (quickDrops >= QUICK_DROPS) {
      const waitMs = inUseRetryMs(inUseWaits++);
      lastError = `the broker closed this connection ${quickDrops} times within seconds of connecting: another client is probably using client id ${clientId} (a broker gives an id to its newest connection). Not fighting it: looking again in ${formatDuration(waitMs)}; give one of them its own clientId`;
      set('in-use');
      changed(status());
      reconnectTimer = setTimeout(() => {
        quickDrops = QUICK_DROPS - 1; // one more quick drop and it waits again
        set('reconnecting');
        client.reconnect();
      }, waitMs);
      return;
    }
    set(attempt === 0 ? 'offline' : 'reconnecting');
    reconnectTimer = setTimeout(() => {
      attempt++;
      set('reconnecting');
      client.reconnect();
    }, backoffMs(attempt));
  });

  return {
    name: cfg.name ?? url,
    status,
    publish(topic, payload) {
      if (!client.connected) return Promise.reject(new Error(`${url} is not connected`));
      return new Promise<void>((done, fail) => {
        client.publish(topic, Buffer.isBuffer(payload) ? payload : Buffer.from(payload), { qos: 1 }, (err) => (err ? fail(err) : done()));
      });
    },
    async close() {
      closing = true;
      clearTimeout(reconnectTimer);
      // a connection refused its client id never opened a socket: nothing to end
      if (claim === undefined || claim.ok) await client.endAsync();
      if (claim?.ok) claim.release();
      set('closed');
    },
  };
}
