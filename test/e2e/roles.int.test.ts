import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPin, writePin } from '../../engine/host/engineer-pin.js';
import { chromiumAvailable, CHROMIUM, launchBrowser, startServe, type Served } from './browser.js';

/**
 * The role control in the header, in a real browser. With an engineer PIN set before the host
 * starts, the console is an operator; a wrong PIN is refused and said so; the right one unlocks the
 * engineer role; Lock goes back. With no PIN, the control says roles are not in force and sets one;
 * five wrong PINs lock unlocking out for a while.
 */
const PIN = '2468';
const dir = mkdtempSync(join(tmpdir(), 'linesight-roles-'));
let browser: Browser;

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set LINESIGHT_CHROMIUM)`);
  browser = await launchBrowser();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

type Console = { readonly page: Page; readonly server: Served; readonly configDir: string };

/** `linesight serve` on its own journal and config directory (a PIN written there first, if given), and a page on it. */
async function open(name: string, pin?: string): Promise<Console> {
  const configDir = join(dir, name, 'config');
  mkdirSync(configDir, { recursive: true });
  if (pin !== undefined) await writePin(configDir, pin);
  const server = await startServe(['--journal', join(dir, name, 'e2e.db')], { ...process.env, LINESIGHT_CONFIG_DIR: configDir });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}/#/`);
  return { page, server, configDir };
}

const trigger = (page: Page) => page.getByRole('banner').getByRole('button', { name: /^Role:/ });
const panel = (page: Page) => page.getByRole('group', { name: 'Role of this console' });
const dialog = (page: Page) => page.getByRole('dialog');
const roleShown = (page: Page) => trigger(page).textContent();
/** the label of the focused field (a string expression: these tests are compiled without the DOM library) */
const focusedLabel = (page: Page) => page.evaluate<string | null>('document.activeElement?.labels?.[0]?.textContent ?? null');

describe('with an engineer PIN set before the host starts', () => {
  let ui: Console;
  let page: Page;
  beforeAll(async () => {
    ui = await open('pin-set', PIN);
    page = ui.page;
  }, 60_000);
  afterAll(async () => {
    await page?.close();
    await ui?.server.stop();
  });

  it('starts as operator and says no more about the PIN', async () => {
    await expect.poll(() => roleShown(page), { timeout: 15_000 }).toContain('Role: operator');
    await trigger(page).click();
    expect(await trigger(page).getAttribute('aria-expanded')).toBe('true');
    expect(await panel(page).getByRole('button', { name: 'Operator' }).getAttribute('aria-pressed')).toBe('true');
    expect(await panel(page).textContent()).not.toContain('No engineer PIN');
    // an operator has nothing to lock and no PIN to change
    expect(await panel(page).getByRole('button', { name: 'Lock' }).count()).toBe(0);
    expect(await panel(page).getByRole('button', { name: 'Change PIN…' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(await panel(page).isVisible()).toBe(false);
    // focus is back on the control
    expect(await page.evaluate<string | null>("document.activeElement?.getAttribute('aria-expanded') ?? null")).toBe('false');
  });

  it('refuses a wrong PIN, says so and stays operator; Escape closes the dialog', async () => {
    await trigger(page).click();
    await panel(page).getByRole('button', { name: 'Engineer…' }).click();
    await expect.poll(() => dialog(page).count()).toBe(1);
    expect(await dialog(page).getAttribute('aria-labelledby')).not.toBeNull();
    expect(await focusedLabel(page)).toBe('Engineer PIN');
    expect(await dialog(page).getByLabel('Engineer PIN').getAttribute('type')).toBe('password');

    await page.keyboard.type('1357');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog(page).getByRole('alert').textContent(), { timeout: 10_000 }).toBe('Not unlocked: wrong PIN');
    // the field is cleared and holds the focus for another try
    expect(await dialog(page).getByLabel('Engineer PIN').inputValue()).toBe('');
    expect(await focusedLabel(page)).toBe('Engineer PIN');
    expect(await roleShown(page)).toContain('Role: operator');

    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).count()).toBe(0);
    expect(await roleShown(page)).toContain('Role: operator');
  });

  it('unlocks the engineer role with the right PIN, and Lock goes back to operator', async () => {
    await trigger(page).click();
    await panel(page).getByRole('button', { name: 'Engineer…' }).click();
    await dialog(page).getByLabel('Engineer PIN').fill(PIN);
    await dialog(page).getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => roleShown(page), { timeout: 10_000 }).toContain('Role: engineer');
    expect(await dialog(page).count()).toBe(0);

    await trigger(page).click();
    expect(await panel(page).getByRole('button', { name: 'Change PIN…' }).isVisible()).toBe(true);
    await panel(page).getByRole('button', { name: 'Lock' }).click();
    await expect.poll(() => roleShown(page), { timeout: 10_000 }).toContain('Role: operator');
    // and the host agrees: a reload asks it afresh
    await page.reload();
    await expect.poll(() => roleShown(page), { timeout: 15_000 }).toContain('Role: operator');
  });

  it('switches down to trainee without a PIN', async () => {
    await trigger(page).click();
    await panel(page).getByRole('button', { name: 'Trainee' }).click();
    await expect.poll(() => roleShown(page), { timeout: 10_000 }).toContain('Role: trainee');
  });
});

