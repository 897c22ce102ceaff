import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import sparkplug from 'sparkplug-payload';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicOf } from '../../engine/sources/mqtt/ingest.js';
import { T0, builder, order } from '../monitor/story.js';
import { startMosquitto, type Broker } from '../support/mosquitto.js';
import { withoutOrigin } from '../support/plant-traffic.js';
import { openConsole, SHOTS, type ConsoleUnderTest } from './browser.js';

/**
 * The Topics view against Mosquitto: a retained JSON message kept before the watch began, a
 * Sparkplug B birth, binary bytes and a canonical event, each shown decoded with what Linesight
 * made of it; a changed payload beside the previous one.
 */
const sp = sparkplug.get('spBv1.0')!;
let broker: Broker;
let ui: ConsoleUnderTest;
let page: Page;
let pub: MqttClient;
const event = order(builder('US01', 'L1'), 'PO-TOPICS-1').released(Date.now() - T0);

beforeAll(async () => {
  broker = await startMosquitto();
  pub = await mqtt.connectAsync(broker.url, { clientId: `e2e-topics-${Date.now()}`, protocolVersion: 5 });
  await pub.publishAsync('site/hall/temperature', JSON.stringify({ celsius: 21.5, sensor: 'T-1' }), { qos: 1, retain: true });
  ui = await openConsole(['--broker', broker.url, '--topic', 'site/#', '--topic', 'spBv1.0/#', '--topic', 'raw/#', '--topic', 'flood/#', '--topic', 'linesight/v1/#']);
  page = ui.page;
  await page.goto(`${ui.server.url}/#/topics`);
  // the watch is subscribed once the retained message is in
  await item('temperature').waitFor({ timeout: 20_000 });
  const birth = sp.encodePayload({ timestamp: Date.now(), seq: 0, metrics: [{ name: 'bdSeq', type: 'UInt64', value: 3 }, { name: 'Machine/Speed', type: 'Double', value: 12.5 }] } as never);
  await pub.publishAsync('spBv1.0/Plant1/NBIRTH/EdgeA', Buffer.from(birth), { qos: 1 });
  await pub.publishAsync('raw/bin', Buffer.from([0x00, 0x01, 0xfe, 0xff, 0x41]), { qos: 0 });
  await pub.publishAsync(topicOf(event), JSON.stringify(withoutOrigin(event)), { qos: 1 });
  await pub.publishAsync('site/hall/temperature', JSON.stringify({ celsius: 22.0, sensor: 'T-1' }), { qos: 1 });
}, 60_000);

afterAll(async () => {
  await pub?.publishAsync('site/hall/temperature', '', { qos: 1, retain: true }).catch(() => undefined);
  await ui?.close();
  await pub?.endAsync();
  await broker?.stop();
});

const tree = () => page.getByRole('tree', { name: 'Topics' });
const item = (label: string) => tree().getByRole('treeitem').filter({ has: page.locator('.tp-label', { hasText: new RegExp(`^${label}$`) }) });
const latest = () => page.getByLabel('Latest payload');

describe('the Topics view', () => {
  it('is in the navigation and shows every topic under the subscriptions as a tree', async () => {
    await expect.poll(() => ui.nav('Topics').count()).toBe(1);
    await expect.poll(() => tree().getByRole('treeitem').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(14);
    for (const label of ['temperature', 'NBIRTH', 'EdgeA', 'bin', 'erp.order.released']) expect(await item(label).count()).toBe(1);
    await expect.poll(async () => item('temperature').textContent(), { timeout: 10_000 }).toContain('2 · 2/min');
    expect(await page.getByLabel('Inspector totals').textContent()).toMatch(/4 topics · 5 messages · .* of 32\.0 MiB kept · last 20 per topic/);
  });

  it('shows a JSON payload pretty-printed beside the previous one, the retained one, and why it was quarantined', async () => {
    await item('temperature').click();
    await expect.poll(() => latest().textContent(), { timeout: 10_000 }).toContain('"celsius": 22');
    const previous = page.getByLabel('Previous payload');
    expect(await previous.textContent()).toContain('"celsius": 21.5');
    expect(await page.locator('figcaption', { hasText: /^Previous/ }).textContent()).toContain('retained');
    expect(await latest().locator('.tp-changed').allTextContents()).toEqual(['  "celsius": 22,']);
    expect(await page.locator('.tp-verdict').first().textContent()).toContain('Quarantined (unmappable)');
    await page.getByRole('button', { name: 'Create a mapping from this message' }).click();
    const draft = await page.getByLabel('Draft mapping').inputValue();
    expect(draft).toContain('kind: json');
    expect(draft).toContain('topic: site/hall/temperature');
    expect(draft).toContain('# FIELD: $.celsius');
    await page.screenshot({ path: join(SHOTS, 'topics.png') });
  });

  it('decodes Sparkplug B, dumps binary as hex, and names the journaled event of a canonical message', async () => {
    await item('EdgeA').click();
    await expect.poll(() => latest().textContent(), { timeout: 10_000 }).toContain('"name": "Machine/Speed"');
    expect(await page.locator('figcaption').first().textContent()).toContain('Sparkplug B (decoded)');
    await item('bin').click();
    await expect.poll(() => latest().textContent(), { timeout: 10_000 }).toContain('00 01 fe ff 41');
    expect(await page.locator('figcaption').first().textContent()).toContain('binary (hex)');
    await item('erp.order.released').click();
    await expect.poll(() => page.locator('.tp-verdict').first().textContent(), { timeout: 10_000 }).toContain('Journaled as erp.order.released');
    expect(await page.locator('.tp-verdict').first().getByRole('link').textContent()).toBe(event.id);
  });

  it('renders only the rows in view of a tree of hundreds of topics', async () => {
    const n = 400;
    for (let i = 0; i < n; i++) await pub.publishAsync(`flood/machine-${String(i).padStart(3, '0')}`, JSON.stringify({ i }), { qos: 1 });
    await expect.poll(() => page.getByLabel('Inspector totals').textContent(), { timeout: 20_000 }).toMatch(new RegExp(`^${n + 4} topics`));
    const rendered = await tree().getByRole('treeitem').count();
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(100);
    await tree().evaluate((el) => {
      const box = el as unknown as { scrollTop: number; scrollHeight: number };
      box.scrollTop = box.scrollHeight;
    });
    await expect.poll(() => item('machine-399').count(), { timeout: 10_000 }).toBe(1);
    expect(await item('machine-000').count()).toBe(0);
  });
});
