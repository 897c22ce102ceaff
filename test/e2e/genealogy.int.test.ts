import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { loadScenario, runSimulation } from '../../engine/index.js';
import { openJournal } from '../../engine/journal/index.js';
import { openConsole, type ConsoleUnderTest, type Served } from './browser.js';

/**
 * A lot's genealogy in the Lineage view: run `genealogy` from the UI until a binder lot has been
 * split for a paint order, search the parent lot, and follow the tree to an order's lineage.
 */
let ui: ConsoleUnderTest;
let server: Served;
let page: Page;

beforeAll(async () => {
  ui = await openConsole([], { width: 1440, height: 1000 });
  ({ server, page } = ui);
}, 60_000);

afterAll(() => ui?.close());

describe('genealogy in the Lineage view', () => {
  it('shows where a split binder lot came from and where it went, and links to the orders', async () => {
    await page.goto(`${server.url}/#/simulator`);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Connected');
    await expect.poll(() => page.getByLabel('Scenario').locator('option').count()).toBeGreaterThan(1);
    await page.getByLabel('Scenario').selectOption('genealogy');
    await page.getByLabel('Speed').selectOption('max');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.locator('dl.status').textContent()).toContain('Paused');
    await page.getByRole('button', { name: 'Play' }).click();

    // the same run headless (same scenario and seed, so the same lot ids): the first binder lot split for a paint order
    const scenario = loadScenario('genealogy');
    const journalPath = join(ui.dir, 'headless.db');
    const result = await runSimulation(scenario, { journalPath });
    const j = openJournal(journalPath, { readonly: true });
    const parent = (j.db.prepare(`SELECT lot FROM events WHERE session = ? AND type = 'wms.lot.split' ORDER BY seq LIMIT 1`).pluck().get(result.session) as string) ?? '';
    j.close();
    expect(parent).not.toBe('');
    // wait until the live run has split it too
    await expect.poll(() => page.locator('dl.status').textContent(), { timeout: 60_000 }).toContain('Finished');

    await page.goto(`${server.url}/#/lineage/${parent}`);
    const panel = page.getByRole('region', { name: `Genealogy of lot ${parent}` });
    await expect.poll(() => panel.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => panel.getByRole('list', { name: 'Came from' }).textContent()).toMatch(/produced\s*order PO-NL01-B1-/);
    await expect.poll(() => panel.getByRole('list', { name: 'Went into' }).textContent()).toMatch(/split\s*lot L\d+/);
    const link = panel.getByRole('list', { name: 'Came from' }).getByRole('link', { name: /^PO-NL01-B1-/ }).first();
    const order = (await link.textContent())!;
    await link.click();
    await expect.poll(() => page.url()).toContain(`#/lineage/${order}`);
  }, 120_000);
});
