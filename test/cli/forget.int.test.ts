import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetCommand } from '../../cli/commands/forget.js';
import { UsageError } from '../../cli/errors.js';
import { claimClientId, stableClientId } from '../../engine/index.js';
import { sessionPresent } from '../support/broker-session.js';
import { startMosquitto, type Broker } from '../support/mosquitto.js';

/** `linesight forget`: the broker drops the session a connection kept there. */
let broker: Broker;
const dir = mkdtempSync(join(tmpdir(), 'linesight-forget-'));
const configDir = process.env.LINESIGHT_CONFIG_DIR!;
beforeAll(async () => {
  broker = await startMosquitto();
}, 30_000);
afterAll(async () => {
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Leave a persistent session on the broker under `clientId`, as a watch that went away does. */
async function leaveSession(clientId: string): Promise<void> {
  const c = await mqtt.connectAsync(broker.url, { clientId, clean: false, protocolVersion: 5, properties: { sessionExpiryInterval: 3600 } });
  await c.subscribeAsync('linesight/v1/#', { qos: 1 });
  await c.endAsync();
}
function capture(): { stream: Writable; text(): string } {
  let text = '';
  return { stream: new Writable({ write: (c: Buffer, _e, done) => ((text += c.toString()), done()) }), text: () => text };
}

describe('linesight forget', () => {
  it('ends the session of a named connection of a connections file, under the id a watch of it uses', async () => {
    const clientId = stableClientId(configDir, 'watch', 'line9');
    await leaveSession(clientId);
    const file = join(dir, 'connections.yaml');
    writeFileSync(file, `connections:\n  - name: line9\n    url: ${broker.url}\n  - name: line10\n    url: mqtt://127.0.0.1:1\n`);
    const out = capture();
    expect(await forgetCommand(['--connections', file, 'line9'], out.stream)).toBe(0);
    expect(out.text()).toBe(`line9: ended the session of client id ${clientId} on ${broker.url}\n`);
    expect(await sessionPresent(broker.url, clientId)).toBe(false);
    await expect(forgetCommand(['--connections', file, 'line11'])).rejects.toThrow(/no connection named line11 .*line9, line10/);
  }, 30_000);

  it('ends a --broker session by client id, and refuses one a watch on this PC holds', async () => {
    await leaveSession('lsForgetMe');
    expect(await forgetCommand(['--broker', broker.url, '--client-id', 'lsForgetMe'], capture().stream)).toBe(0);
    expect(await sessionPresent(broker.url, 'lsForgetMe')).toBe(false);

    const held = claimClientId(configDir, 'lsWatching');
    try {
      await expect(forgetCommand(['--broker', broker.url, '--client-id', 'lsWatching'])).rejects.toThrow(UsageError);
    } finally {
      if (held.ok) held.release();
    }
    await expect(forgetCommand(['--broker', 'http://x'])).rejects.toThrow(/expected an mqtt/);
    await expect(forgetCommand([])).rejects.toThrow(/--connections FILE or --broker URL/);
  }, 30_000);

  it('says which broker it could not reach, with exit 3', async () => {
    expect(await forgetCommand(['--broker', 'mqtt://127.0.0.1:1', '--client-id', 'lsGone'], capture().stream)).toBe(3);
  }, 30_000);
});
