import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, SHOTS, type ConsoleUnderTest, type Served } from './browser.js';

/**
 * The operator workbenches in a real browser against `linesight serve`: fix a dead letter's data
 * and resend it, then inject a duplicate of a journaled confirmation and watch the integration
 * layer suppress it. Screenshots go to test-results/screenshots/.
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

describe('the operator workbenches in a browser', () => {
  it('runs the master-data-errors scenario until a unit-of-measure dead letter is queued', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Connected');
    await nav('Simulator control').click();
    await expect.poll(() => page.locator('dl.status').textContent()).toContain('Paused');
    await page.getByLabel('Speed').selectOption('3600');
    await page.getByRole('button', { name: 'Play' }).click();
    await nav('Exceptions').click();
    const open = page.getByRole('region', { name: 'Dead-letter queue' }).locator('p.muted').first();
    await expect.poll(async () => Number(/^(\d+) open/.exec((await open.textContent()) ?? '')?.[1] ?? 0), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('tbody tr', { hasText: 'not convertible' }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // slow down so the queue holds still while the test reads it; at one virtual minute per
    // second what we send is still delivered within moments
    await nav('Simulator control').click();
    await page.getByLabel('Speed').selectOption('60');
    await expect.poll(() => page.locator('dl.status').textContent()).toContain('Running');
  });

  it('fixes a data-quality dead letter\'s unit, previews the resend and sends it out of the queue', async () => {
    await nav('Exceptions').click();
    const queue = page.getByRole('region', { name: 'Dead-letter queue' });
    await queue.getByRole('group', { name: 'Category' }).getByRole('button', { name: /^data quality/ }).click();
    const row = queue.locator('tbody tr', { hasText: 'not convertible' }).first();
    await expect.poll(() => row.count()).toBe(1);
    const reason = (await row.locator('td.xq-reason').textContent()) ?? '';
    const units = /UoM (\S+) not convertible to (\S+)/.exec(reason);
    expect(units, reason).not.toBeNull();
    const base = units![2]!;
    expect(await row.locator('td').nth(4).textContent()).toBe('data quality');

    await row.getByRole('button', { name: /^Edit and resend/ }).click();
    const panel = page.getByRole('region', { name: /^Edit and resend/ });
    await expect.poll(() => panel.getByLabel(/^uom/).inputValue()).toBe(units![1]);
    const messageId = (await panel.locator('dl dd').first().textContent()) ?? '';
    expect(messageId).not.toBe('');

    await panel.getByLabel(/^uom/).fill(base);
    await expect.poll(() => panel.locator('.xq-preview').textContent()).toMatch(/would not double-post/i);
    expect(await panel.locator('.xq-preview').textContent()).not.toMatch(/Warning/);
    await panel.getByLabel('Reason').fill(`the ERP catalogue knows ${base}, not ${units![1]}`);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'exceptions.png'), fullPage: true });

    await panel.getByRole('button', { name: 'Send corrected message' }).click();
    await expect.poll(() => queue.getByRole('status').textContent()).toContain('Resent the dead letter');
    await expect.poll(() => queue.getByRole('checkbox', { name: new RegExp(`\\(${messageId}\\)`) }).count(), { timeout: 15_000 }).toBe(0);
  });

  it('injects a duplicate of a journaled MES confirmation, which the integration layer suppresses', async () => {
    await nav('Event injector').click();
    const picker = page.getByLabel('Start from a recent event');
    await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(0);
    const options = await picker.locator('option').allTextContents();
    const confirmation = options.find((o) => o.startsWith('mes.operation.confirmed'));
    expect(confirmation, options.join('\n')).toBeDefined();
    await picker.selectOption({ label: confirmation! });
    await page.getByRole('button', { name: 'Use this event' }).click();
    await expect.poll(() => page.locator('.inj-source').textContent()).toContain('its business key is kept');

    const businesskey = await page.getByLabel('Business key').inputValue();
    const order = await page.getByLabel('Order').inputValue();
    expect(confirmation).toContain(businesskey);
    await page.getByRole('button', { name: 'Duplicate this' }).click();
    await page.getByLabel('Reason').fill('check that idempotency catches a duplicate confirmation');
    await expect.poll(() => page.locator('.inj-check').textContent()).toContain('The event is valid');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const result = page.getByRole('region', { name: 'Result' });
    await expect.poll(() => result.textContent()).toMatch(/Sent 1 message with business key/);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'injector.png'), fullPage: true });

    await result.getByRole('link', { name: `Follow order ${order} in the lineage view` }).click();
    await expect.poll(() => page.url()).toContain('#/lineage/');
    await expect.poll(() => page.locator('main').textContent(), { timeout: 15_000 }).toContain('int.message.duplicate-suppressed');
  });
});
