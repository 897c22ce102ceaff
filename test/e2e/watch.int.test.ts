import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicOf } from '../../engine/sources/mqtt/ingest.js';
import type { AnyEvent } from '../../model/index.js';
import { plantTraffic, withoutOrigin } from '../support/plant-traffic.js';
import { startMosquitto, type Broker } from '../support/mosquitto.js';
import { openConsole, SHOTS, type ConsoleUnderTest } from './browser.js';

/**
 * The console watching a live broker in a real browser: `linesight serve --broker` on a real
 * Mosquitto, fed the canonical events of a short simulation as foreign middleware would publish
 * them. The console must show what arrives and must not pretend it can drive or repair it.
 */
let broker: Broker;
let ui: ConsoleUnderTest;
let page: Page;
let pub: MqttClient;
let traffic: AnyEvent[];

beforeAll(async () => {
  broker = await startMosquitto();
  ui = await openConsole(['--broker', broker.url]);
  page = ui.page;
  pub = await mqtt.connectAsync(broker.url, { clientId: `e2e-pub-${Date.now()}`, protocolVersion: 4 });
}, 60_000);

afterAll(async () => {
  await pub?.endAsync();
  await ui?.close();
  await broker?.stop();
});


const nav = (name: string) => ui.nav(name);
const brokerRow = () => page.getByRole('region', { name: 'Watching live brokers' }).locator('tbody tr', { hasText: broker.url });

describe('the console watching a live broker', () => {
  it('shows the broker connected, then counts what the middleware publishes', async () => {
    await page.goto(ui.server.url);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Connected');
    await nav('Simulator control').click();
    await expect.poll(() => brokerRow().count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => brokerRow().locator('td').nth(1).textContent(), { timeout: 15_000 }).toContain('connected');

    traffic = plantTraffic('4h');
    for (const e of traffic) await pub.publishAsync(topicOf(e), JSON.stringify(withoutOrigin(e)), { qos: 1 });
    const received = () => brokerRow().locator('td').nth(3).textContent();
    await expect.poll(async () => Number((await received())?.replace(/,/g, '')), { timeout: 30_000 }).toBe(traffic.length);
  }, 60_000);

  it('shows the watched plant: Line US01/L2 in attention', async () => {
    await nav('Plant overview').click();
    const tile = page.getByRole('article', { name: 'Line US01/L2' });
    await expect.poll(() => tile.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => tile.textContent(), { timeout: 15_000 }).toMatch(/Attention/);
    expect(await tile.textContent()).toMatch(/data quality \d+/);
  });

  it('disables play, pause, step and speed with the reason; Start stays, saying it ends the watch', async () => {
    await nav('Simulator control').click();
    const session = page.getByRole('region', { name: 'Session' });
    for (const name of ['Play', 'Pause', 'Step']) expect(await session.getByRole('button', { name, exact: true }).isDisabled(), name).toBe(true);
    expect(await page.getByLabel('Speed').isDisabled()).toBe(true);
    expect(await session.textContent()).toContain('Play, pause, step and speed belong to simulations: a watched broker runs in real time.');
    // enabled once the scenario list is read
    await expect.poll(() => session.getByRole('button', { name: 'Start' }).isDisabled()).toBe(false);
    expect(await session.textContent()).toContain('Starting a simulation ends the watch');
    const controls = page.getByRole('region', { name: 'Controls and faults' });
    expect(await controls.textContent()).toMatch(/belong to the simulator/);
    expect(await controls.getByRole('switch').count()).toBe(0);
    expect(await brokerRow().textContent()).toContain(String(traffic.length));
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'watch.png'), fullPage: true });
  });

  it('lists the data-quality dead letters with their actions disabled and the reason', async () => {
    await nav('Exceptions').click();
    await expect.poll(() => page.locator('main').getByRole('note').textContent()).toContain(
      'Watching a live broker: these dead letters belong to the middleware there — retry, resend or discard them in that middleware.',
    );
    const queue = page.getByRole('region', { name: 'Dead-letter queue' });
    const rows = queue.locator('tbody tr', { hasText: 'not convertible' });
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await rows.first().getByRole('button', { name: /^Edit and resend/ }).isDisabled()).toBe(true);
    await rows.first().getByRole('checkbox').check();
    expect(await queue.getByRole('button', { name: 'Retry selected' }).isDisabled()).toBe(true);
    expect(await queue.getByRole('button', { name: 'Discard selected…' }).isDisabled()).toBe(true);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'watch-exceptions.png') });
  });

  it('says why the injector cannot send to the watched broker', async () => {
    await nav('Event injector').click();
    await expect.poll(() => page.locator('main').getByRole('note').textContent()).toContain(
      'Watching a live broker: publishing test events to it is not enabled (it needs an allowed topic prefix).',
    );
    await expect.poll(() => page.getByRole('button', { name: 'Send', exact: true }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true);
  });
});
