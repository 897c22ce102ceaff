import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, SHOTS, type ConsoleUnderTest } from './browser.js';

/**
 * Reversing a double posting in a real browser: with idempotency off, one confirmation delivered
 * twice is posted twice; the Exceptions view lists the double posting, "Reverse posting…" previews
 * what the reversal nets, the operator confirms with a reason, and the duplicate-posting gap
 * closes once ERP posts the reversal. The order's lineage draws the reversal against the posting
 * and offers the same action on a posting. Screenshots: reversal-dialog.png, reversal-sent.png,
 * reversal-lineage.png, reversal-lineage-posting.png, reversal-sync-gaps.png.
 */
let ui: ConsoleUnderTest;
let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'linesight-reversal-'));

const SCENARIO = `name: One confirmation posted twice
seed: 4242
start: 2026-03-02T06:00:00+01:00
duration: 2h
plant: pumps
lines: [DE01/L1]
integration:
  idempotency:
    enabled: false
faults:
  - {kind: duplicate, line: DE01/L1, eventType: mes.operation.confirmed, count: 1}
`;

beforeAll(async () => {
  const file = join(dir, 'posted-twice.yaml');
  writeFileSync(file, SCENARIO);
  ui = await openConsole(['--scenario', file], { width: 1440, height: 1000 });
  page = ui.page;
}, 60_000);

afterAll(async () => {
  await ui?.close();
  rmSync(dir, { recursive: true, force: true });
});

const doubles = () => page.getByRole('region', { name: 'Double postings' });
let key = '';
let order = '';

describe('reversing a double posting', () => {
  it('runs the scenario until the Exceptions view lists a double posting', async () => {
    await page.goto(ui.server.url);
    await ui.nav('Simulator control').click();
    await expect.poll(() => page.locator('dl.status').textContent(), { timeout: 15_000 }).toContain('Paused');
    await page.getByLabel('Speed').selectOption('600');
    await page.getByRole('button', { name: 'Play' }).click();
    await ui.nav('Exceptions').click();
    await expect.poll(() => doubles().locator('tbody tr').count(), { timeout: 60_000 }).toBe(1);
    key = ((await doubles().locator('tbody tr td.rev-key').textContent()) ?? '').trim();
    order = ((await doubles().locator('tbody tr td').first().textContent()) ?? '').trim();
    expect(key).toMatch(/\/CONF\//);
    // the Sync gaps view offers the same action on the duplicate-posting gap
    await ui.nav('Sync gaps').click();
    const row = page.getByRole('region', { name: 'Open gaps' }).locator('tbody tr', { hasText: 'duplicate-posting' });
    await expect.poll(() => row.getByRole('button', { name: `Reverse posting… of ${key}` }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'reversal-sync-gaps.png') });
    await ui.nav('Exceptions').click();
  });

  it('previews what the reversal nets, and sends it with a reason', async () => {
    await doubles().getByRole('button', { name: `Reverse posting… of ${key}` }).click();
    const dialog = page.getByRole('dialog', { name: `Reverse a posting of ${key}` });
    const facts = dialog.getByRole('definition');
    await expect.poll(() => dialog.locator('dl').count(), { timeout: 10_000 }).toBe(1);
    const text = (await dialog.locator('dl').textContent()) ?? '';
    expect(text).toContain(`${key}/REV/1`);
    expect(text).toContain('2 now → 1 once the reversal is posted');
    expect(text).toContain(`duplicate-posting:${key}`);
    expect(await facts.nth(2).textContent()).toMatch(/^\d+ \S+ .*of operation \d{4} \(confirmation\)$/);
    const confirm = dialog.getByRole('button', { name: 'Reverse one posting' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Reason').fill('the duplicate delivery was posted twice');
    await page.screenshot({ path: join(SHOTS, 'reversal-dialog.png') });

    await confirm.click();
    await expect.poll(() => dialog.getByRole('status').textContent(), { timeout: 10_000 }).toContain(`Reversal ${key}/REV/1 sent`);
    await page.screenshot({ path: join(SHOTS, 'reversal-sent.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => doubles().getByRole('status').textContent()).toContain(`Reversal ${key}/REV/1 sent for ${key}`);
  });

  it('closes the duplicate-posting gap once ERP posts the reversal', async () => {
    await expect.poll(() => doubles().locator('tbody tr').count(), { timeout: 60_000 }).toBe(0);
    await ui.nav('Sync gaps').click();
    await expect.poll(() => page.getByRole('region', { name: 'Open gaps' }).locator('tbody tr', { hasText: key }).count()).toBe(0);
  });

  it('draws the reversal against the posting in the lineage, and offers the action on a posting', async () => {
    await page.goto(`${ui.server.url}/#/lineage/${encodeURIComponent(order)}`);
    const chart = page.locator('.lin-chart svg');
    await expect.poll(() => chart.locator('line.lin-edge-reverses').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.getByRole('list', { name: 'Marker legend' }).textContent()).toContain('posting ⇢ its reversal');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'reversal-lineage.png') });

    // the posting the reversal nets: its hops name the reversal, and it offers the action again
    const table = page.getByRole('table', { name: /^Events of order/ });
    const postings = table.getByRole('button', { name: 'erp.confirmation.posted' });
    const detail = page.locator('aside.lin-detail');
    for (let i = 0; i < (await postings.count()); i++) {
      await postings.nth(i).click();
      if ((await detail.locator('.lin-hop-reverses').count()) > 0) break;
    }
    expect(await detail.locator('.lin-hop-reverses').first().textContent()).toMatch(/^reversed by MES mes\.confirmation\.cancelled/);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'reversal-lineage-posting.png') });

    await detail.getByRole('button', { name: /^Reverse posting… of / }).click();
    const dialog = page.getByRole('dialog', { name: /^Reverse a posting of / });
    // netted to one posting: a second reversal would net it to none — unless the order closed and the monitor let it go meanwhile
    await expect
      .poll(() => dialog.textContent(), { timeout: 10_000 })
      .toMatch(/1 now → 0 once the reversal is posted|unknown to the monitor/);
    // Cancel, or Close when the preview refused (a refused reversal has no form to fill)
    await dialog.getByRole('button', { name: /^(Cancel|Close)$/ }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
  });
});
