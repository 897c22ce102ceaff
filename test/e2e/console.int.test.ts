import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, SHOTS, type ConsoleUnderTest, type Served } from './browser.js';

/**
 * The console in a real browser against `linesight serve`, asserting on what a person sees
 * (roles, labels, text). Screenshots of each view go to test-results/screenshots/.
 */
let ui: ConsoleUnderTest;
let server: Served;
let page: Page;

beforeAll(async () => {
  ui = await openConsole(['--scenario', 'master-data-errors']);
  ({ server, page } = ui);
}, 60_000);

afterAll(() => ui?.close());

const nav = (name: string) => ui.nav(name);
/** the order the walk fixes */
let order = '';

/**
 * The walk the issue asks for, on the bundled master-data-errors scenario: watch the tiles change,
 * open the line with a quantity gap, follow the order's lineage to the dead-lettered confirmation
 * and its cause, fix it with edit-and-resend and see the gap close, then inject a duplicate and see
 * it suppressed.
 */
describe('the console in a browser', () => {
  it('connects and shows the started scenario, paused', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Connected');
    await nav('Simulator control').click();
    await expect.poll(() => page.locator('dl.status').textContent()).toContain('Paused');
    expect(await page.locator('dl.status').textContent()).toContain('Master data errors');
    // the scenario picker shows what is running, with its description
    await expect.poll(() => page.getByLabel('Scenario').inputValue()).toBe('master-data-errors');
  });

  it('shows every line of the scenario before anything has happened, each idle since the start', async () => {
    await nav('Plant overview').click();
    const tiles = page.getByRole('article', { name: /^Line / });
    await expect.poll(() => tiles.count(), { timeout: 15_000 }).toBe(2);
    for (const line of ['US01/L1', 'US01/L2']) {
      expect(await page.getByRole('article', { name: `Line ${line}` }).textContent()).toMatch(/Idle since \d\d:\d\d CST/);
    }
    await page.screenshot({ path: join(SHOTS, 'plant-overview-start.png') });
    await nav('Simulator control').click();
  });

  it('plays the scenario, and the line tiles change as orders go through', async () => {
    await page.getByLabel('Speed').selectOption('3600');
    await page.getByRole('button', { name: 'Play' }).click();
    await nav('Plant overview').click();
    const tile = page.getByRole('article', { name: 'Line US01/L2' });
    await expect.poll(() => tile.count(), { timeout: 15_000 }).toBe(1);
    const before = await tile.textContent();
    await expect.poll(() => tile.textContent(), { timeout: 15_000 }).not.toBe(before);
  });

  it('runs at max speed to the end', async () => {
    await nav('Simulator control').click();
    await page.getByLabel('Speed').selectOption('max');
    await expect.poll(() => page.locator('dl.status').textContent(), { timeout: 30_000 }).toContain('Finished');
    await page.screenshot({ path: join(SHOTS, 'simulator-control.png') });
  });

  it('shows the line with dead-lettered confirmations in attention, and the gap with its cause', async () => {
    await nav('Plant overview').click();
    const tile = page.getByRole('article', { name: 'Line US01/L2' });
    await expect.poll(() => tile.textContent()).toMatch(/Attention: \d+ open gaps/);
    expect(await tile.textContent()).toMatch(/data quality \d+/);
    // transit latency in seconds; pumps go into quality-inspection stock, so nothing waits at a gate
    expect(await tile.textContent()).toMatch(/Transit latency p50 \/ p95\s*\d+ s \/ \d+ s/);
    expect(await tile.textContent()).toMatch(/Time held p95\s*none/);
    const gaps = page.getByRole('region', { name: 'Sync gaps' });
    expect(await gaps.textContent()).toContain('UoM PC not convertible to EA');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'plant-overview.png') });
  });

  it('opens the line detail from its tile, with charts over simulated time and the line\'s gaps', async () => {
    await page.getByRole('article', { name: 'Line US01/L2' }).getByRole('link', { name: 'L2', exact: true }).click();
    await expect.poll(() => page.url()).toMatch(/#\/line\/US01\/L2$/);
    await expect.poll(() => page.getByRole('heading', { name: 'Line US01/L2' }).count()).toBe(1);
    expect(await nav('Line US01/L2').getAttribute('aria-current')).toBe('page');
    // queue depth, transit latency, time held, throughput
    expect(await page.locator('figure canvas').count()).toBe(4);
    await expect.poll(() => page.locator('figure figcaption').first().textContent()).toMatch(/Latest:/);
    const held = page.getByRole('table', { name: 'Time held by the integration layer' });
    // every kind of hold is listed; none held here (pumps go into quality-inspection stock instead of waiting at the gate)
    expect(await held.getByRole('row', { name: /^goods-receipt gate 0 / }).count()).toBe(1);
    expect(await held.getByRole('row', { name: /^resequencing \d/ }).count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Transit latency by kind of posting' }).getByRole('row').count()).toBe(5);
    expect(await page.locator('main').textContent()).toContain('UoM PC not convertible to EA');
    expect(await page.getByRole('region', { name: 'Open orders' }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'line-detail.png') });
  });

  it('still shows the finished run after a reload, though it sends no more frames', async () => {
    await page.reload();
    await expect.poll(() => page.getByRole('region', { name: 'Open sync gaps on this line' }).textContent(), { timeout: 15_000 }).toContain(
      'UoM PC not convertible to EA',
    );
  });

  it("follows the quantity gap's order to its lineage: the dead-lettered confirmation and its cause", async () => {
    const gap = page.getByRole('region', { name: 'Open sync gaps on this line' }).locator('tbody tr', { hasText: 'not convertible' }).filter({ hasText: 'quantity' }).first();
    order = (await gap.getByRole('link').textContent())!;
    await gap.getByRole('link', { name: `Lineage of order ${order}` }).click();
    const lineage = page.getByRole('region', { name: `Lineage of order ${order}` });
    await expect.poll(() => lineage.count(), { timeout: 15_000 }).toBe(1);
    const table = lineage.getByRole('table', { name: `Events of order ${order} in time order` });
    const dead = table.locator('tbody tr', { hasText: 'UoM PC not convertible to EA' }).filter({ hasText: 'int.message.dead-lettered' });
    expect(await dead.count()).toBeGreaterThan(0);
    await dead.first().getByRole('button', { name: 'int.message.dead-lettered' }).click();
    const detail = page.getByRole('complementary', { name: 'int.message.dead-lettered' });
    expect(await detail.getByLabel('CloudEvent JSON').textContent()).toContain('not convertible');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'walk-lineage.png'), fullPage: true });
    await detail.getByRole('link', { name: 'Open the Exceptions view' }).click();
    await expect.poll(() => page.url()).toContain('#/exceptions');
  });

  it('fixes every dead-lettered confirmation of the order with edit-and-resend, and the gap closes', async () => {
    const queue = page.getByRole('region', { name: 'Dead-letter queue' });
    await queue.getByRole('group', { name: 'Category' }).getByRole('button', { name: /^data quality/ }).click();
    const rows = queue.locator('tbody tr', { hasText: order }).filter({ hasText: 'not convertible' });
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    for (let n = await rows.count(); n > 0; n = await rows.count()) {
      await rows.first().getByRole('button', { name: /^Edit and resend/ }).click();
      const panel = page.getByRole('region', { name: /^Edit and resend/ });
      await panel.getByLabel(/^uom/).fill('EA');
      await expect.poll(() => panel.locator('.xq-preview').textContent()).toMatch(/would not double-post/i);
      await panel.getByLabel('Reason').fill('the ERP catalogue knows EA, not PC');
      await panel.getByRole('button', { name: 'Send corrected message' }).click();
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(n - 1);
    }
    // the finished run plays on until ERP has posted the corrected confirmations
    await nav('Sync gaps').click();
    const open = page.getByRole('region', { name: 'Open gaps' });
    await expect.poll(() => open.locator('tbody tr', { hasText: order }).filter({ hasText: 'quantity' }).count(), { timeout: 30_000 }).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'walk-sync-gaps.png'), fullPage: true });
  });

  it('injects a duplicate of one of its confirmations from the lineage, and sees it suppressed', async () => {
    await page.goto(`${server.url}/#/lineage/${encodeURIComponent(order)}`);
    const table = page.getByRole('table', { name: `Events of order ${order} in time order` });
    await expect.poll(() => table.count(), { timeout: 15_000 }).toBe(1);
    const confirmation = table.locator('tbody tr').filter({ hasText: 'mes.operation.confirmed' }).first();
    await confirmation.getByRole('button', { name: 'mes.operation.confirmed' }).click();
    await page.getByRole('complementary', { name: 'mes.operation.confirmed' }).getByRole('link', { name: 'Inject from this event' }).click();
    await expect.poll(() => page.locator('.inj-source').textContent(), { timeout: 15_000 }).toContain('its business key is kept');
    const businesskey = await page.getByLabel('Business key').inputValue();
    await page.getByRole('button', { name: 'Duplicate this' }).click();
    await page.getByLabel('Reason').fill('does idempotency catch a resent confirmation?');
    await expect.poll(() => page.locator('.inj-check').textContent()).toContain('The event is valid');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const result = page.getByRole('region', { name: 'Result' });
    await expect.poll(() => result.textContent()).toMatch(/Sent 1 message with business key/);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'walk-injector.png'), fullPage: true });
    await result.getByRole('link', { name: `Follow order ${order} in the lineage view` }).click();
    const suppressed = page
      .getByRole('table', { name: `Events of order ${order} in time order` })
      .locator('tbody tr', { hasText: 'int.message.duplicate-suppressed' })
      .filter({ hasText: businesskey });
    await expect.poll(() => suppressed.count(), { timeout: 20_000 }).toBeGreaterThan(0);
  });
});
