import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, SHOTS, type ConsoleUnderTest, type Served } from './browser.js';

/**
 * From a sync gap to its cause in a real browser: run `master-data-errors` until a UoM gap opens,
 * follow the order's lineage link, find the dead-lettered confirmation on the swimlane timeline and
 * in the table, read its CloudEvent; then reconcile MES against ERP. Screenshots go to
 * test-results/screenshots/ (lineage.png, sync-gaps.png).
 */
let ui: ConsoleUnderTest;
let server: Served;
let page: Page;
let order = '';

beforeAll(async () => {
  ui = await openConsole([], { width: 1440, height: 1000 });
  ({ server, page } = ui);
}, 60_000);

afterAll(() => ui?.close());

const main = () => page.locator('main');

describe('lineage and sync gaps in a browser', () => {
  it('starts master-data-errors from the UI and runs it until a UoM gap opens', async () => {
    await page.goto(`${server.url}/#/simulator`);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Connected');
    await expect.poll(() => page.getByLabel('Scenario').locator('option').count()).toBeGreaterThan(1);
    await page.getByLabel('Scenario').selectOption('master-data-errors');
    await page.getByLabel('Speed').selectOption('3600');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.locator('dl.status').textContent()).toContain('Paused');
    await page.getByRole('button', { name: 'Play' }).click();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync gaps' }).click();
    const gaps = page.getByRole('region', { name: 'Open gaps' });
    await expect.poll(() => gaps.textContent(), { timeout: 30_000 }).toContain('not convertible');
  });

  it('filters the open gaps by kind and line', async () => {
    const gaps = page.getByRole('region', { name: 'Open gaps' });
    await page.getByLabel('Kind', { exact: true }).selectOption('quantity');
    await page.getByLabel('Line', { exact: true }).selectOption('US01/L2');
    const kinds = await gaps.locator('tbody tr td:first-child').allTextContents();
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['quantity']));
    expect(new Set(await gaps.locator('tbody tr td:nth-child(2)').allTextContents())).toEqual(new Set(['US01/L2']));
  });

  it("follows a gap's order to its lineage: lanes, the dead-lettered confirmation and its cause", async () => {
    const row = page.getByRole('region', { name: 'Open gaps' }).locator('tbody tr', { hasText: 'not convertible' }).first();
    order = (await row.getByRole('link').textContent())!;
    await row.getByRole('link', { name: `Lineage of order ${order}` }).click();
    await expect.poll(() => page.url()).toContain(`#/lineage/${order}`);

    const lineage = page.getByRole('region', { name: `Lineage of order ${order}` });
    await expect.poll(() => lineage.count(), { timeout: 15_000 }).toBe(1);
    // lanes top to bottom in the order a transaction travels
    await expect.poll(() => lineage.locator('.lin-lane-name').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^ERP/), expect.stringMatching(/^Integration/), expect.stringMatching(/^MES/)]),
    );
    const lanes = (await lineage.locator('.lin-lane-name').allTextContents()).map((t) => t.split(' ')[0]);
    expect(lanes.slice(0, 3)).toEqual(['ERP', 'Integration', 'MES']);
    expect(await lineage.getByRole('img', { name: /Swimlane timeline of \d+ events/ }).count()).toBe(1);
    // a hop latency is written on a connector
    expect(await lineage.locator('.lin-edge-label').first().textContent()).toMatch(/ → .+ (\d+ ms|\d+\.\d s|\d+ min)/);

    const table = lineage.getByRole('table', { name: `Events of order ${order} in time order` });
    const dead = table.locator('tbody tr', { hasText: 'not convertible' }).filter({ hasText: 'int.message.dead-lettered' });
    expect(await dead.count()).toBeGreaterThan(0);
    expect(await lineage.locator('.lin-marker.lin-dead-lettered').count()).toBeGreaterThan(0);

    // keyboard: focus the row's button and press Enter
    const pick = dead.first().getByRole('button', { name: 'int.message.dead-lettered' });
    await pick.focus();
    await page.keyboard.press('Enter');
    expect(await pick.getAttribute('aria-pressed')).toBe('true');
  });

  it('shows the selected event as JSON with a link to inject from it and one to the exception queue', async () => {
    const detail = page.getByRole('complementary', { name: 'int.message.dead-lettered' });
    const json = await detail.getByLabel('CloudEvent JSON').textContent();
    const event = JSON.parse(json!) as { id: string; type: string; subject: string; data: { reason: string } };
    expect(event).toMatchObject({ type: 'int.message.dead-lettered', subject: order });
    expect(event.data.reason).toContain('not convertible');
    expect(await detail.getByRole('link', { name: 'Inject from this event' }).getAttribute('href')).toBe(`#/inject/${encodeURIComponent(event.id)}`);
    expect(await detail.getByRole('link', { name: 'Open the Exceptions view' }).getAttribute('href')).toBe('#/exceptions');
    // the selection is also drawn on the chart
    expect(await page.locator('.lin-selected').count()).toBe(1);
  });

  it('keeps the lineage current while the session runs, without losing the selection', async () => {
    // the order closes a few simulated minutes after its gap opens; a refresh brings the closing in
    const table = page.getByRole('table', { name: `Events of order ${order} in time order` });
    await expect.poll(() => table.textContent(), { timeout: 20_000 }).toContain('erp.order.closed');
    const dead = table.locator('tbody tr', { hasText: 'not convertible' }).filter({ hasText: 'int.message.dead-lettered' }).first();
    expect(await dead.getByRole('button').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('complementary', { name: 'int.message.dead-lettered' }).count()).toBe(1);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'lineage.png'), fullPage: true });
  });

  it('selects an event by clicking its marker on the timeline', async () => {
    const marker = page.locator('.lin-marker.lin-ok[data-id]').first();
    const id = await marker.getAttribute('data-id');
    await marker.click();
    const json = await page.getByLabel('CloudEvent JSON').textContent();
    expect((JSON.parse(json!) as { id: string }).id).toBe(id);
  });

  it('searches from the box, and says so plainly when nothing matches', async () => {
    const box = page.getByLabel('Order, lot, business key or event id');
    await box.fill('NO-SUCH-ORDER');
    await box.press('Enter');
    await expect.poll(() => page.url()).toContain('#/lineage/NO-SUCH-ORDER');
    await expect.poll(() => main().textContent()).toContain('No order in this session matches “NO-SUCH-ORDER”');
    await box.fill(order);
    await page.getByRole('button', { name: 'Show lineage' }).click();
    await expect.poll(() => page.getByRole('region', { name: `Lineage of order ${order}` }).count()).toBe(1);
    // an event id leads to its order, with that event selected
    const marker = page.locator('.lin-marker.lin-dead-lettered[data-id]').last();
    const eventId = (await marker.getAttribute('data-id'))!;
    await box.fill(eventId);
    await box.press('Enter');
    await expect.poll(() => page.getByRole('region', { name: `Lineage of order ${order}` }).count()).toBe(1);
    const json = await page.getByLabel('CloudEvent JSON').textContent();
    expect((JSON.parse(json!) as { id: string }).id).toBe(eventId);
  });

  it('runs a reconciliation and lists mismatches with their orders linked to lineage', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync gaps' }).click();
    const recon = page.getByRole('region', { name: 'Reconciliation' });
    await recon.getByRole('button', { name: 'Run reconciliation' }).click();
    await expect.poll(() => recon.textContent(), { timeout: 15_000 }).toMatch(/Ran at \d\d\/\d\d\/\d{4}, \d\d:\d\d:\d\d (CST|UTC)/);
    expect(await recon.textContent()).toMatch(/Orders compared\d+Orders matched\d+/);
    const mismatches = recon.getByRole('table', { name: 'Fields where MES and ERP disagree' });
    expect(await mismatches.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await mismatches.getByRole('link', { name: /^Lineage of order / }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'sync-gaps.png'), fullPage: true });
  });
});
