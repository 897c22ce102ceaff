import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { openConsole, SHOTS, type ConsoleUnderTest } from './browser.js';

/**
 * The first screen, from `npm start` to a root-caused sync gap. Without Electron, `npm start` runs
 * `linesight serve --scenario baseline` (electron/launch.mjs): a baseline session paused at its
 * start with no event, which the overview treats as "not started" and offers the bundled scenarios
 * as cards beside the recent sessions. Every click is counted: opening the URL is none, Start on a
 * card is the first (it runs the scenario fast and opens Sync gaps), the cause chain of a gap the
 * second; the gap's root cause is on its row already. At most five. No timing assertions.
 */
let ui: ConsoleUnderTest;
let page: Page;
let clicks = 0;

beforeAll(async () => {
  ui = await openConsole(['--scenario', 'baseline'], { width: 1280, height: 900 });
  page = ui.page;
}, 60_000);

afterAll(async () => {
  await ui?.close();
});

const cards = () => page.getByRole('region', { name: 'Scenarios' }).getByRole('listitem');
const openGaps = () => page.getByRole('region', { name: 'Open gaps' });

describe('the first screen', () => {
  it('lists every bundled scenario as a card with what to look for and Start, beside the recent sessions', async () => {
    await page.goto(ui.server.url);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toBe('Plant overview');
    await expect.poll(() => cards().count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(10);
    const card = cards().filter({ has: page.getByRole('heading', { name: 'Master data errors', exact: true }) });
    expect(await card.locator('p').textContent()).toMatch(/unknown unit \(PC\)/);
    expect(await card.getByRole('button', { name: 'Start Master data errors' }).isEnabled()).toBe(true);
    expect(await page.locator('p.first-screen-lead').textContent()).toMatch(/^The session “Baseline” is paused at its start/);
    expect(await page.getByRole('region', { name: 'Recent sessions' }).getByRole('link', { name: 'All sessions' }).getAttribute('href')).toBe('#/sessions');
    await page.screenshot({ path: join(SHOTS, 'first-screen.png'), fullPage: true });
  });

  it('starts a card fast and lands on Sync gaps, where its gaps appear with their root cause', async () => {
    await page.getByRole('button', { name: 'Start Master data errors' }).click();
    clicks++;
    await expect.poll(() => page.url()).toMatch(/#\/gaps$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toBe('Sync gaps');
    const row = openGaps().locator('tbody tr', { hasText: 'not convertible' }).first();
    await row.waitFor({ timeout: 90_000 });
    // the root cause is the row's last cell, root first
    expect(await row.locator('td').last().textContent()).toMatch(/^UoM PC not convertible to EA/);
  }, 120_000);

  it('opens the gap’s cause chain in one more click: a root-caused gap in at most five', async () => {
    const row = openGaps().locator('tbody tr', { hasText: 'not convertible' }).first();
    await row.getByText(/^Cause chain/).click();
    clicks++;
    const steps = await row.getByRole('listitem').allTextContents();
    expect(steps[0]).toMatch(/^UoM PC not convertible to EA/);
    expect(steps.length).toBeGreaterThanOrEqual(2);
    expect(clicks).toBeLessThanOrEqual(5);
  });
});

describe('the first screen without any session (`linesight serve` with no scenario)', () => {
  let bare: ConsoleUnderTest;
  beforeAll(async () => {
    bare = await openConsole([]);
  }, 60_000);
  afterAll(async () => {
    await bare?.close();
  });

  it('says there is no session yet and offers the same cards', async () => {
    await bare.page.goto(bare.server.url);
    await expect.poll(() => bare.page.getByRole('region', { name: 'Scenarios' }).getByRole('button', { name: 'Start Baseline' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await bare.page.locator('p.first-screen-lead').textContent()).toMatch(/^No session yet\. Start a scenario below/);
  });
});
