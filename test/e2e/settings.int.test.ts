import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, CHROMIUM, launchBrowser, SHOTS, startServe, type Served } from './browser.js';

/**
 * Settings that stay, in a real browser: a theme, a saved connection profile (and one imported from
 * a team's file, its password dropped) and the last scenario with its speed are there again after
 * the browser host is stopped and started anew on the same config directory — never a password.
 */
const dir = mkdtempSync(join(tmpdir(), 'linesight-settings-e2e-'));
const configDir = join(dir, 'config');
let browser: Browser;
let server: Served | undefined;
let page: Page;

/** `linesight serve` on this file's config directory, and a fresh page on it (a new port: a new origin, nothing kept by the browser). */
async function startConsole(): Promise<void> {
  server = await startServe(['--journal', join(dir, 'e2e.db')], { ...process.env, LINESIGHT_CONFIG_DIR: configDir });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url);
  await page.getByRole('status').filter({ hasText: 'Connected' }).first().waitFor({ timeout: 20_000 });
}

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set LINESIGHT_CHROMIUM)`);
  browser = await launchBrowser();
  await startConsole();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
const theme = async () => (await page.locator('html').getAttribute('data-theme')) ?? 'system';
const watchForm = () => page.getByRole('region', { name: 'Watch a broker' });
const profiles = () => page.getByRole('region', { name: 'Saved profiles' });
const saved = () => profiles().getByRole('list', { name: 'Saved connection profiles' }).getByRole('listitem');

const TEAM_FILE = [
  'connections:',
  '  - name: line9-edge',
  '    url: mqtt://10.1.9.20:1883',
  '    username: commissioning',
  '    password: team-secret',
  '    subscribe: [ "linesight/v1/US01/L9/#" ]',
].join('\n');

describe('settings kept by the browser host', () => {
  it('chooses the dark theme in Preferences', async () => {
    await page.getByRole('button', { name: 'Preferences' }).click();
    const prefs = page.getByRole('group', { name: 'Preferences' });
    await prefs.getByRole('radio', { name: 'Dark' }).check();
    await expect.poll(theme).toBe('dark');
    await prefs.getByRole('radio', { name: 'UTC' }).check();
    await page.screenshot({ path: join(SHOTS, 'preferences.png'), clip: { x: 560, y: 0, width: 720, height: 420 } });
    await page.keyboard.press('Escape');
    expect(await prefs.isHidden()).toBe(true);
  });

  it('saves a connection as a profile (without its password), imports a team’s file and exports them as a connections file', async () => {
    await nav('Connections').click();
    const form = watchForm();
    await form.getByLabel('Broker URL').fill('mqtt://192.168.10.5:1883');
    await form.getByLabel(/^Name/).fill('line-2');
    await form.getByLabel(/^User name/).fill('eng');
    await form.getByLabel('Password', { exact: true }).fill('hunter2');
    await form.getByLabel(/^Lines/).fill('US01/L2');
    await form.getByRole('button', { name: 'Save as profile' }).click();
    await expect.poll(() => form.textContent()).toContain('Saved profile “line-2” (without its password');
    await expect.poll(() => saved().allTextContents()).toEqual([expect.stringContaining('line-2') as unknown]);

    await profiles().getByLabel('Connections file to import').setInputFiles({ name: 'team.yaml', mimeType: 'application/yaml', buffer: Buffer.from(TEAM_FILE) });
    await expect.poll(() => profiles().textContent()).toContain('Added “line9-edge”.');
    expect(await profiles().textContent()).toContain('The file held a password for “line9-edge”: it was left out');
    expect(await saved().count()).toBe(2);

    await profiles().getByRole('button', { name: 'Export profiles' }).click();
    await expect.poll(() => profiles().textContent()).toContain('2 profiles written to');
    const href = await profiles().getByRole('link', { name: 'Download' }).getAttribute('href');
    const exported = await page.request.get(new URL(href!, server!.url).toString());
    expect(exported.ok()).toBe(true);
    const text = await exported.text();
    expect(text).toContain('name: line-2');
    expect(text).toContain('name: line9-edge');
    expect(text).not.toMatch(/hunter2|team-secret/);

    // the whole form, below the sticky header
    await page.evaluate('window.scrollTo(0, 0)');
    const box = await form.boundingBox();
    await page.screenshot({ path: join(SHOTS, 'connection-profiles.png'), fullPage: true, ...(box ? { clip: box } : {}) });
  }, 60_000);

  it('starts a scenario at a chosen speed', async () => {
    await nav('Simulator control').click();
    await expect.poll(() => page.getByLabel('Scenario').locator('option').count()).toBeGreaterThan(1);
    await page.getByLabel('Scenario').selectOption('master-data-errors');
    await page.getByLabel('Speed').selectOption('600');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(() => page.locator('dl.status').textContent(), { timeout: 15_000 }).toContain('Master data errors');
  });

  it('finds theme, profiles, scenario and speed as they were after the host is restarted', async () => {
    await page.close();
    await server!.stop();
    server = undefined;
    await startConsole();

    await expect.poll(theme).toBe('dark');
    await page.getByRole('button', { name: 'Preferences' }).click();
    const prefs = page.getByRole('group', { name: 'Preferences' });
    expect(await prefs.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);
    expect(await prefs.getByRole('radio', { name: 'UTC' }).isChecked()).toBe(true);
    await page.keyboard.press('Escape');

    // nothing runs after a restart: the picker offers what was started last, at its speed
    await nav('Simulator control').click();
    await expect.poll(() => page.getByLabel('Scenario').inputValue()).toBe('master-data-errors');
    expect(await page.getByLabel('Speed').inputValue()).toBe('600');

    await nav('Connections').click();
    await expect.poll(() => saved().count()).toBe(2);
    await profiles().getByRole('button', { name: 'Use profile line-2' }).click();
    const form = watchForm();
    expect(await form.getByLabel('Broker URL').inputValue()).toBe('mqtt://192.168.10.5:1883');
    expect(await form.getByLabel(/^Name/).inputValue()).toBe('line-2');
    expect(await form.getByLabel(/^User name/).inputValue()).toBe('eng');
    expect(await form.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    expect(await form.getByLabel(/^Lines/).inputValue()).toBe('US01/L2');

    const kept = readFileSync(join(configDir, 'settings.json'), 'utf8');
    expect(kept).not.toMatch(/hunter2|team-secret/);
  }, 60_000);
});
