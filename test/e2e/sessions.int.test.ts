import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, SHOTS, type ConsoleUnderTest } from './browser.js';

/**
 * The Sessions view in a real browser: a finished simulation is listed; a what-if with idempotency
 * switched on closes its duplicate-posting gaps and opens none; a replay of the original seeks with
 * the exact-time field and the slider, and the event count follows.
 */
let ui: ConsoleUnderTest;
let page: Page;

beforeAll(async () => {
  ui = await openConsole([]);
  page = ui.page;
}, 60_000);

afterAll(async () => {
  await ui?.close();
});

const status = () => page.locator('dl.status');
/** The Events figure of Simulator control, as a number (before any "of N"). */
const eventCount = async () => Number(((await status().locator('dd').nth(3).textContent()) ?? '').split(' of ')[0]!.replace(/,/g, ''));
const sessionsTable = () => page.getByRole('table', { name: 'Sessions' });
const row = (id: number) => sessionsTable().locator('tbody tr').filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${id}$`) }) });

describe('sessions: list, what-if and replay', () => {
  it('lists a finished simulation of idempotency-off (4 h at max speed)', async () => {
    await page.goto(`${ui.server.url}/#/simulator`);
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 }).toContain('Connected');
    await expect.poll(() => page.getByLabel('Scenario').locator('option').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await page.getByLabel('Scenario').selectOption('idempotency-off');
    await page.getByLabel('Run for').fill('4h');
    await page.getByLabel('Speed').selectOption('max');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => status().textContent(), { timeout: 20_000 }).toContain('Paused');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => status().textContent(), { timeout: 120_000 }).toContain('Finished');

    await ui.nav('Sessions').click();
    await expect.poll(() => row(1).count(), { timeout: 15_000 }).toBe(1);
    const text = (await row(1).textContent()) ?? '';
    expect(text).toContain('simulation');
    expect(text).toContain('idempotency-off');
    expect(text).toContain('2718');
    const digest = row(1).locator('code[title]');
    expect(((await digest.getAttribute('title')) ?? '').startsWith((await digest.textContent()) ?? 'x')).toBe(true);
    expect((await digest.textContent())?.length).toBe(12);

    // name it: the row shows the name
    await page.getByRole('button', { name: 'Note session 1' }).click();
    const panel = page.getByRole('region', { name: /Name and note: session 1/ });
    await panel.getByLabel('Name').fill('Idempotency off, baseline');
    await panel.getByLabel('Note').fill('four hours, seed 2718');
    await panel.getByRole('button', { name: 'Save name and note' }).click();
    await expect.poll(() => row(1).textContent(), { timeout: 10_000 }).toContain('Idempotency off, baseline');
    await panel.getByRole('button', { name: 'Close' }).click();
    await page.screenshot({ path: join(SHOTS, 'sessions.png'), fullPage: true });
  }, 180_000);

  it('runs a what-if with idempotency on: duplicate-posting gaps are closed and none is new', async () => {
    await page.getByRole('button', { name: 'What-if session 1' }).click();
    const panel = page.getByRole('region', { name: /What-if: session 1/ });
    const rules = panel.getByLabel('Integration rules (YAML or JSON)');
    expect(await rules.getAttribute('placeholder')).toBe('idempotency: { enabled: true }');
    // a parse error is shown inline and stops the run; the text stays
    await rules.fill('idempotency: { enabled: true');
    await expect.poll(() => panel.textContent()).toContain('Cannot read the rules');
    expect(await panel.getByRole('button', { name: 'Run what-if' }).isDisabled()).toBe(true);
    await rules.fill('idempotency: { enabled: true }');
    await expect.poll(() => panel.textContent()).toContain('Rules: idempotency.');
    await panel.getByRole('button', { name: 'Run what-if' }).click();

    const closed = panel.getByRole('region', { name: 'Closed by the new rules' });
    await expect.poll(() => closed.count(), { timeout: 150_000 }).toBe(1);
    expect(await closed.getByRole('list', { name: 'Closed by the new rules by kind' }).textContent()).toContain('duplicate-posting');
    expect(Number(await closed.locator('.ss-count').textContent())).toBeGreaterThan(0);
    const added = panel.getByRole('region', { name: 'New with the new rules' });
    expect(await added.locator('.ss-count').textContent()).toBe('0');
    expect(await panel.textContent()).toContain('opened no new gap');
    expect(await panel.getByRole('table', { name: 'Exceptions by category' }).textContent()).toContain('What-if (session 2)');
    // the what-if is listed as a replay session
    await expect.poll(() => row(2).textContent(), { timeout: 10_000 }).toContain('replay');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'sessions-whatif.png'), fullPage: true });
  }, 180_000);

  it('replays the original at max speed and seeks with the time field and the slider', async () => {
    await page.getByRole('button', { name: 'Replay session 1' }).click();
    const panel = page.getByRole('region', { name: /Replay: session 1/ });
    await panel.getByLabel('Replay speed').selectOption('max');
    await panel.getByRole('button', { name: 'Start replay' }).click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('#/simulator');

    const replay = page.getByRole('region', { name: /Replaying session 1/ });
    await expect.poll(() => replay.count(), { timeout: 15_000 }).toBe(1);
    const total = Number(((await replay.locator('.replay-of').textContent()) ?? '').replace(/\D/g, ''));
    expect(total).toBeGreaterThan(0);
    // simulation-only controls are gone during a replay
    expect(await page.getByRole('region', { name: 'Controls and faults' }).count()).toBe(0);
    expect(await page.getByLabel('Speed').locator('option').allTextContents()).toEqual(['1×', '10×', '100×', 'max']);

    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => status().textContent(), { timeout: 120_000 }).toContain('Finished');
    await expect.poll(eventCount, { timeout: 10_000 }).toBe(total);

    const slider = replay.getByLabel('Position');
    const min = Number(await slider.getAttribute('min'));
    const max = Number(await slider.getAttribute('max'));
    const middle = min + Math.round((max - min) / 2 / 60_000) * 60_000;
    const field = replay.getByLabel('Go to time');
    await field.fill('someday');
    await expect.poll(() => replay.textContent()).toContain('is not a time');
    await field.fill(new Date(middle).toISOString().slice(0, 19).replace('T', ' '));
    await replay.getByRole('button', { name: 'Seek' }).click();
    await expect.poll(eventCount, { timeout: 20_000 }).toBeLessThan(total);
    const atMiddle = await eventCount();
    expect(atMiddle).toBeGreaterThan(0);
    // a replay has no plant model: its time is shown in UTC, through Intl in the browser's locale (en-US here)
    const shown = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    expect(await status().textContent()).toContain(shown.format(middle));

    // the slider seeks too (keys and programmatic changes seek once they settle)
    await slider.fill(String(min + Math.round((max - min) / 4)));
    await expect.poll(eventCount, { timeout: 20_000 }).toBeLessThan(atMiddle);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'replay-controls.png'), fullPage: true });
  }, 240_000);

  it('writes a session’s report and exports its events from its row', async () => {
    await ui.nav('Sessions').click();
    await expect.poll(() => row(1).count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: 'Report session 1' }).click();
    const panel = page.getByRole('region', { name: /Report and export: session 1/ });
    const status = panel.getByRole('status');
    await panel.getByRole('button', { name: 'Report as HTML' }).click();
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^HTML report \(\d+ gaps and mismatches, [\d.]+ [kM]?B\) saved to .*reconciliation-session-1\.html Download$/);
    expect(await status.getByRole('link', { name: 'Download' }).getAttribute('href')).toBe('/exports/reconciliation-session-1.html');
    // the evidence pack: written to the exports folder, offered as a download; no PDF button in the browser
    expect(await panel.getByRole('button', { name: 'Save the evidence pack as PDF' }).count()).toBe(0);
    await panel.getByRole('button', { name: 'Evidence pack as HTML' }).click();
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/^Evidence pack \(\d[\d,]* events, [\d.]+ [kM]?B\) saved to .*evidence-session-1-\d{8}-\d{6}\.html Download$/);
    const link = status.getByRole('link', { name: 'Download' });
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/exports\/evidence-session-1-\d{8}-\d{6}\.html$/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(href.slice('/exports/'.length));
    const pack = readFileSync(await download.path(), 'utf8');
    // tied to the session: its digest as the Sessions table shows it in full
    const digest = (await row(1).locator('code[title]').getAttribute('title')) ?? 'none';
    expect(pack).toContain(`<code id="digest">${digest}</code>`);
    expect(pack).toContain('<code id="audit-head">');
    expect(pack).not.toMatch(/<script|src="http|href="http/i);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'sessions-evidence.png'), fullPage: true });

    // in the desktop app the preload adds pdf.saveEvidence: a stand-in for it here (set after the
    // console chose its transport, so it keeps talking over the WebSocket) shows the PDF button
    await page.evaluate(() => {
      const w = globalThis as unknown as { linesight: unknown; pdfAsked: unknown[] };
      w.pdfAsked = [];
      w.linesight = {
        call: () => Promise.reject(new Error('not used')),
        onFrame: () => () => undefined,
        pdf: {
          saveEvidence: (session: unknown) => {
            w.pdfAsked.push(session);
            return Promise.resolve(w.pdfAsked.length === 1 ? { saved: true, path: '/home/me/Documents/evidence-session-1.pdf' } : { saved: false });
          },
        },
      };
    });
    await panel.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Report session 1' }).click();
    const desktop = page.getByRole('region', { name: /Report and export: session 1/ });
    await desktop.getByRole('button', { name: 'Save the evidence pack as PDF' }).click();
    await expect.poll(() => desktop.getByRole('status').textContent(), { timeout: 10_000 }).toBe('Evidence pack PDF saved to /home/me/Documents/evidence-session-1.pdf');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'sessions-evidence-desktop.png'), fullPage: true });
    await desktop.getByRole('button', { name: 'Save the evidence pack as PDF' }).click();
    await expect.poll(() => desktop.getByRole('status').textContent(), { timeout: 10_000 }).toContain('was not saved (the save was cancelled)');
    expect(await page.evaluate('window.pdfAsked')).toEqual([1, 1]);
    await page.evaluate('delete window.linesight');
    await panel.getByRole('button', { name: 'Export events as CSV' }).click();
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^CSV export \(218 events|^CSV export \(\d+ events/);
    expect(await status.textContent()).toContain('.csv');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'sessions-files.png'), fullPage: true });
  }, 60_000);

  it('refuses to delete the current session, and deletes another one showing the journal size', async () => {
    await ui.nav('Sessions').click();
    // a replay reads session 1 again: session 1 is the current session now
    await expect.poll(() => row(1).getAttribute('aria-current'), { timeout: 15_000 }).toBe('true');
    await page.getByRole('button', { name: 'Delete session 1' }).click();
    const refuse = page.getByRole('region', { name: /Delete: session 1/ });
    await expect.poll(() => refuse.getByRole('alert').textContent()).toContain('is the current session and cannot be deleted');
    await page.getByRole('button', { name: 'Delete session 2' }).click();
    const confirm = page.getByRole('region', { name: /Delete: session 2/ });
    expect(await confirm.textContent()).toContain('Delete session 2');
    await confirm.getByRole('button', { name: 'Delete session 2' }).click();
    await expect.poll(() => page.locator('.ss-notice').textContent(), { timeout: 30_000 }).toMatch(/^Session 2 deleted\. Journal/);
    await expect.poll(() => row(2).count()).toBe(0);
    expect(await row(1).count()).toBe(1);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'sessions-deleted.png'), fullPage: true });
  }, 60_000);
});
