import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, SHOTS, type ConsoleUnderTest, type Served } from './browser.js';

/**
 * "Compare with…" in the Lineage view, in a real browser: run `master-data-errors` and then
 * `baseline` at full speed, open a clean baseline order and compare it with an order of the
 * earlier session whose consumption ERP could not post. Screenshot: lineage-compare.png.
 */
let ui: ConsoleUnderTest;
let server: Served;
let page: Page;

const CLEAN = 'PO-DE01-L1-00001'; // baseline
const TROUBLED = 'PO-US01-L1-00002'; // master-data-errors: a consumption dead-lettered (UoM not convertible)

beforeAll(async () => {
  ui = await openConsole([], { width: 1440, height: 1000 });
  ({ server, page } = ui);
}, 60_000);

afterAll(() => ui?.close());

/** The session status, and any error the view shows (so a failed start says why). */
const status = async () => `${await page.locator('dl.status').textContent()} ${(await page.locator('main .error, main [role=alert]').allTextContents()).join(' ')}`;

async function runToEnd(scenario: string): Promise<void> {
  await page.getByLabel('Scenario').selectOption(scenario);
  await page.getByLabel('Speed').selectOption('max');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(status, { timeout: 15_000 }).toContain('Paused'); // starting opens the journal and the engine: may take seconds on a busy machine
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(status, { timeout: 60_000 }).toContain('Finished');
}

describe('lineage compare in a browser', () => {
  it('runs master-data-errors and then baseline to their end', async () => {
    await page.goto(`${server.url}/#/simulator`);
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 }).toContain('Connected');
    await expect.poll(() => page.getByLabel('Scenario').locator('option').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await runToEnd('master-data-errors');
    await runToEnd('baseline');
  }, 150_000);

  it('compares a clean order with a troubled one of the other session, from the keyboard', async () => {
    await page.goto(`${server.url}/#/lineage/${CLEAN}`);
    await expect.poll(() => page.getByRole('region', { name: `Lineage of order ${CLEAN}` }).count(), { timeout: 15_000 }).toBe(1);
    const compare = page.getByRole('region', { name: `Compare ${CLEAN} with…` });
    expect(await compare.count()).toBe(1);

    const session = compare.getByLabel('Session', { exact: true });
    // the picker defaults to this session and lists the journal's sessions
    expect(await session.inputValue()).toBe('');
    await expect.poll(() => session.locator('option', { hasText: 'master-data-errors' }).count(), { timeout: 10_000 }).toBe(1);
    const other = (await session.locator('option', { hasText: 'master-data-errors' }).getAttribute('value'))!;

    // an order this session does not have: a plain error, naming it
    const box = compare.getByLabel('Other order', { exact: true });
    await box.fill(TROUBLED);
    await box.press('Enter');
    await expect.poll(() => compare.getByRole('alert').textContent(), { timeout: 10_000 }).toContain(`no events for order "${TROUBLED}"`);

    // the same order in the session that has it
    await session.focus();
    await session.selectOption(other);
    await box.focus();
    await page.keyboard.press('Enter');
    const table = compare.getByRole('table', { name: `Hops of ${CLEAN} (A) compared with ${TROUBLED} (B)` });
    await expect.poll(() => table.count(), { timeout: 15_000 }).toBe(1);
    expect(await compare.textContent()).toContain(`B ${TROUBLED} (session ${other})`);
    expect(await table.locator('thead th').allTextContents()).toEqual(['Status', 'System', 'Event', 'At in A', 'At in B', 'Latency in A', 'Latency in B']);

    const statuses = await table.locator('tbody tr td:first-child').allTextContents();
    expect(statuses[0]).toBe('same'); // both start with the order's creation
    expect(statuses.some((s) => s === 'missing' || s === 'slower')).toBe(true);
    const missing = table.locator('tbody tr', { has: page.locator('.lin-hop-missing') }).first();
    const cells = await missing.locator('td').allTextContents();
    expect(cells[4]).toBe('—'); // no time in B
    expect(cells[3]).not.toBe('—');

    await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
    await compare.screenshot({ path: join(SHOTS, 'lineage-compare.png') });

    // only the hops that differ, toggled from the keyboard
    const only = compare.getByLabel('Only hops that differ');
    await only.focus();
    await page.keyboard.press('Space');
    expect(await only.isChecked()).toBe(true);
    const left = await table.locator('tbody tr td:first-child').allTextContents();
    expect(left.length).toBeGreaterThan(0);
    expect(left).not.toContain('same');
  });
});
