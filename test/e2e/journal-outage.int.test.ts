import { join } from 'node:path';
import Database from 'better-sqlite3';
import mqtt, { type MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicOf } from '../../engine/sources/mqtt/ingest.js';
import { plantTraffic, withoutOrigin } from '../support/plant-traffic.js';
import { startMosquitto, type Broker } from '../support/mosquitto.js';
import { openConsole, SHOTS, type ConsoleUnderTest } from './browser.js';

/**
 * `linesight serve --broker` whose journal is locked by another program mid-watch (a real
 * SQLITE_BUSY: someone holds the write lock past the writer's 5 s busy timeout): the console's
 * status line, the Connections view and the terminal say "journal unavailable", and once the lock
 * is gone ingest resumes by itself and every message is journaled.
 */
let broker: Broker;
let ui: ConsoleUnderTest;
let page: Page;
let pub: MqttClient;
let terminal = '';

beforeAll(async () => {
  broker = await startMosquitto();
  ui = await openConsole(['--broker', broker.url]);
  page = ui.page;
  ui.server.proc.stdout!.on('data', (c: Buffer) => (terminal += c.toString()));
  pub = await mqtt.connectAsync(broker.url, { clientId: `e2e-outage-pub-${Date.now()}`, protocolVersion: 4 });
}, 60_000);

afterAll(async () => {
  await pub?.endAsync();
  await ui?.close();
  await broker?.stop();
});

const statusLine = () => page.getByRole('status').first().textContent();
const journaled = (): number => {
  const db = new Database(join(ui.dir, 'e2e.db'), { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('the console watching a broker while its journal is locked', () => {
  it('says "journal unavailable: <reason>" in the status line, the Connections view and the terminal, then resumes by itself', async () => {
    await page.goto(ui.server.url);
    await expect.poll(statusLine).toContain('Connected');
    await ui.nav('Connections').click();
    const row = page.getByRole('region', { name: 'Watching live brokers' }).locator('tbody tr', { hasText: broker.url });
    await expect.poll(() => row.locator('td').nth(1).textContent(), { timeout: 15_000 }).toContain('connected');

    const lock = new Database(join(ui.dir, 'e2e.db'));
    lock.exec('BEGIN IMMEDIATE');
    const traffic = plantTraffic('4h').slice(0, 50);
    try {
      for (const e of traffic) await pub.publishAsync(topicOf(e), JSON.stringify(withoutOrigin(e)), { qos: 1 });
      const notice = 'journal unavailable: database is locked (SQLITE_BUSY)';
      await expect.poll(statusLine, { timeout: 20_000 }).toContain(notice);
      expect(await page.locator('main').textContent()).toContain(`${notice} — retrying; nothing is acknowledged to the broker until it is stored`);
      await expect.poll(() => terminal, { timeout: 5_000 }).toContain(`${notice} — retrying; nothing is acknowledged to the broker until it is stored`);
      await page.mouse.wheel(0, -10_000);
      await page.screenshot({ path: join(SHOTS, 'journal-unavailable.png') });
    } finally {
      lock.exec('COMMIT');
      lock.close();
    }

    await expect.poll(statusLine, { timeout: 30_000 }).not.toContain('journal unavailable');
    await expect.poll(journaled, { timeout: 30_000 }).toBe(traffic.length);
    expect(await page.locator('main').textContent()).not.toContain('journal unavailable');
    expect(terminal).toMatch(/journal writable again after [\d.]+(ms|s|m): ingest resumed/);
  }, 90_000);
});
