import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, SHOTS, type ConsoleUnderTest } from './browser.js';

/**
 * The Sync gaps view of a master-data-errors run in a real browser: each gap lists what differs row by
 * row, every quantity with its unit and nothing added across units; a receipt refused for "order
 * not confirmed" names its root (the final confirmation's unit) first, and the cause chain opens
 * with one click, each step linked to the lineage of its event. Screenshots go to
 * test-results/screenshots/ (sync-gaps-rows.png, sync-gaps-chain.png).
 */
let ui: ConsoleUnderTest;
let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'linesight-sync-gaps-'));

/** Master data errors, made certain: every confirmation of US01/L2 in PC, so every final one too (and ERP receives nothing before the final one). */
const SCENARIO = `name: Every confirmation in PC
seed: 8086
start: 2026-03-02T06:00:00-06:00
duration: 4h
plant: pumps
lines: [US01/L1, US01/L2]
erp: {receiptNeedsFinalConfirmation: true}
faults:
  - {kind: uom-mismatch, line: US01/L2, eventType: mes.operation.confirmed, probability: 1, uom: PC}
  - {kind: expired-lot, line: US01/L1, count: 1}
`;

beforeAll(async () => {
  const file = join(dir, 'pc.yaml');
  writeFileSync(file, SCENARIO);
  ui = await openConsole(['--scenario', file], { width: 1440, height: 1000 });
  page = ui.page;
}, 60_000);

afterAll(async () => {
  await ui?.close();
  rmSync(dir, { recursive: true, force: true });
});

const open = () => page.getByRole('region', { name: 'Open gaps' });

describe('the Sync gaps view', () => {
  it('runs the scenario until a receipt gap opens', async () => {
    await page.goto(ui.server.url);
    await ui.nav('Simulator control').click();
    await expect.poll(() => page.locator('dl.status').textContent(), { timeout: 15_000 }).toContain('Paused');
    await page.getByLabel('Speed').selectOption('3600');
    await page.getByRole('button', { name: 'Play' }).click();
    await ui.nav('Sync gaps').click();
    await expect.poll(() => open().locator('tbody tr', { hasText: 'receipt' }).count(), { timeout: 60_000 }).toBeGreaterThan(0);
  });

  it('shows a gap row by row, each quantity with its unit, never two units added', async () => {
    const quantity = open().locator('tbody tr', { hasText: 'not convertible' }).filter({ hasText: 'quantity' }).first();
    const rows = quantity.getByRole('table', { name: /^What differs in quantity gap of / });
    expect(await rows.getByRole('columnheader').allTextContents()).toEqual(['Compared', 'MES', 'ERP', 'Δ']);
    const first = await rows.getByRole('row').nth(1).getByRole('cell').allTextContents();
    expect(first[0]).toMatch(/^operation \d{4}$/);
    expect(first.slice(1)).toEqual([expect.stringMatching(/^\d+ PC$/), 'not posted', expect.stringMatching(/^\+\d+ PC$/)]);
    expect(await open().textContent()).not.toMatch(/\d [A-Z]{1,3} \+ \d/);
    await page.screenshot({ path: join(SHOTS, 'sync-gaps-rows.png'), fullPage: true });
  });

  it('names the root of a refused receipt first, with its chain one click away', async () => {
    // the receipt gap itself (a hold gap's usage decision, refused for want of the receipt, traces to the same root)
    const receipt = open()
      .locator('tbody tr', { hasText: 'order not confirmed' })
      .filter({ has: page.locator('td:first-child', { hasText: /^receipt$/ }) })
      .first();
    expect(await receipt.locator('td').last().textContent()).toMatch(/^UoM PC not convertible to EA → final confirmation \S+ dead-lettered/);
    const chain = receipt.getByRole('group');
    await receipt.getByText(/^Cause chain/).click();
    const steps = await chain.getByRole('listitem').allTextContents();
    expect(steps.map((s) => s.replace(/ lineage$/, ''))).toEqual([
      'UoM PC not convertible to EA',
      expect.stringMatching(/^final confirmation \S+\/CONF\/\d{4}\/\d+ dead-lettered \(data-quality\)$/),
      expect.stringMatching(/^goods receipt \S+\/GR\/\d+ refused: order not confirmed$/),
    ]);
    await receipt.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'sync-gaps-chain.png'), fullPage: true });
    // a step's link opens the lineage of the dead-lettered confirmation
    await chain.getByRole('link', { name: /^Lineage of event / }).first().click();
    await expect.poll(() => page.url()).toMatch(/#\/lineage\//);
  });
});
