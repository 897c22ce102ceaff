import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, SHOTS, type ConsoleUnderTest } from './browser.js';

/**
 * A trainee plays the bundled `missing-receipt` exercise in a real browser: starts it with a name,
 * finds the receipt gap in the Sync gaps view (which hides probable causes while the exercise runs),
 * takes a hint, runs the plant clock, answers both questions (one of them wrongly), finishes, reads
 * the debrief and replays the session from the wrong answer; the instructor's view then lists the
 * run, sorts it, exports the CSV and opens its debrief.
 * Screenshots: training-briefing.png, training-sync-gaps.png, training-debrief.png, training-instructor.png.
 */
let ui: ConsoleUnderTest;
let page: Page;
const TRAINEE = 'Ada Trainee';
let order = '';

beforeAll(async () => {
  ui = await openConsole([], { width: 1440, height: 1000 });
  page = ui.page;
}, 60_000);

afterAll(async () => {
  await ui?.close();
});

const region = (name: string | RegExp) => page.getByRole('region', { name });
const question = (ask: RegExp) => page.getByRole('group', { name: ask });

describe('a trainee plays an exercise', () => {
  it('lists the bundled exercises and starts one under the trainee’s name', async () => {
    await page.goto(ui.server.url);
    await ui.nav('Training').click();
    const start = region('Start an exercise');
    const exercise = start.getByRole('radio', { name: /goods receipt is missing/ });
    await expect.poll(() => exercise.count(), { timeout: 15_000 }).toBe(1);
    await exercise.check();
    expect(await start.locator('li', { hasText: 'goods receipt is missing' }).textContent()).toMatch(/Beginner · time limit 8 h of plant time · scenario period-close/);
    const button = start.getByRole('button', { name: 'Start exercise' });
    expect(await button.isDisabled()).toBe(true);
    await start.getByLabel('Trainee name').fill(TRAINEE);
    await button.click();

    const briefing = region(/goods receipt is missing/);
    await expect.poll(() => briefing.count(), { timeout: 15_000 }).toBe(1);
    expect(await briefing.textContent()).toContain(`Trainee ${TRAINEE}`);
    expect(await briefing.getByRole('timer').textContent()).toBe('0 h 00 min of 8 h 00 min — 8 h 00 min left');
    expect(await page.getByRole('button', { name: 'Play' }).isEnabled()).toBe(true);
    // the instructor's view gives nothing away while the exercise runs
    await page.getByRole('link', { name: 'Instructor’s view' }).click();
    expect(await region('Trainee runs').textContent()).toContain('Every run and its debrief — hidden in training');
    await page.getByRole('link', { name: 'Exercise under way' }).click();
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'training-briefing.png'), fullPage: true });
  });

  it('takes a hint, which costs points', async () => {
    const hints = region('Hints');
    await hints.getByRole('button', { name: 'Take a hint (−10 points)' }).click();
    await expect.poll(() => hints.getByRole('list', { name: 'Hints taken' }).locator('li').count()).toBe(1);
    expect(await hints.textContent()).toContain('1 of 2 left');
  });

  it('runs the plant clock and finds the receipt gap, with no probable cause shown', async () => {
    await page.getByLabel('Speed').selectOption('3600');
    await page.getByRole('button', { name: 'Play' }).click();
    await ui.nav('Sync gaps').click();
    const gaps = region('Open gaps');
    const receipt = gaps.locator('tbody tr', { hasText: /^receipt/ });
    await expect.poll(() => receipt.count(), { timeout: 60_000 }).toBeGreaterThan(0);
    // hold the clock: hints and answers count only within the time limit (8 h, 8 s of wall time at 3600×)
    await ui.nav('Simulator control').click();
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.locator('dl.status').textContent()).toContain('Paused');
    await ui.nav('Sync gaps').click();
    order = ((await receipt.first().getByRole('link', { name: /^Lineage of order/ }).textContent()) ?? '').trim();
    expect(order).not.toBe('');
    expect(await gaps.getByRole('columnheader', { name: /Probable cause/ }).count()).toBe(0);
    expect(await gaps.locator('details.cause-chain').count()).toBe(0);
    expect(await gaps.textContent()).toContain('Probable cause — hidden in training: decide, then see the debrief.');
    expect(await region('Reconciliation').textContent()).toContain('Download report (it names probable causes) — hidden in training');
    await page.screenshot({ path: join(SHOTS, 'training-sync-gaps.png') });
  });

  it('hides the double-post verdict of an edit-and-resend preview', async () => {
    await ui.nav('Exceptions').click();
    const queue = region('Dead-letter queue');
    const row = queue.locator('tbody tr', { hasText: 'posting period' }).first();
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await row.getByRole('button', { name: /^Edit and resend/ }).click();
    const panel = region(/^Edit and resend/);
    const preview = panel.locator('.xq-preview');
    await expect.poll(() => preview.textContent(), { timeout: 15_000 }).toContain('Would ERP post it twice — hidden in training');
    expect(await preview.textContent()).not.toMatch(/double-post/i);
    expect(await panel.getByRole('button', { name: 'Send anyway' }).count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'training-resend.png') });
    await panel.getByRole('button', { name: 'Close' }).click();
  });

  it('answers both questions — the second wrongly — without being told whether they are right', async () => {
    await ui.nav('Training').click();
    // paused within the time limit
    expect(await region(/goods receipt is missing/).getByRole('timer').textContent()).toMatch(/ left$/);
    const which = question(/Which production order/);
    await which.getByLabel('Answer').fill(order);
    await which.getByLabel('Why (optional)').fill('receipt gap in Sync gaps');
    await which.getByRole('button', { name: 'Give answer' }).click();
    await expect.poll(() => which.getByRole('status').textContent()).toContain(`Your answer: ${order}`);

    const root = question(/root of the missing receipt/);
    expect(await root.getByRole('combobox', { name: 'Answer' }).count()).toBe(1);
    // the closed period refused it (a business rule): "technical" is wrong, and a mistake in the debrief
    await root.getByLabel('Answer').selectOption('technical');
    await root.getByRole('button', { name: 'Give answer' }).click();
    await expect.poll(() => root.getByRole('status').textContent()).toContain('Your answer: technical');
    // what the console says about the answers: only what was given
    for (const given of await region('Questions').locator('.tr-given').allTextContents()) expect(given).not.toMatch(/\b(right|wrong|correct|incorrect)\b/i);
    expect(await region('Questions').getByText(/^(Right|Wrong)$/).count()).toBe(0);
  });

  it('finishes, and the debrief shows the score, the objectives, the hint’s cost and each answer right or wrong', { timeout: 150_000 }, async () => {
    await region('Finish').getByRole('button', { name: 'Finish and score' }).click();
    const debrief = region(/^Debrief: /);
    await expect.poll(() => debrief.count(), { timeout: 140_000 }).toBe(1);
    expect(await debrief.locator('.tr-score').textContent()).toMatch(/^\d+ \/ 100 points$/);
    expect(await debrief.getByText(/^(Passed|Not passed)$/).count()).toBe(1);
    expect(await debrief.getByRole('list', { name: 'Objectives' }).locator(':scope > li').count()).toBe(2);
    expect(await debrief.getByRole('list', { name: 'Hints taken' }).textContent()).toContain('−10 points');
    const answers = debrief.getByRole('table', { name: 'Answers' });
    expect(await answers.locator('tbody tr').count()).toBe(2);
    expect(await answers.locator('tbody tr', { hasText: order }).getByText(/^(Right|Wrong)$/).count()).toBe(1);
    expect(await answers.locator('tbody tr', { hasText: 'technical' }).getByText('Wrong', { exact: true }).count()).toBe(1);
    const mistake = debrief.getByRole('list', { name: 'Mistakes' }).locator(':scope > li', { hasText: 'Wrong answer' });
    expect(await mistake.count()).toBe(1);
    expect(await mistake.textContent()).toMatch(/−\d+ points?/);
    // evidence links to the lineage of each event
    expect(await debrief.getByRole('link', { name: /^Lineage of event / }).count()).toBeGreaterThan(0);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'training-debrief.png'), fullPage: true });
  });

  it('replays the session from the wrong answer, and shows probable causes again', async () => {
    const mistake = region(/^Debrief: /).getByRole('list', { name: 'Mistakes' }).locator(':scope > li', { hasText: 'Wrong answer' });
    // the debrief says it in the plant's time, the replay (no plant model) in UTC: compare the instants
    const at = shownInstant((await mistake.textContent()) ?? '');
    expect(at).not.toBeNull();
    await mistake.getByRole('button', { name: 'Replay from here' }).click();
    await expect.poll(() => page.getByRole('heading', { name: /^Replaying session \d+/ }).count(), { timeout: 15_000 }).toBe(1);
    expect(shownInstant((await page.locator('dl.status').textContent()) ?? '')).toBe(at);
    // a replay is no training run: the console shows its probable causes
    await ui.nav('Sync gaps').click();
    await expect.poll(() => region('Open gaps').getByRole('columnheader', { name: /Probable cause/ }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByText(/hidden in training/i).count()).toBe(0);
  });
});

