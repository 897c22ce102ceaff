import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sparkplug from 'sparkplug-payload';
import { startMosquitto, type Broker } from '../support/mosquitto.js';
import { openConsole, SHOTS, type ConsoleUnderTest } from './browser.js';

/**
 * Connected mode in a real browser: set a watch up in the Connections view (a real Mosquitto, with
 * publishing allowed under one line's prefix), inject a test event from the injector, and check a
 * plain MQTT subscriber gets it on the expected topic — and that a topic outside the allowlist is
 * refused before anything is sent.
 */
const PREFIX = 'linesight/v1/US01/L2/';
const TYPE = 'mes.order.acknowledged';
const ORDER = `E2E-${Date.now()}`;

let broker: Broker;
let ui: ConsoleUnderTest;
let page: Page;
let sub: MqttClient;
const received: { topic: string; payload: Record<string, unknown> }[] = [];

beforeAll(async () => {
  broker = await startMosquitto();
  ui = await openConsole([]);
  page = ui.page;
  sub = await mqtt.connectAsync(broker.url, { clientId: `e2e-sub-${Date.now()}`, protocolVersion: 4 });
  sub.on('message', (topic, payload) => received.push({ topic, payload: JSON.parse(payload.toString()) as Record<string, unknown> }));
  await sub.subscribeAsync('linesight/#', { qos: 1 });
}, 60_000);

afterAll(async () => {
  await sub?.endAsync();
  await ui?.close();
  await broker?.stop();
});

const main = () => page.locator('main');
const brokerRow = () => page.getByRole('region', { name: 'Watching live brokers' }).locator('tbody tr', { hasText: broker.url });

