import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, SHOTS, type ConsoleUnderTest } from './browser.js';

/**
 * Alerts in the browser host, with the Notification API stubbed (granted) so what the page raises can
 * be counted: a run of idempotency-off raises one notification per new sync gap, titled
 * with its kind and line; clicking one opens its order's lineage; a replay of the same run raises
 * none. Screenshot: test-results/screenshots/alerts-bell.png.
 */
let ui: ConsoleUnderTest;
let page: Page;

type Note = { title: string; body: string; tag: string };

/** A Notification not yet allowed, granted when asked; each one made is kept on `window.__notes`, each ask counted on `window.__asked`. */
const STUB = `(() => {
  const notes = [];
  window.__asked = 0;
  class StubNotification {
    static permission = 'default';
    static requestPermission() { window.__asked++; StubNotification.permission = 'granted'; return Promise.resolve('granted'); }
    constructor(title, options = {}) {
      this.title = title; this.body = options.body ?? ''; this.tag = options.tag ?? ''; this.onclick = null;
      notes.push(this);
    }
    close() {}
  }
  Object.defineProperty(window, 'Notification', { value: StubNotification, configurable: true, writable: true });
  window.__notes = notes;
})();`;

beforeAll(async () => {
  ui = await openConsole([]);
  page = ui.page;
  await page.addInitScript(STUB);
}, 60_000);

afterAll(async () => {
  await ui?.close();
});

const status = () => page.locator('dl.status');
const notes = () => page.evaluate(() => (globalThis as unknown as { __notes: Note[] }).__notes.map(({ title, body, tag }) => ({ title, body, tag })));
const bell = () => page.locator('.alerts-trigger');
const recent = () => page.getByRole('list', { name: 'Recent alerts' }).getByRole('listitem');

const asked = () => page.evaluate(() => (globalThis as unknown as { __asked: number }).__asked);

