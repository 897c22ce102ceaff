import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, SHOTS, type ConsoleUnderTest, type Served } from './browser.js';

/**
 * The event browser in a real browser against `linesight serve`: filter, inspect, export. Asserts
 * on what a person sees (roles, labels, text); a screenshot goes to test-results/screenshots/.
 */
const TYPE = 'erp.order.released';
let ui: ConsoleUnderTest;
let server: Served;
let page: Page;

beforeAll(async () => {
  ui = await openConsole(['--scenario', 'baseline'], { width: 1440, height: 1000 });
  ({ server, page } = ui);
}, 60_000);

afterAll(() => ui?.close());

const grid = () => page.getByRole('grid', { name: 'Journaled events' });
/** The body rows on screen (the header row has no gridcells). */
const dataRows = () => grid().getByRole('row').filter({ has: page.getByRole('gridcell') });

describe('the event browser', () => {
  it('lists the journaled events of a played scenario', async () => {
    await page.goto(`${server.url}/#/simulator`);
    await expect.poll(() => page.locator('dl.status').textContent()).toContain('Paused');
    await page.getByLabel('Speed').selectOption('max');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => page.locator('dl.status').textContent(), { timeout: 30_000 }).toContain('Finished');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Event browser' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Event browser' }).count()).toBe(1);
    await expect.poll(() => dataRows().count()).toBeGreaterThan(10);
    // More than one page of 500 exists, and only the rows in view are in the document.
    expect(await page.getByText(/events in session \d+/).textContent()).toMatch(/^500 events in session \d+ so far; scroll for more\.$/);
    expect(await dataRows().count()).toBeLessThan(80);
    expect(await grid().getAttribute('aria-rowcount')).toBe('-1');
    // End walks to the last row known; the next page is fetched as the window reaches it.
    await grid().focus();
    const complete = page.getByText(/events in session \d+\. Apply again/);
    await expect
      .poll(async () => {
        await page.keyboard.press('End');
        return complete.count();
      })
      .toBe(1);
    const total = Number(/^([\d,]+) events/.exec((await complete.textContent()) ?? '')![1]!.replaceAll(',', ''));
    expect(total).toBeGreaterThan(500);
    expect(await grid().getAttribute('aria-rowcount')).toBe(String(total + 1));
    await page.keyboard.press('End');
    const last = grid().locator(`[aria-rowindex="${total + 1}"]`);
    await expect.poll(() => last.getByRole('gridcell').count()).toBe(8);
    expect(await last.isVisible()).toBe(true);
    expect(await dataRows().count()).toBeLessThan(80);
  });

  it('filters by type and shows only rows of that type', async () => {
    await page.getByLabel('Type', { exact: true }).fill(TYPE);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(async () => new Set(await dataRows().locator('[role=gridcell]:nth-child(3)').allTextContents())).toEqual(new Set([TYPE]));
    expect(await page.getByText(/\d+ events? in session \d+\. Apply again/).count()).toBe(1);
  });

  it('shows the selected event as JSON with its links, by click and by keyboard', async () => {
    const first = dataRows().first();
    await first.click();
    expect(await first.getAttribute('aria-selected')).toBe('true');
    const detail = page.getByRole('complementary').filter({ has: page.getByRole('heading', { name: /^Event / }) });
    const json = JSON.parse((await detail.getByLabel('CloudEvent JSON').textContent()) ?? '{}') as { id: string; type: string; subject: string };
    expect(json.type).toBe(TYPE);
    expect(await detail.getByRole('heading').textContent()).toBe(`Event ${json.id}`);
    expect(await detail.getByRole('link', { name: `Lineage of order ${json.subject}` }).getAttribute('href')).toBe(`#/lineage/${encodeURIComponent(json.subject)}`);
    expect(await detail.getByRole('link', { name: 'Inject from this event' }).getAttribute('href')).toBe(`#/inject/${encodeURIComponent(json.id)}`);

    await grid().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const second = JSON.parse((await detail.getByLabel('CloudEvent JSON').textContent()) ?? '{}') as { id: string };
    expect(second.id).not.toBe(json.id);
    expect(await dataRows().nth(1).getAttribute('aria-selected')).toBe('true');
  });

  it('exports the filtered events to CSV and offers the file as a download', async () => {
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const status = page.getByRole('status').filter({ hasText: /Saved|Exporting/ });
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^Saved [\d,]+ events to .*\.csv Download$/);
    const text = (await status.textContent())!;
    const path = /to (.*\.csv)/.exec(text)![1]!;
    expect(existsSync(path)).toBe(true);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('seq,time,type,plant,line,order,lot,businesskey,id,source,origin,sequence,data,retained');
    expect(lines.slice(1).every((l) => l.split(',')[2] === TYPE)).toBe(true);
    const href = await status.getByRole('link', { name: 'Download' }).getAttribute('href');
    expect(href).toMatch(/^\/exports\/linesight-session-\d+-\d{8}-\d{6}\.csv$/);
    const download = await page.request.get(`${server.url}${href!}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toMatch(/^attachment;/);
    expect(await download.text()).toBe(readFileSync(path, 'utf8'));
    await page.screenshot({ path: join(SHOTS, 'event-browser.png') });
  });

  it('exports for Excel in Europe on request: a BOM, `;` between fields', async () => {
    await page.getByLabel('UTF-8 BOM').check();
    await page.getByLabel('Excel (Europe): ; and decimal comma').check();
    const status = page.getByRole('status').filter({ hasText: /Saved|Exporting/ });
    const before = await status.textContent();
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await expect.poll(async () => ((await status.textContent()) === before ? '' : await status.textContent()), { timeout: 20_000 }).toMatch(/^Saved [\d,]+ events to .*\.csv Download$/);
    const path = /to (.*\.csv)/.exec((await status.textContent())!)![1]!;
    const text = readFileSync(path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('seq;time;type;plant;line;order;lot;businesskey;id;source;origin;sequence;data;retained');
    expect(lines.slice(1).every((l) => l.split(';')[2] === TYPE)).toBe(true);
  });
});