describe('connected mode: watch a broker from the Connections view and inject into it', () => {
  it('sets a connection up with publishing allowed under one line, refusing a wildcard prefix', async () => {
    await page.goto(ui.server.url);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Connected');
    await ui.nav('Connections').click();
    const form = page.getByRole('region', { name: 'Watch a broker' });
    expect(await form.getByLabel('Subscriptions').inputValue()).toBe('linesight/v1/#');
    expect(await form.textContent()).toContain('asked each time, never stored');
    await form.getByLabel('Broker URL').fill(broker.url);
    await form.getByLabel(/^Name/).fill('line-2');
    await form.getByLabel('MQTT version').selectOption('4');
    await form.getByLabel('Allow publishing test events').check();
    const allow = form.getByLabel('Topic prefixes Linesight may publish under');
    await allow.fill('linesight/v1/+/L2/');
    await expect.poll(() => form.textContent()).toContain('has a wildcard: give a concrete topic prefix');
    await form.getByRole('button', { name: 'Start watching' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Nothing was started');
    // what was typed is still there
    expect(await form.getByLabel('Broker URL').inputValue()).toBe(broker.url);
    await allow.fill(PREFIX);
    expect(await form.textContent()).not.toContain('has a wildcard');
    expect(await form.textContent()).toContain('Ends the current session');
    await form.getByRole('button', { name: 'Start watching' }).click();

    await expect.poll(() => brokerRow().count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => brokerRow().locator('td').nth(1).textContent(), { timeout: 15_000 }).toContain('connected');
    const publishing = await brokerRow().locator('td').nth(4).textContent();
    expect(publishing).toContain(PREFIX);
    expect(publishing).toContain('0 delivered');
    expect(await page.getByRole('region', { name: 'Embedded broker' }).textContent()).toContain('no plant network');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'connections.png'), fullPage: true });
  }, 60_000);

  it('injects an event for line US01/L2 into the broker: a plain subscriber gets it, the connection counts it delivered', async () => {
    await ui.nav('Event injector').click();
    await expect.poll(() => page.getByLabel('Event type').count(), { timeout: 15_000 }).toBe(1);
    expect(await main().textContent()).not.toContain('publishing test events to it is not enabled');
    await page.getByLabel('Event type').selectOption(TYPE);
    await page.getByLabel('Order', { exact: true }).fill(ORDER);
    await page.getByLabel('Business key').fill(`${ORDER}-ack`);
    await page.getByLabel(/^routing/).fill('R-100');
    await page.getByLabel(/^revision/).fill('A');
    const where = page.getByRole('group', { name: 'Where it goes' });
    expect(await where.getByLabel('Publish on connection').inputValue()).toBe('line-2');
    await expect.poll(() => where.textContent()).toContain(`order ${ORDER} has not been seen on this broker yet`);
    await where.getByLabel('Line (PLANT/LINE)').fill('US01/L2');
    const topic = `${PREFIX}mes/${TYPE}`;
    await expect.poll(() => where.textContent()).toContain(`Topic: ${topic}`);
    expect(await where.textContent()).not.toContain('Cannot send');
    // spacing and delay need the simulator's clock
    expect(await page.getByLabel('Delay (ms)').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Send out of order' }).isDisabled()).toBe(true);
    expect(await main().textContent()).toContain('a broker gets copies back to back');

    await page.getByLabel('Reason').fill('commissioning: check the gateway sees injected acknowledgements');
    const send = page.getByRole('button', { name: 'Send', exact: true });
    await expect.poll(() => send.isDisabled(), { timeout: 10_000 }).toBe(false);
    await send.click();
    const result = page.getByRole('region', { name: 'Result' });
    await expect.poll(() => result.textContent(), { timeout: 15_000 }).toContain('Sent 1 message');
    expect(await result.textContent()).toContain(topic);

    await expect.poll(() => received.filter((m) => m.topic === topic).length, { timeout: 15_000 }).toBe(1);
    const got = received.find((m) => m.topic === topic)!;
    expect(got.payload).toMatchObject({ type: TYPE, subject: ORDER, plant: 'US01', line: 'L2', origin: 'injected', businesskey: `${ORDER}-ack` });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'connections-inject.png'), fullPage: true });

    await ui.nav('Connections').click();
    await expect.poll(() => brokerRow().locator('td').nth(4).textContent(), { timeout: 15_000 }).toContain('1 delivered');
  }, 60_000);

  it('refuses a topic outside the allowlist before sending', async () => {
    const before = received.length;
    await ui.nav('Event injector').click();
    await expect.poll(() => page.getByLabel('Event type').count(), { timeout: 15_000 }).toBe(1);
    await page.getByLabel('Event type').selectOption(TYPE);
    await page.getByLabel('Order', { exact: true }).fill(`${ORDER}-L9`);
    await page.getByLabel('Business key').fill(`${ORDER}-L9-ack`);
    await page.getByLabel(/^routing/).fill('R-100');
    await page.getByLabel(/^revision/).fill('A');
    const where = page.getByRole('group', { name: 'Where it goes' });
    await where.getByLabel('Line (PLANT/LINE)').fill('US01/L9');
    await page.getByLabel('Reason').fill('this must be refused');
    await expect.poll(() => where.textContent()).toContain(
      `Cannot send: topic linesight/v1/US01/L9/mes/${TYPE} is outside the publish allowlist of line-2 (${PREFIX})`,
    );
    await expect.poll(() => page.locator('.inj-check').textContent()).toContain('The event is valid, but it cannot go yet');
    expect(await page.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'connections-refused.png'), fullPage: true });
    await new Promise((r) => setTimeout(r, 500));
    expect(received.length).toBe(before);
  }, 60_000);

  it('edits a connection’s mappings: names a problem with its line, saves a valid text, and shows a sequence jump as a data gap', async () => {
    // a bare name: the file is kept in the config directory's mappings/ folder
    const file = join(ui.configDir, 'mappings', 'line-3.mappings.yaml');
    await ui.nav('Connections').click();
    const form = page.getByRole('region', { name: 'Watch a broker' });
    await form.getByRole('button', { name: 'Add connection' }).click();
    const second = form.getByRole('group', { name: 'Connection 2' });
    await second.getByLabel('Broker URL').fill(broker.url);
    await second.getByLabel(/^Name/).fill('line-3-json');
    await second.getByLabel('Subscriptions').fill('plant/#\nspBv1.0/Plant1/#');
    await second.getByLabel(/^Mappings file/).fill('line-3.mappings.yaml');
    await form.getByRole('button', { name: 'Start watching' }).click();
    const rows = page.getByRole('region', { name: 'Watching live brokers' }).locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(async () => (await rows.allTextContents()).every((t) => t.includes('connected')), { timeout: 15_000 }).toBe(true);
    // each connection shows the stable client id it keeps its broker session under, and for how long
    // (MQTT 5 asks for an hour; MQTT 3.1.1, line-2's, can only leave it to the broker)
    const texts = await rows.allTextContents();
    expect(texts.find((t) => t.includes('line-2'))).toMatch(/client id ls[0-9A-Za-z]{21} · session kept on the broker \(as long as the broker keeps sessions\)/);
    expect(texts.find((t) => t.includes('line-3-json'))).toMatch(/client id ls[0-9A-Za-z]{21} · session kept on the broker 1 h after a disconnect/);

    const editor = page.getByRole('region', { name: 'Mappings of line-3-json' });
    await expect.poll(() => editor.textContent(), { timeout: 15_000 }).toContain('does not exist yet');
    const text = editor.getByLabel(/^Mappings \(YAML or JSON\)/);
    const rule = [
      'mappings:',
      '  - kind: json',
      '    topic: plant/+plant/+line/ack',
      '    type: mes.order.acknowledged',
      '    plant: "{plant}"',
      '    line: "{line}"',
      '    fields:',
      '      order: $.order',
      '      routing: $.routing',
      '      revision: $.rev',
      '    sequence: $.seq',
      '  - kind: sparkplug',
      '    group: Plant1',
      '    plant: US01',
      '    line: "{edgeNode}"',
      '    events:',
      '      - metric: WorkOrder/Completed',
      '        type: mes.order.completed',
      '        fields: { order: WorkOrder/Id, item: WorkOrder/Item, goodQty: WorkOrder/Good, scrapQty: WorkOrder/Scrap }',
      '        values: { lot: LOT-1, uom: KG }',
    ];
    await text.fill([...rule, '    colour: blue', ''].join('\n'));
    await editor.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => editor.textContent()).toMatch(/:\d+: /);
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => editor.textContent()).toContain('Not saved');
    expect(existsSync(file)).toBe(false);
    await editor.screenshot({ path: join(SHOTS, 'connections-mappings-refused.png') });

    await text.fill([...rule, ''].join('\n'));
    await editor.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => editor.textContent()).toContain('2 rules OK (not saved yet)');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => editor.textContent()).toContain('Saved: 2 rules OK. They apply to messages arriving from now on');
    expect(readFileSync(file, 'utf8')).toContain('plant/+plant/+line/ack');

    for (const seq of [1, 5]) {
      await sub.publishAsync('plant/US01/L3/ack', JSON.stringify({ order: `${ORDER}-L3`, routing: 'R-7', rev: 'B', seq }), { qos: 1 });
    }
    // Sparkplug: edge node L7 is born then dies (stale), L8 is born (online)
    const sp = sparkplug.get('spBv1.0')!;
    const bd = (seq?: number) =>
      sp.encodePayload({ timestamp: Date.now(), ...(seq === undefined ? {} : { seq }), metrics: [{ name: 'bdSeq', type: 'UInt64', value: 3 }] });
    await sub.publishAsync('spBv1.0/Plant1/NBIRTH/L7', Buffer.from(bd(0)), { qos: 0 });
    await sub.publishAsync('spBv1.0/Plant1/NBIRTH/L8', Buffer.from(bd(0)), { qos: 0 });
    await sub.publishAsync('spBv1.0/Plant1/NDEATH/L7', Buffer.from(bd()), { qos: 1 });
    const nodes = page.getByRole('table', { name: 'Sparkplug nodes' });
    await expect.poll(() => nodes.locator('tbody tr', { hasText: 'Plant1/L7' }).textContent(), { timeout: 15_000 }).toContain('STALE');
    await expect.poll(() => nodes.locator('tbody tr', { hasText: 'Plant1/L8' }).textContent(), { timeout: 15_000 }).toContain('online');

    const dataGaps = page.getByRole('list', { name: 'Possible data gaps' });
    await expect.poll(() => dataGaps.textContent(), { timeout: 15_000 }).toContain('Possible data gap on /US01/L3/mes: sequence 5 after 1: 2–4 are missing');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'connections-mappings.png'), fullPage: true });
  }, 60_000);

  it('adds a mapping drafted in Topics from a message no rule covers to that connection’s mappings, not saved', async () => {
    const file = join(ui.configDir, 'mappings', 'line-3.mappings.yaml');
    await sub.publishAsync('plant/US01/L3/temp', JSON.stringify({ celsius: 21.5, sensor: 'T-1' }), { qos: 1 });
    await ui.nav('Topics').click();
    const tree = page.getByRole('tree', { name: 'Topics' });
    const temp = tree.getByRole('treeitem').filter({ has: page.locator('.tp-label', { hasText: /^temp$/ }) });
    await temp.waitFor({ timeout: 15_000 });
    await temp.click();
    await page.getByRole('button', { name: 'Create a mapping from this message' }).click();
    await page.getByRole('button', { name: 'Add to the mappings of line-3-json' }).click();
    await expect.poll(() => page.evaluate('location.hash')).toBe('#/connections');
    const editor = page.getByRole('region', { name: 'Mappings of line-3-json' });
    const text = editor.getByLabel(/^Mappings \(YAML or JSON\)/);
    await expect.poll(() => text.inputValue(), { timeout: 10_000 }).toContain('topic: plant/US01/L3/temp');
    const value = await text.inputValue();
    // the saved rules stay as they were, the draft comes after them with the payload's keys as hints
    expect(value.startsWith(readFileSync(file, 'utf8'))).toBe(true);
    expect(value).toContain('# FIELD: $.celsius');
    expect(await editor.textContent()).toContain('changed, not saved');
    expect(await editor.getByRole('status').textContent()).toContain('A draft for plant/US01/L3/temp is added at the end of the list, not saved');
    expect(readFileSync(file, 'utf8')).not.toContain('plant/US01/L3/temp');
    await editor.screenshot({ path: join(SHOTS, 'connections-mappings-draft.png') });
  }, 60_000);

  it('starts the embedded broker, shows the URL to give a gateway, and watches it in one click', async () => {
    await ui.nav('Connections').click();
    const panel = page.getByRole('region', { name: 'Embedded broker' });
    await expect.poll(() => panel.getByRole('button', { name: 'Start' }).isDisabled(), { timeout: 10_000 }).toBe(false);
    await panel.getByLabel('Port').fill('0');
    await panel.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => panel.textContent(), { timeout: 15_000 }).toMatch(/Give the gatewaymqtt:\/\/127\.0\.0\.1:\d+/);
    const url = (await panel.locator('code').first().textContent())!;
    await panel.getByRole('button', { name: 'Watch it' }).click();
    const row = page.getByRole('region', { name: 'Watching live brokers' }).locator('tbody tr', { hasText: url });
    await expect.poll(() => row.locator('td').nth(1).textContent(), { timeout: 15_000 }).toContain('connected');
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain('This session watches it.');
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toMatch(/Clients connected1/);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'connections-embedded.png'), fullPage: true });
    await panel.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain('Not running.');
  }, 60_000);
});
