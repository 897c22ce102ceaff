import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCommand } from '../../cli/commands/import.js';
import { chromiumAvailable, CHROMIUM, launchBrowser, projectRoot, SHOTS, startServe, type Served } from './browser.js';

/**
 * The Sessions view in a real browser shows what an import assumed: B2MML documents with only the
 * required elements are imported (as `linesight import` does) into a journal the console then
 * serves; the import's row offers its warnings, and the panel lists them per file and element.
 */
let dir: string;
let server: Served;
let browser: Browser;
let page: Page;

const quiet = () => new Writable({ write: (_c, _e, done) => done() });

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set LINESIGHT_CHROMIUM)`);
  mkdirSync(SHOTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'linesight-e2e-warnings-'));
  const files = ['required-schedule-v0401.xml', 'required-performance-v0401.xml', 'material-definition-v0401.xml'].map((name) => {
    const to = join(dir, name);
    copyFileSync(join(projectRoot(), 'test', 'fixtures', 'b2mml', name), to);
    return to;
  });
  const db = join(dir, 'e2e.db');
  expect(await importCommand([...files, '--journal', db, '--plant', 'US01', '--line', 'L7'], quiet(), quiet())).toBe(0);
  server = await startServe(['--journal', db]);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('sessions: import warnings', () => {
  it('offers the warnings of an import and lists each with its file, element and assumption', async () => {
    await page.goto(`${server.url}/#/sessions`);
    const table = page.getByRole('table', { name: 'Sessions' });
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    const button = page.getByRole('button', { name: '9 warnings of session 1' });
    expect(await button.textContent()).toBe('⚠ 9 warnings');
    await button.click();
    expect(await button.getAttribute('aria-pressed')).toBe('true');

    const panel = page.getByRole('region', { name: /Import warnings: session 1/ });
    await expect.poll(() => panel.count(), { timeout: 10_000 }).toBe(1);
    expect(await panel.textContent()).toContain('9 warnings: the import took these from around the element or assumed them');
    const schedule = panel.getByRole('table', { name: 'Warnings of required-schedule-v0401.xml' });
    const rows = await schedule.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(4);
    expect(rows[2]).toBe('ProductionSchedule/ProductionRequestno EndTime (nor a segment LatestEndTime or schedule EndTime): the order has no due date, so it is never late');
    const perf = await panel.getByRole('table', { name: 'Warnings of required-performance-v0401.xml' }).locator('tbody tr').allTextContents();
    expect(perf).toContain(
      'ProductionPerformance/ProductionResponse/SegmentResponseno EquipmentActual, HierarchyScope or Location naming equipment: assumed work center L7, the line',
    );
    const items = await panel.getByRole('table', { name: 'Warnings of material-definition-v0401.xml' }).locator('tbody tr').allTextContents();
    expect(items).toEqual(['MaterialDefinitionno events: a MaterialDefinition is material master data (an item), which no Linesight event records']);
    await page.screenshot({ path: join(SHOTS, 'sessions-import-warnings.png'), fullPage: true });

    // the same button closes it again
    await button.click();
    await expect.poll(() => panel.count()).toBe(0);
  }, 60_000);
});
