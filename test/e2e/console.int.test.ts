import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, CHROMIUM, launchBrowser, startServe } from './browser.js';

/**
 * The console in a real browser against `linesight serve`, asserting on what a person sees
 * (roles, labels, text). Screenshots of each view go to test-results/screenshots/.
 */
const dir = mkdtempSync(join(tmpdir(), 'linesight-e2e-'));
// Kept out of git; the best are copied by hand to docs/screenshots/ for the README.
const shots = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');
let server: Awaited<ReturnType<typeof startServe>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set LINESIGHT_CHROMIUM)`);
  server = await startServe(['--scenario', 'master-data-errors', '--journal', join(dir, 'e2e.db')]);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the console in a browser', () => {
  it('connects and shows the started scenario, paused', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Connected');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Simulator control' }).click();
    await expect.poll(() => page.locator('dl.status').textContent()).toContain('Paused');
    expect(await page.locator('dl.status').textContent()).toContain('Master data errors');
    // the scenario picker shows what is running, with its description
    await expect.poll(() => page.getByLabel('Scenario').inputValue()).toBe('master-data-errors');
  });

  it('plays the scenario at max speed to the end', async () => {
    await page.getByLabel('Speed').selectOption('max');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => page.locator('dl.status').textContent(), { timeout: 30_000 }).toContain('Finished');
    await page.screenshot({ path: join(shots, 'simulator-control.png') });
  });

  it('shows the line with dead-lettered confirmations in attention, and the gap with its cause', async () => {
    await page.getByRole('link', { name: 'Plant overview' }).click();
    const tile = page.getByRole('article', { name: 'Line US01/L2' });
    await expect.poll(() => tile.textContent()).toMatch(/Attention: \d+ open gaps/);
    expect(await tile.textContent()).toMatch(/data quality \d+/);
    const gaps = page.getByRole('region', { name: 'Sync gaps' });
    expect(await gaps.textContent()).toContain('UoM PC not convertible to EA');
    await page.mouse.wheel(0, -10_000);
    await page.screenshot({ path: join(shots, 'plant-overview.png') });
  });

  it('opens the line detail from its tile, with charts over simulated time and the line\'s gaps', async () => {
    await page.getByRole('article', { name: 'Line US01/L2' }).getByRole('link', { name: 'L2', exact: true }).click();
    await expect.poll(() => page.url()).toMatch(/#\/line\/US01\/L2$/);
    await expect.poll(() => page.getByRole('heading', { name: 'Line US01/L2' }).count()).toBe(1);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Line US01/L2' }).getAttribute('aria-current')).toBe('page');
    expect(await page.locator('figure canvas').count()).toBe(3);
    expect(await page.locator('figure figcaption').first().textContent()).toMatch(/Latest:/);
    expect(await page.locator('main').textContent()).toContain('UoM PC not convertible to EA');
    await page.screenshot({ path: join(shots, 'line-detail.png') });
  });
});
