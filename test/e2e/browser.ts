import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium, driven by playwright-core; `.ci/run` installs it. Never `npx playwright install`. */
export const CHROMIUM = process.env.LINESIGHT_CHROMIUM ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/**
 * Debian's Chromium. Playwright's own Ctrl-C handler is off: it calls `process.exit` when it is the
 * last handler, which would orphan a `linesight serve` the caller still has to stop.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    handleSIGINT: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * The project root: the nearest ancestor holding bin/linesight.js and package.json — right both from
 * sources (vitest) and compiled into dist/test/ (the benchmarks).
 */
export function projectRoot(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'bin', 'linesight.js')) && existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no bin/linesight.js above ${from}`);
  }
}

export type Served = { readonly url: string; readonly proc: ChildProcess; stop(): Promise<void> };

/** Start `linesight serve --port 0 …args` on the compiled build and resolve with its URL once it prints it. */
export function startServe(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Served> {
  const bin = join(projectRoot(), 'bin', 'linesight.js');
  const proc = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  const stop = () =>
    new Promise<void>((done) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return done();
      const kill = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      proc.once('exit', () => {
        clearTimeout(kill);
        done();
      });
      proc.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`serve did not print its URL within 20 s: ${out}`));
    }, 20_000);
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, proc, stop });
      }
    });
    proc.stderr.on('data', (c: Buffer) => (out += c.toString()));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code}: ${out}`));
    });
  });
}

/** Where e2e screenshots go (kept out of git; the best are copied by hand to docs/screenshots/). */
export const SHOTS = join(projectRoot(), 'test-results', 'screenshots');

/** One e2e file's console: `linesight serve` on a temporary journal, and a Chromium page. */
export type ConsoleUnderTest = {
  readonly server: Served;
  readonly page: Page;
  /** the temporary folder holding the journal (and the exports beside it) */
  readonly dir: string;
  /** the console's config directory (`LINESIGHT_CONFIG_DIR`): client ids, mappings files */
  readonly configDir: string;
  /** a link of the persistent navigation, by its exact name */
  nav(name: string): Locator;
  close(): Promise<void>;
};

/** Start serve with `serveArgs` (plus `--journal`) and open a page on it; call from `beforeAll`, `close` from `afterAll`. */
export async function openConsole(serveArgs: readonly string[], viewport = { width: 1280, height: 900 }): Promise<ConsoleUnderTest> {
  if (!chromiumAvailable()) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set LINESIGHT_CHROMIUM)`);
  mkdirSync(SHOTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'linesight-e2e-'));
  const configDir = join(dir, 'config');
  const server = await startServe([...serveArgs, '--journal', join(dir, 'e2e.db')], { ...process.env, LINESIGHT_CONFIG_DIR: configDir });
  const browser = await launchBrowser().catch(async (err: unknown) => {
    await server.stop();
    throw err;
  });
  const page = await browser.newPage({ viewport });
  return {
    server,
    page,
    dir,
    configDir,
    nav: (name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }),
    async close() {
      await browser.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