describe('with no engineer PIN', () => {
  let ui: Console;
  let page: Page;
  beforeAll(async () => {
    ui = await open('no-pin');
    page = ui.page;
  }, 60_000);
  afterAll(async () => {
    await page?.close();
    await ui?.server.stop();
  });

  it('says roles are not in force and sets a PIN typed twice', async () => {
    await expect.poll(() => roleShown(page), { timeout: 15_000 }).toContain('Role: engineer');
    expect(await roleShown(page)).toContain('no PIN');
    await trigger(page).click();
    expect(await panel(page).textContent()).toContain('No engineer PIN: anyone here may publish, delete and discard');

    await panel(page).getByRole('button', { name: 'Set PIN…' }).click();
    await expect.poll(() => dialog(page).count()).toBe(1);
    expect(await focusedLabel(page)).toBe('New PIN');
    const d = dialog(page);
    await d.getByLabel('New PIN', { exact: true }).fill('864');
    await d.getByLabel('New PIN again').fill('864');
    await d.getByRole('button', { name: 'Set PIN' }).click();
    await expect.poll(() => d.getByRole('alert').textContent()).toContain('4 to 64 characters');
    await d.getByLabel('New PIN', { exact: true }).fill('8642');
    await d.getByLabel('New PIN again').fill('8643');
    await d.getByRole('button', { name: 'Set PIN' }).click();
    await expect.poll(() => d.getByRole('alert').textContent()).toContain('the two new PINs differ');
    expect(readPin(ui.configDir).kind).toBe('none');

    await d.getByLabel('New PIN again').fill('8642');
    await d.getByRole('button', { name: 'Set PIN' }).click();
    await expect.poll(() => dialog(page).count(), { timeout: 10_000 }).toBe(0);
    expect(readPin(ui.configDir).kind).toBe('set');
    // still engineer (whoever set the PIN knows it), and the warning is gone
    expect(await roleShown(page)).toBe('Role: engineer▾');
    await trigger(page).click();
    expect(await panel(page).textContent()).not.toContain('No engineer PIN');
    await panel(page).getByRole('button', { name: 'Lock' }).click();
    await expect.poll(() => roleShown(page), { timeout: 10_000 }).toContain('Role: operator');
  });

  it('refuses further tries after five wrong PINs, saying how long to wait', async () => {
    await trigger(page).click();
    await panel(page).getByRole('button', { name: 'Engineer…' }).click();
    const field = dialog(page).getByLabel('Engineer PIN');
    const alert = dialog(page).getByRole('alert');
    for (let i = 0; i < 5; i++) {
      await field.fill(`000${i}`);
      await dialog(page).getByRole('button', { name: 'Unlock' }).click();
      await expect.poll(() => field.inputValue(), { timeout: 10_000 }).toBe('');
      expect(await alert.textContent()).toContain('wrong PIN');
    }
    // the right PIN is refused too while the lockout lasts
    await field.fill('8642');
    await dialog(page).getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toMatch(/too many wrong PINs: try again in \d+ s/);
    expect(await roleShown(page)).toContain('Role: operator');
    await dialog(page).getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog(page).count()).toBe(0);
  });
});
