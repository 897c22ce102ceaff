/**
 * The views pass of `npm run bench:ui`: long tasks when opening the console and when switching to
 * each view. `linesight serve` plays the bench scenario at max speed for a few seconds (so views have
 * lines, gaps and events to show) and pauses it: what is measured is the cost of opening a view, not
 * of live frames. First the console is opened in `LINESIGHT_BENCH_UI_OPENS` (default 5) fresh
 * browsers as a user's browser opens it (open-fresh.ts: no inspector attached, the browser settled
 * after its start), and once more in a browser still starting (a figure for comparison); then a Playwright
 * page installs the long-task probe before any of its scripts run, opens `#/overview` (with the
 * inspector on: a figure for comparison, not the user's), then visits every view once by its hash,
 * waiting for its heading and a quiet second. Figures, never verdicts.
 */
import type { Browser, Page } from 'playwright-core';
import { openFresh } from './open-fresh.js';
import { INSTALL_PROBE, longTaskCause, TAKE_PROBE, type ProbeSample } from './page-probe.js';
import { wsCall } from './ws-call.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Every routed view the navigation offers (renderer/router.ts ROUTES), and a line's detail. */
const VIEWS = ['lineage', 'gaps', 'exceptions', 'simulator', 'connections', 'topics', 'inject', 'events', 'sessions', 'training'] as const;

/**
 * `cause`: what the longest task was (page-probe.ts), where the browser says. `unjudged`: why the row
 * is printed but not judged — Playwright's inspector attached, or the browser still starting, which no
 * user opening the console has (open-fresh.ts).
 */
export type ViewOpen = { readonly view: string; readonly longTasks: number; readonly longestMs: number; readonly totalMs: number; readonly cause?: string; readonly unjudged?: 'inspector on' | 'browser starting' };

const summarise = (view: string, s: ProbeSample, unjudged?: ViewOpen['unjudged']): ViewOpen => {
  const d = s.longtasks.map((t) => t.duration);
  const longest = s.longtasks.reduce<ProbeSample['longtasks'][number] | undefined>((a, t) => (!a || t.duration > a.duration ? t : a), undefined);
  const cause = longest ? longTaskCause(longest, s.frames) : undefined;
  return { view, longTasks: d.length, longestMs: longest?.duration ?? 0, totalMs: d.reduce((a, b) => a + b, 0), ...(cause ? { cause } : {}), ...(unjudged ? { unjudged } : {}) };
};

const OPENS = Number(process.env.LINESIGHT_BENCH_UI_OPENS ?? 5);

async function settle(page: Page, heading: RegExp | string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).first().waitFor({ timeout: 20_000 });
  await sleep(1500);
}

/** Opens the console on `url` (a serve whose session is paused at its start) and visits every view. */
export async function viewsPass(browser: Browser, url: string, log: (m: string) => void): Promise<ViewOpen[]> {
  await wsCall(url, 'command', 'session.setSpeed', { speed: 'max' });
  await wsCall(url, 'command', 'session.play');
  log('views pass: playing 4 s at max speed, then paused');
  await sleep(4000);
  await wsCall(url, 'command', 'session.pause');

  const out: ViewOpen[] = [];
  for (let i = 1; i <= OPENS; i++) {
    const opening = await openFresh(`${url}/#/overview`, 'Plant overview');
    log(`views pass: fresh browser ${i}/${OPENS} settled ${(opening.settledMs / 1000).toFixed(1)} s after its start, then opened the console`);
    out.push(summarise(`open the console, fresh browser ${i}/${OPENS}`, opening));
  }
  out.push(summarise('open the console, browser still starting', await openFresh(`${url}/#/overview`, 'Plant overview', { whileBrowserStarts: true }), 'browser starting'));

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(INSTALL_PROBE);
  await page.goto(`${url}/#/overview`);
  await page.getByRole('article').first().waitFor({ timeout: 20_000 });
  await settle(page, 'Plant overview');
  out.push(summarise('open the console, Playwright (inspector on)', await page.evaluate<ProbeSample>(TAKE_PROBE), 'inspector on'));
  const line = (await page.getByRole('article').first().getAttribute('aria-label'))!.replace(/^Line /, '');
  const [plant, lineId] = line.split('/') as [string, string];

  const go = (hash: string) => page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  for (const v of VIEWS) {
    await go(`#/${v}`);
    await settle(page, /./);
    out.push(summarise(v, await page.evaluate<ProbeSample>(TAKE_PROBE)));
  }
  await go(`#/line/${encodeURIComponent(plant)}/${encodeURIComponent(lineId)}`);
  await settle(page, `Line ${line}`);
  out.push(summarise(`line ${line}`, await page.evaluate<ProbeSample>(TAKE_PROBE)));
  await go('#/overview');
  await settle(page, 'Plant overview');
  out.push(summarise('overview again', await page.evaluate<ProbeSample>(TAKE_PROBE)));
  await page.close();
  return out;
}
