import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, SHOTS, type ConsoleUnderTest } from './browser.js';

/**
 * Live contract checks in a real browser: a simulation whose middleware posts twice (idempotency
 * off) shows, in the Sync gaps view, the broken rule failing with its first violations and their
 * events, each linked to its order's lineage; the other rules hold. Once the session has ended the
 * Sessions view shows what its checks said. Screenshot: test-results/screenshots/checks-live.png.
 */
let ui: ConsoleUnderTest;
let page: Page;

beforeAll(async () => {
  ui = await openConsole(['--scenario', 'idempotency-off'], { width: 1440, height: 1000 });
  page = ui.page;
}, 60_000);

afterAll(() => ui?.close());

const panel = () => page.getByRole('region', { name: 'Contract checks' });
const ruleRow = (id: string) => panel().getByRole('row').filter({ hasText: id }).first();

describe('the Contract checks panel', () => {
  it('shows the rule a double posting breaks, with its events linked to the lineage', async () => {
    await page.goto(`${ui.server.url}/#/simulator`);
    await expect.poll(() => page.locator('dl.status').textContent(), { timeout: 15_000 }).toContain('Paused');
    await page.getByLabel('Speed').selectOption('max');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => page.locator('dl.status').textContent(), { timeout: 60_000 }).toContain('Finished');
    await ui.nav('Sync gaps').click();

    await expect.poll(() => panel().getByText(/^1 of 7 rules failing\./).count(), { timeout: 15_000 }).toBe(1);
    expect(await ruleRow('posted-once').getByText('fails', { exact: true }).count()).toBe(1);
    expect(await ruleRow('operations-in-order').getByText('holds', { exact: true }).count()).toBe(1);

    const violations = panel().getByRole('list', { name: 'First violations of posted-once' });
    const first = violations.getByRole('listitem').first();
    expect(await first.textContent()).toMatch(/nets to 2 postings \(2 posted, 0 reversed\), where 1 is owed/);
    const links = first.getByRole('link', { name: /^Lineage of event / });
    expect(await links.count()).toBe(2);
    expect(await links.first().textContent()).toMatch(/^erp\.\w+\.posted$/);
    // the panel opens the view: it is what the screenshot shows
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'checks-live.png') });

    // an event's link opens the lineage of its order
    const label = (await links.first().getAttribute('aria-label')) ?? '';
    const order = /\(order (\S+)\)$/.exec(label)?.[1];
    await links.first().click();
    await expect.poll(() => page.url()).toMatch(/#\/lineage\//);
    if (order !== undefined) await expect.poll(() => page.getByText(order).count(), { timeout: 15_000 }).toBeGreaterThan(0);
  });

  it('shows what the checks said in the Sessions view once the session has ended', async () => {
    // a new session ends the one before: its outcome is recorded then
    await page.goto(`${ui.server.url}/#/simulator`);
    await page.getByLabel('Scenario').selectOption('baseline');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.locator('dl.status').textContent(), { timeout: 15_000 }).toContain('Paused');
    await ui.nav('Sessions').click();
    const table = page.getByRole('table', { name: 'Sessions' });
    const row = table.getByRole('row').filter({ hasText: 'idempotency-off' }).first();
    await expect.poll(() => row.getByText('1/7 fail', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
    expect(await row.getByRole('cell', { name: '1/7 fail' }).getAttribute('title')).toMatch(/posted-once/);
  });
});
