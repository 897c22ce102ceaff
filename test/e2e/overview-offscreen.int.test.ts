import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, type ConsoleUnderTest } from './browser.js';

/**
 * Tiles out of view are not rendered again at each frame (thirty of them at max speed cost the
 * window its frame rate); a tile scrolled back into view shows the line's current figures at once.
 * Seven pump lines in a short window, so most tiles start below the fold.
 */
let ui: ConsoleUnderTest;
let page: Page;

beforeAll(async () => {
  // openConsole's temp folder is made inside it; the scenario file goes to the OS temp folder first
  const file = join(process.env.TMPDIR ?? '/tmp', `overview-offscreen-${process.pid}.yaml`);
  writeFileSync(file, 'name: Seven lines\nseed: 7\nstart: 2026-03-02T06:00:00+01:00\nduration: 8h\nplant: pumps\n');
  ui = await openConsole(['--scenario', file], { width: 1280, height: 480 });
  ({ page } = ui);
}, 60_000);

afterAll(() => ui?.close());

/** The "Orders released" figure of a tile. */
async function released(line: string): Promise<number> {
  const tile = page.getByRole('article', { name: `Line ${line}` });
  const dd = tile.locator('dt', { hasText: 'Orders released' }).locator('xpath=following-sibling::dd[1]');
  return Number((await dd.textContent()) ?? 'NaN');
}

describe('the plant overview with tiles out of view', () => {
  it('shows a tile scrolled into view with the figures every other view shows for that line', async () => {
    await page.goto(`${ui.server.url}/#/simulator`);
    await expect.poll(() => page.locator('dl.status').textContent()).toContain('Paused');
    await page.getByLabel('Speed').selectOption('max');
    await page.getByRole('button', { name: 'Play' }).click();
    await ui.nav('Plant overview').click();
    const tiles = page.getByRole('article');
    await expect.poll(() => tiles.count(), { timeout: 15_000 }).toBe(7);
    const last = (await tiles.last().getAttribute('aria-label'))!.replace(/^Line /, '');
    // let the run go on while the last tile is below the fold, then stop it
    await expect.poll(() => released((last)), { timeout: 5_000 }).toBeGreaterThanOrEqual(0);
    // at max speed the eight hours run out in seconds: wait for the end, so the figures stand still
    await ui.nav('Simulator control').click();
    await expect.poll(() => page.getByRole('button', { name: 'Pause' }).isDisabled(), { timeout: 30_000 }).toBe(true);
    // what the line's own page says now
    const [plant, line] = last.split('/') as [string, string];
    await page.goto(`${ui.server.url}/#/line/${plant}/${line}`);
    const counters = page.getByRole('region', { name: 'Counters' });
    const dd = counters.locator('dt', { hasText: 'Orders released' }).locator('xpath=following-sibling::dd[1]');
    await expect.poll(async () => Number(await dd.textContent())).toBeGreaterThan(0);
    const expected = Number(await dd.textContent());
    // back on the overview, the tile below the fold, scrolled into view, agrees
    await ui.nav('Plant overview').click();
    const tile = page.getByRole('article', { name: `Line ${last}` });
    await tile.scrollIntoViewIfNeeded();
    await expect.poll(() => released(last)).toBe(expected);
  });
});
