import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { InspectorMessages, InspectorTopics } from '../../engine/contract/index.js';
import { loadScenario } from '../../engine/index.js';
import { openJournal } from '../../engine/journal/index.js';
import { topicOf } from '../../engine/sources/mqtt/ingest.js';
import { createSimulation } from '../../simulator/index.js';
import { startMosquitto, type Broker } from '../support/mosquitto.js';
import { waitFor } from '../engine/session/fake-clock.js';

/** `linesight serve --broker` as a user runs it: ingest a live broker headless, into a journal. */
const bin = join(import.meta.dirname, '..', '..', 'bin', 'linesight.js');
const dir = mkdtempSync(join(tmpdir(), 'linesight-serve-broker-'));
let broker: Broker;

beforeAll(async () => {
  broker = await startMosquitto();
}, 30_000);
afterAll(async () => {
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** `linesight serve …` as a child process, with everything it prints collected. */
async function serve(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { env });
  const printed = { text: '' };
  child.stdout.on('data', (d: Buffer) => (printed.text += d.toString()));
  child.stderr.on('data', (d: Buffer) => (printed.text += d.toString()));
  await waitFor(() => printed.text.includes('Linesight is serving on'), 20_000);
  return {
    printed,
    /** SIGTERM, as Ctrl-C or a service manager would, and the exit code */
    async stop(): Promise<number | null> {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    },
  };
}
/** One query to a running serve's `/api`, on a connection of its own. */
async function apiQuery(url: string, name: string, args: unknown = null): Promise<unknown> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api`);
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return await new Promise((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        const m = JSON.parse(data.toString()) as { id?: number; ok?: boolean; result?: unknown; error?: { message?: string } };
        if (m.id !== 1) return; // frames
        if (m.ok) resolve(m.result);
        else reject(new Error(m.error?.message ?? `${name} refused`));
      });
      ws.send(JSON.stringify({ id: 1, kind: 'query', name, args }));
    });
  } finally {
    ws.terminate();
  }
}
/** The first `n` canonical events of a baseline run, published to `url` at QoS 1. */
async function publishBaseline(url: string, n: number, protocolVersion: 4 | 5 = 5) {
  const pub = await mqtt.connectAsync(url, { protocolVersion });
  const events = createSimulation(loadScenario('baseline', { until: '1h' }))
    .pull(n)
    .flatMap((o) => (o.kind === 'event' ? [o.event] : []));
  for (const e of events) await pub.publishAsync(topicOf(e), JSON.stringify(e), { qos: 1 });
  await pub.endAsync();
  return events;
}
/** Events journaled in live sessions, and the first live session's meta. */
function live(journal: string): { n: number; meta: string } {
  const j = openJournal(journal, { readonly: true });
  try {
    const n = j.db.prepare("SELECT count(*) FROM events e JOIN sessions s ON s.id = e.session WHERE s.kind = 'live'").pluck().get() as number;
    return { n, meta: j.db.prepare("SELECT meta FROM sessions WHERE kind = 'live'").pluck().get() as string };
  } finally {
    j.close();
  }
}

describe('linesight serve --broker', () => {
  it('watches the brokers of a connections file, with the password from the environment and never in the journal', async () => {
    const journal = join(dir, 'connections.db');
    const file = join(dir, 'connections.yaml');
    writeFileSync(
      file,
      [
        'connections:',
        '  - name: line2-edge',
        `    url: ${broker.url}`,
        '    username: commissioning',
        '    subscribe: [ "linesight/v1/DE01/#" ]',
        '    publish: { allow: [ "linesight/v1/DE01/L1/" ] }',
        '',
      ].join('\n'),
    );
    const secret = 'pa55-never-stored';
    const server = await serve(['--connections', file, '--journal', journal], { ...process.env, LINESIGHT_PASSWORD_LINE2_EDGE: secret });
    const events = await publishBaseline(broker.url, 20);
    await waitFor(() => live(journal).n === events.length, 20_000);
    // the session records where it listened and how — never the password
    expect(JSON.parse(live(journal).meta)).toEqual({
      brokers: ['line2-edge'],
      connections: [
        {
          name: 'line2-edge',
          url: broker.url,
          clientId: expect.any(String),
          username: 'commissioning',
          subscriptions: ['linesight/v1/DE01/#'],
          qos: 1,
          protocolVersion: 5,
          publish: ['linesight/v1/DE01/L1/'],
          lines: [],
          mappings: null,
        },
      ],
    });
    expect(await server.stop()).toBe(0);
    for (const f of [journal, `${journal}-wal`]) {
      if (existsSync(f)) expect(readFileSync(f).includes(secret)).toBe(false);
    }
    expect(server.printed.text).not.toContain(secret);
  }, 60_000);

  it('journals what the broker carries until stopped, then exits 0; its topic inspector keeps what --inspector-messages and --inspector-mib say', async () => {
    const journal = join(dir, 'live.db');
    const server = await serve(['--broker', broker.url, '--journal', journal, '--inspector-messages', '3', '--inspector-mib', '1']);
    const events = await publishBaseline(broker.url, 40);
    // five messages on one topic no event is read from (each quarantined): the inspector keeps the last three
    const pub = await mqtt.connectAsync(broker.url, { protocolVersion: 5 });
    for (let i = 1; i <= 5; i++) await pub.publishAsync('linesight/v1/DE01/L1/probe', `not an event ${i}`, { qos: 1 });
    await pub.endAsync();
    await waitFor(() => live(journal).n === events.length, 20_000);
    const url = /Linesight is serving on (http:\/\/\S+)/.exec(server.printed.text)![1]!;
    const topics = (await apiQuery(url, 'inspector.topics')) as InspectorTopics;
    expect(topics.totals.limits).toEqual({ perTopic: 3, maxBytes: 1024 * 1024 });
    const probe = topics.topics.find((t) => t.topic === 'linesight/v1/DE01/L1/probe')!;
    await waitFor(async () => ((await apiQuery(url, 'inspector.messages', { connection: probe.connection, topic: probe.topic })) as InspectorMessages).count === 5, 10_000);
    const kept = (await apiQuery(url, 'inspector.messages', { connection: probe.connection, topic: probe.topic })) as InspectorMessages;
    expect(kept.messages.map((m) => m.payload.text)).toEqual(['not an event 5', 'not an event 4', 'not an event 3']);
    expect(await server.stop()).toBe(0);
  }, 60_000);

  it('runs its own broker with --embedded-broker for a gateway to connect to, and journals what the gateway sends', async () => {
    const journal = join(dir, 'embedded.db');
    const server = await serve(['--embedded-broker', '0', '--journal', journal]);
    const url = /listening on (mqtt:\/\/127\.0\.0\.1:\d+)/.exec(server.printed.text)?.[1];
    expect(url).toBeDefined();
    // the line's gateway (the embedded broker speaks MQTT 3.1.1)
    const events = await publishBaseline(url!, 30, 4);
    await waitFor(() => live(journal).n === events.length, 20_000);
    expect(await server.stop()).toBe(0);
  }, 60_000);

  it.each([
    [['--broker', 'http://127.0.0.1:1883'], /--broker http:\/\/127.0.0.1:1883: expected an mqtt:\/\/, mqtts:\/\/, ws:\/\/ or wss:\/\/ URL/],
    [['--broker', 'mqtt://127.0.0.1:1883', '--scenario', 'baseline'], /--scenario excludes --embedded-broker and --connections, and takes one --broker only to publish the simulation/],
    [['--topic', 'a/#'], /--topic needs --broker/],
    [['--publish', 'linesight/v1/'], /--publish needs --broker/],
    [['--broker', 'mqtt://127.0.0.1:1883', '--publish', 'linesight/v1/#'], /--publish linesight\/v1\/#: expected a topic prefix without wildcards/],
    [['--connections', join(import.meta.dirname, 'no-such-connections.yaml')], /no-such-connections.yaml/],
    [['--broker', 'mqtt://127.0.0.1:1883', '--inspector-messages', '0'], /--inspector-messages 0: expected a whole number from 1 to 10000/],
    [['--broker', 'mqtt://127.0.0.1:1883', '--inspector-mib', '2.5'], /--inspector-mib 2.5: expected a whole number from 1 to 4096/],
  ])('refuses %j with exit 2 and says why', (args, message) => {
    const r = spawnSync(process.execPath, [bin, 'serve', '--port', '0', ...args, '--journal', join(dir, 'x.db')], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
