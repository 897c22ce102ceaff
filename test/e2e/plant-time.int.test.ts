import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, SHOTS, type ConsoleUnderTest } from './browser.js';

/**
 * Plant time in a real browser: master-data-errors runs on US01 (Tulsa, America/Chicago) from
 * 2026-03-02 06:00 CST (12:00 UTC). By default the console shows Chicago time; after the viewer
 * picks UTC in Preferences, UTC.
 */
let ui: ConsoleUnderTest;
let page: Page;

beforeAll(async () => {
  ui = await openConsole(['--scenario', 'master-data-errors']);
  page = ui.page;
  await page.goto(ui.server.url);
  await page.getByRole('status').filter({ hasText: 'Connected' }).first().waitFor({ timeout: 20_000 });
}, 60_000);

afterAll(() => ui?.close());

const tile = () => page.getByRole('article', { name: 'Line US01/L1' });
const clock = () => page.locator('dl.status').textContent();

describe('plant time', () => {
  it('shows a plant in America/Chicago in Chicago time by default', async () => {
    await ui.nav('Plant overview').click();
    await expect.poll(() => tile().textContent(), { timeout: 15_000 }).toMatch(/Idle since 06:00 CST/);
    await ui.nav('Simulator control').click();
    await expect.poll(clock, { timeout: 15_000 }).toMatch(/06:00:00 CST/);
    await page.screenshot({ path: join(SHOTS, 'plant-time-chicago.png') });
    // the event browser's time filter is read in the zone it names
    await ui.nav('Event browser').click();
    await expect.poll(() => page.getByLabel('From (America/Chicago)').count(), { timeout: 15_000 }).toBe(1);
  });

  it('shows UTC once the viewer asks for it', async () => {
    await page.getByRole('button', { name: 'Preferences' }).click();
    const prefs = page.getByRole('group', { name: 'Preferences' });
    await prefs.getByRole('radio', { name: 'UTC' }).check();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByLabel('From (UTC)').count(), { timeout: 15_000 }).toBe(1);
    await ui.nav('Simulator control').click();
    await expect.poll(clock, { timeout: 15_000 }).toMatch(/12:00:00 UTC/);
    await ui.nav('Plant overview').click();
    await expect.poll(() => tile().textContent(), { timeout: 15_000 }).toMatch(/Idle since 12:00 UTC/);
  });

  it('goes back to plant time', async () => {
    await page.getByRole('button', { name: 'Preferences' }).click();
    await page.getByRole('group', { name: 'Preferences' }).getByRole('radio', { name: 'Plant time' }).check();
    await page.keyboard.press('Escape');
    await expect.poll(() => tile().textContent(), { timeout: 15_000 }).toMatch(/Idle since 06:00 CST/);
  });

  it('shows the instants inside a gap cause and a dead letter reason in plant time, and in UTC when asked', async () => {
    await ui.nav('Simulator control').click();
    await page.getByLabel('Speed').selectOption('max');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(clock, { timeout: 60_000 }).toContain('Finished');
    // an expired lot's consumption: "lot L… expired on 2026-02-25T12:01:…Z" as the engine writes it
    await ui.nav('Sync gaps').click();
    const cause = () => page.getByText(/^lot \S+ expired on /).first().textContent();
    await expect.poll(cause, { timeout: 15_000 }).toMatch(/expired on \D*02\D25\D2026\D+06:01:\d\d CST/);
    expect(await cause()).not.toMatch(/\d{4}-\d\d-\d\dT/);
    await ui.nav('Exceptions').click();
    const reason = () => page.locator('td.xq-reason').getByText(/expired on/).first().textContent();
    await expect.poll(reason, { timeout: 15_000 }).toMatch(/06:01:\d\d CST/);
    await page.getByRole('button', { name: 'Preferences' }).click();
    await page.getByRole('group', { name: 'Preferences' }).getByRole('radio', { name: 'UTC' }).check();
    await page.keyboard.press('Escape');
    await expect.poll(reason, { timeout: 15_000 }).toMatch(/12:01:\d\d UTC/);
    await ui.nav('Sync gaps').click();
    await expect.poll(cause, { timeout: 15_000 }).toMatch(/12:01:\d\d UTC/);
  });
});

describe('a rule that holds with violations counted (same finished run)', () => {
  it('shows the release never acknowledged under release-acknowledged, saying the rule still holds', async () => {
    await ui.nav('Sync gaps').click();
    const row = page.getByRole('row').filter({ has: page.getByText('release-acknowledged', { exact: true }) });
    await expect.poll(() => row.getByText('holds', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
    const list = page.getByRole('list', { name: 'First violations of release-acknowledged' });
    await expect.poll(() => list.getByRole('listitem').first().textContent(), { timeout: 15_000 }).toMatch(/^no mes\.order\.acknowledged for erp\.order\.released \S+\/REL within 120 s/);
    expect(await page.getByText('Counted, and within what the rule expects (its expect: entries hold):').count()).toBe(1);
  });
});
