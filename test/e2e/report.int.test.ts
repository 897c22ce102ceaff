import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReconciliationReport } from '../../engine/report/reconciliation-report.js';
import { HOSTILE, hostileReport } from '../engine/report/fixture.js';
import { chromiumAvailable, CHROMIUM, launchBrowser, openConsole, projectRoot, SHOTS } from './browser.js';

/**
 * The HTML reconciliation report in Chromium, opened from disk with every network request refused:
 * it must render complete on its own (inline CSS and SVG), and a hostile journal string must stay text.
 */
const bin = join(projectRoot(), 'bin', 'linesight.js');
const dir = mkdtempSync(join(tmpdir(), 'linesight-report-e2e-'));
let browser: Browser;

function linesight(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set LINESIGHT_CHROMIUM)`);
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Open a file offline; resolves with the page and every request it tried beyond the file itself. */
async function openOffline(file: string, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const requests: string[] = [];
  const errors: string[] = [];
  const url = pathToFileURL(file).href;
  await page.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    requests.push(route.request().url());
    return route.abort();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  return { page, requests, errors };
}

describe('the HTML reconciliation report in Chromium', () => {
  it('renders a real session completely with no network, and is screenshot', async () => {
    const journal = join(dir, 'r.db');
    expect(linesight(['run', 'master-data-errors', '--journal', journal]).code).toBe(0);
    const file = join(dir, 'report.html');
    const r = linesight(['reconcile', journal, '--report', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { page, requests, errors } = await openOffline(file);
    try {
      expect(await page.title()).toMatch(/^Reconciliation — session 1 — Master data errors \(master-data-errors\)$/);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Reconciliation report — Master data errors');
      for (const h of ['Summary', 'Charts', 'Lines', 'Reconciliation mismatches', 'Open sync gaps']) {
        expect(await page.getByRole('heading', { name: h, exact: true }).count()).toBe(1);
      }
      expect(await page.getByRole('img', { name: 'Open gaps per line' }).count()).toBe(1);
      const gapRows = await page.locator('section:has(h2:text-is("Open sync gaps")) tbody tr').count();
      expect(gapRows).toBeGreaterThan(0);
      // the charts have drawn bars, i.e. the SVG is rendered, not shown as text
      const box = await page.locator('figure.chart svg').first().boundingBox();
      expect(box?.width).toBeGreaterThan(200);
      await page.screenshot({ path: join(SHOTS, 'reconciliation-report.png'), fullPage: true });
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: join(SHOTS, 'reconciliation-report-print.png'), fullPage: true });
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('keeps hostile journal strings as text: nothing runs, nothing is fetched', async () => {
    const file = join(dir, 'hostile.html');
    writeFileSync(file, renderReconciliationReport(hostileReport(), 'html').text);
    const { page, requests, errors } = await openOffline(file);
    try {
      expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
      expect(await page.locator('script, img, iframe').count()).toBe(0);
      expect(await page.getByText(`confirmation dead-lettered: ${HOSTILE}`).count()).toBe(1);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('"Download report" on the Sync gaps view', () => {
  it('writes the current session’s report in each format and shows where it went', async () => {
    const ui = await openConsole(['--scenario', 'master-data-errors']);
    try {
      const { page, server } = ui;
      await page.goto(`${server.url}/#/simulator`);
      await expect.poll(() => page.locator('dl.status').textContent(), { timeout: 20_000 }).toContain('Paused');
      await page.getByLabel('Speed').selectOption('max');
      await page.getByRole('button', { name: 'Play' }).click();
      await expect.poll(() => page.locator('dl.status').textContent(), { timeout: 60_000 }).toContain('Finished');
      await ui.nav('Sync gaps').click();
      const panel = page.getByRole('region', { name: 'Reconciliation' });
      const status = panel.locator('.report-status');
      for (const format of ['HTML', 'CSV', 'JSON']) {
        await panel.getByRole('button', { name: `Download report as ${format}` }).click();
        await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(new RegExp(`^${format} report \\(\\d+ gaps and mismatches\\) saved to .*reconciliation-session-1\\.${format.toLowerCase()} Download$`));
        const path = await status.locator('code').textContent();
        expect(existsSync(path!)).toBe(true);
        expect(await status.getByRole('link', { name: 'Download' }).getAttribute('href')).toBe(`/exports/reconciliation-session-1.${format.toLowerCase()}`);
      }
      const json = JSON.parse(readFileSync(join(ui.dir, 'exports', 'reconciliation-session-1.json'), 'utf8')) as { session: { scenario: string } };
      expect(json.session.scenario).toBe('master-data-errors');
      // the current session's evidence pack, beside the report; the browser host offers no PDF button
      expect(await panel.getByRole('button', { name: 'Save the evidence pack as PDF' }).count()).toBe(0);
      await panel.getByRole('button', { name: 'Download the evidence pack as HTML' }).click();
      await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/^Evidence pack \(\d[\d,]* events\) saved to .*evidence-session-1-\d{8}-\d{6}\.html Download$/);
      const pack = (await status.locator('code').textContent())!;
      expect(await status.getByRole('link', { name: 'Download' }).getAttribute('href')).toBe(`/exports/${basename(pack)}`);
      // it renders complete offline: nothing fetched, nothing run
      const offline = await openOffline(pack);
      try {
        expect(await offline.page.getByRole('heading', { level: 1 }).textContent()).toContain('Evidence pack — Master data errors');
        expect(await offline.page.locator('#digest').textContent()).toMatch(/^[0-9a-f]{64}$/);
        expect(await offline.page.locator('script, img, iframe').count()).toBe(0);
        await offline.page.emulateMedia({ media: 'print' });
        await offline.page.screenshot({ path: join(SHOTS, 'evidence-pack-print.png'), fullPage: true });
        expect(offline.requests).toEqual([]);
        expect(offline.errors).toEqual([]);
      } finally {
        await offline.page.close();
      }
      await page.screenshot({ path: join(SHOTS, 'sync-gaps-report-download.png'), fullPage: true });
    } finally {
      await ui.close();
    }
  }, 120_000);
});
