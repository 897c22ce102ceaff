import mqtt, { type MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicOf } from '../../engine/sources/mqtt/ingest.js';
import type { AnyEvent } from '../../model/index.js';
import { T0, builder, order } from '../monitor/story.js';
import { startMosquitto, type Broker } from '../support/mosquitto.js';
import { withoutOrigin } from '../support/plant-traffic.js';
import { join } from 'node:path';
import { openConsole, SHOTS, type ConsoleUnderTest } from './browser.js';

/**
 * Retained messages in the console: a broker holds a day-old conversation as retained messages
 * before `linesight serve --broker` subscribes; the event browser and the lineage mark each event
 * "retained", and the line shows no gap for it.
 */
let broker: Broker;
let ui: ConsoleUnderTest;
let page: Page;
let pub: MqttClient;
let events: AnyEvent[];

beforeAll(async () => {
  broker = await startMosquitto();
  pub = await mqtt.connectAsync(broker.url, { clientId: `e2e-retained-${Date.now()}`, protocolVersion: 5 });
  const o = order(builder('US09', 'L1'), 'PO-RET-1');
  const at = Date.now() - 86_400_000 - T0;
  events = [o.released(at), o.acked(at + 2_000), o.confirmed(at + 60_000, '0010', 10)];
  for (const e of events) await pub.publishAsync(topicOf(e), JSON.stringify(withoutOrigin(e)), { qos: 1, retain: true });
  ui = await openConsole(['--broker', broker.url]);
  page = ui.page;
}, 60_000);

afterAll(async () => {
  await ui?.close();
  await pub?.endAsync();
  await broker?.stop();
});

const grid = () => page.getByRole('grid', { name: 'Journaled events' });
const dataRows = () => grid().getByRole('row').filter({ has: page.getByRole('gridcell') });

describe('retained messages in the console', () => {
  it('marks them in the event browser, with what that means', async () => {
    await page.goto(`${ui.server.url}/#/events`);
    await expect.poll(() => dataRows().count(), { timeout: 20_000 }).toBe(events.length);
    expect(await dataRows().locator('[role=gridcell]:nth-child(8)').allTextContents()).toEqual(events.map(() => 'live · retained'));
    await dataRows().first().click();
    const detail = page.getByRole('complementary').filter({ has: page.getByRole('heading', { name: /^Event / }) });
    expect(await detail.textContent()).toContain('Delivered as a retained message');
    await page.screenshot({ path: join(SHOTS, 'event-browser-retained.png') });
  });

  it('marks them in the lineage, and the old confirmation opens no gap', async () => {
    await page.goto(`${ui.server.url}/#/lineage/PO-RET-1`);
    const table = page.getByRole('table', { name: 'Events of order PO-RET-1 in time order' });
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 15_000 }).toBe(events.length);
    expect(await table.locator('tbody tr').allTextContents()).toEqual(events.map((): unknown => expect.stringContaining('retained')));
    await page.screenshot({ path: join(SHOTS, 'lineage-retained.png'), fullPage: true });
    // live, a confirmation a day old that ERP never posted is a gap at once; retained, it is none
    await page.goto(`${ui.server.url}/#/gaps`);
    await expect.poll(() => page.locator('main').textContent()).toContain('No open gaps: ERP and MES agree so far.');
    await new Promise((r) => setTimeout(r, 1_500)); // the monitor ticks every second
    expect(await page.locator('main').textContent()).toContain('No open gaps: ERP and MES agree so far.');
    expect(await page.locator('main').textContent()).not.toContain('PO-RET-1');
  });
});