describe('alerts', () => {
  let run: Note[] = [];
  /** sync gaps the run opened */
  let opened = 0;

  it('raises one notification per new sync gap of a run, titled with its kind and line', async () => {
    await page.goto(`${ui.server.url}/#/simulator`);
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 }).toContain('Connected');
    await expect.poll(() => page.getByLabel('Scenario').locator('option').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await page.getByLabel('Scenario').selectOption('idempotency-off');
    await page.getByLabel('Run for').fill('2h');
    await page.getByLabel('Speed').selectOption('3600');
    // the browser is asked only from the bell's button, never on load
    await bell().click();
    expect(await asked()).toBe(0);
    await page.getByRole('button', { name: 'Allow notifications' }).click();
    await expect.poll(() => page.locator('.alerts-panel').textContent()).toContain('This browser shows the notifications.');
    expect(await asked()).toBe(1);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => status().textContent(), { timeout: 20_000 }).toContain('Paused');
    expect(await notes()).toEqual([]);
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => status().textContent(), { timeout: 120_000 }).toContain('Finished');

    run = await notes();
    const gaps = run.filter((n) => n.tag.startsWith('gap:'));
    expect(gaps.some((n) => n.title.startsWith('Sync gap: duplicate-posting on '))).toBe(true);
    // once each: no alert key twice
    expect(new Set(run.map((n) => n.tag)).size).toBe(run.length);
    for (const n of gaps) {
      expect(n.title).toMatch(/^Sync gap: [a-z-]+ on DE01\/L[12]$/);
      expect(n.body).toMatch(/^Order \S+: /);
    }

    // as many gap alerts as gaps opened in the run (the bell lists each; notifications sum up a flood)
    await page.getByRole('link', { name: 'Sync gaps', exact: true }).click();
    const counts = (await page.getByRole('region', { name: 'Open gaps' }).locator('.controls .muted').textContent()) ?? '';
    const [, open, closed] = /(\d+) open, (\d+) closed/.exec(counts) ?? [];
    opened = Number(open) + Number(closed);
    expect(opened).toBeGreaterThan(0);
    expect(await bell().getAttribute('aria-label')).toMatch(/^Alerts, \d+ new$/);
    await page.locator('.app-head').screenshot({ path: join(SHOTS, 'alerts-count.png') });
    await bell().click();
    // opening the list is looking at it
    await expect.poll(() => bell().getAttribute('aria-label')).toBe('Alerts');
    const listed = await recent().locator('.alerts-item-title').allTextContents();
    const more = listed.map((t) => /^(\d+) more sync gaps? opened$/.exec(t)).reduce((sum, m) => sum + (m ? Number(m[1]) : 0), 0);
    console.log(`alerts e2e: ${opened} gaps opened, ${listed.length} alerts listed (${more} summed up), ${run.length} notifications`);
    expect(listed.filter((t) => t.startsWith('Sync gap: ')).length + more).toBe(opened);
    if (!run.some((n) => n.tag.startsWith('more:')) && more === 0) expect(gaps.length).toBe(opened);
    await page.screenshot({ path: join(SHOTS, 'alerts-bell.png') });
    await page.keyboard.press('Escape');
  }, 180_000);

  it('opens the gap’s order when its notification is clicked', async () => {
    const first = run.find((n) => n.tag.startsWith('gap:'))!;
    const order = /^Order (\S+):/.exec(first.body)![1]!;
    await page.evaluate((tag) => {
      const n = (globalThis as unknown as { __notes: { tag: string; onclick: (() => void) | null }[] }).__notes.find((x) => x.tag === tag);
      n?.onclick?.();
    }, first.tag);
    await expect.poll(() => page.url()).toContain(`#/lineage/${encodeURIComponent(order)}`);
    await expect.poll(() => page.locator('main').textContent(), { timeout: 15_000 }).toContain(order);
  });

  it('raises none for a replay of that run', async () => {
    const before = (await notes()).length;
    await bell().click();
    const listedBefore = await recent().count();
    expect(listedBefore).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await page.goto(`${ui.server.url}/#/sessions`);
    await page.getByRole('button', { name: /^Replay session \d+$/ }).last().click();
    const panel = page.getByRole('region', { name: /Replay: session \d+/ });
    await panel.getByLabel('Replay speed').selectOption('max');
    await panel.getByRole('button', { name: 'Start replay' }).click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('#/simulator');
    await expect.poll(() => page.getByRole('region', { name: /Replaying session/ }).count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => status().textContent(), { timeout: 120_000 }).toContain('Finished');
    // the replay opened the run's gaps again
    await page.getByRole('link', { name: 'Sync gaps', exact: true }).click();
    const counts = async () => {
      const [, open, closed] = /(\d+) open, (\d+) closed/.exec((await page.getByRole('region', { name: 'Open gaps' }).locator('.controls .muted').textContent()) ?? '') ?? [];
      return Number(open) + Number(closed);
    };
    await expect.poll(counts, { timeout: 15_000 }).toBe(opened);
    expect((await notes()).length).toBe(before);
    await bell().click();
    expect(await recent().count()).toBe(listedBefore);
  }, 180_000);

  it('in quiet mode lists and counts new gaps but raises no notification', async () => {
    await page.getByLabel(/^Quiet mode/).check();
    expect(await page.evaluate<string | null>('localStorage.getItem("linesight.alerts")')).toContain('"quiet":true');
    await page.keyboard.press('Escape');
    const before = (await notes()).length;
    await page.goto(`${ui.server.url}/#/simulator`);
    await page.getByLabel('Scenario').selectOption('idempotency-off');
    await page.getByLabel('Run for').fill('2h');
    await page.getByLabel('Speed').selectOption('max');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => status().textContent(), { timeout: 20_000 }).toContain('Paused');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => status().textContent(), { timeout: 120_000 }).toContain('Finished');
    await expect.poll(() => bell().getAttribute('aria-label')).toMatch(/^Alerts, \d+ new$/);
    expect((await notes()).length).toBe(before);
  }, 180_000);
});