describe('the instructor', () => {
  it('lists the run, sorts the table, exports the CSV and opens the debrief', async () => {
    await ui.nav('Training').click();
    await page.getByRole('link', { name: 'Instructor’s view' }).click();
    const table = page.getByRole('table', { name: 'Trainee runs' });
    const row = table.locator('tbody tr', { hasText: TRAINEE });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.textContent()).toMatch(/\d+ \/ 100/);

    const score = table.getByRole('columnheader', { name: 'Score' });
    expect(await score.getAttribute('aria-sort')).toBe('none');
    await score.getByRole('button').click();
    expect(await score.getAttribute('aria-sort')).toBe('ascending');
    await score.getByRole('button').click();
    expect(await score.getAttribute('aria-sort')).toBe('descending');
    expect(await table.getByRole('columnheader', { name: 'Finished at' }).getAttribute('aria-sort')).toBe('none');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('training-runs.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain(TRAINEE);
    expect(csv.split(/\r?\n/).filter((l) => l !== '').length).toBe(2);

    await row.getByRole('button', { name: new RegExp(`^Debrief of ${TRAINEE}, run \\d+$`) }).click();
    const debrief = region(new RegExp(`^Debrief: ${TRAINEE} — `));
    await expect.poll(() => debrief.count(), { timeout: 10_000 }).toBe(1);
    expect(await debrief.getByRole('table', { name: 'Answers' }).locator('tbody tr').count()).toBe(2);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'training-instructor.png'), fullPage: true });
  });
});

/** Offsets of the zone names the console shows in en-US (a European plant's zone by its British name). */
const NAMED_OFFSET_H: Readonly<Record<string, number>> = { UTC: 0, CST: -6, CDT: -5, CET: 1, CEST: 2 };

/** The first time shown as `MM/DD/YYYY, HH:MM:SS ZONE` (en-US, the browser's locale here) as epoch ms; null when none. */
function shownInstant(text: string): number | null {
  const m = /(\d\d)\/(\d\d)\/(\d{4}), (\d\d):(\d\d):(\d\d) (UTC|CST|CDT|CET|CEST|GMT[+-]\d+)/.exec(text);
  if (!m) return null;
  const [, mo, d, y, h, mi, sec, zone] = m;
  const offsetH = NAMED_OFFSET_H[zone!] ?? Number(zone!.slice(3));
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h) - offsetH, Number(mi), Number(sec));
}
