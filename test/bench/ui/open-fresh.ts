/**
 * Opening the console the way a user's browser does, for bench:ui's views pass: each page is a
 * Chromium of its own on a fresh profile (nothing cached, as on a first start), driven over the
 * DevTools protocol with no domain enabled but Page. The long-task probe is installed before the
 * page's first script; after `settleMs` the console must show its heading, and the probe is read.
 *
 * Why not through Playwright, as the rest of the bench: Playwright enables the inspector's Runtime
 * domain on every page, and with it on V8 records a detailed stack for every Error created. react-dom
 * creates three as its module loads; collecting their source positions re-parses the whole chunk
 * (V8.CollectSourcePositions, 60–85 ms in a Chromium trace) — a cost with an inspector attached
 * that no user pays. The pass prints both figures.
 *
 * Why wait for the browser to be idle before navigating: a Chromium that has just started warms up
 * its own UI in a renderer of its own (the omnibox popup's WebUI, about 1.3 CPU-seconds over its
 * first 4 s in traces here), and on a two-core machine every task of the page then runs beside it —
 * the console's openings measured long tasks of 50–90 ms in a quarter to most openings that way, and
 * none over 32 ms (traced) once the browser had settled. A user opens the console in a browser that
 * is already running, or in the desktop shell, which has no such UI; `whileBrowserStarts` keeps the
 * other figure for comparison.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM } from '../../e2e/browser.js';
import { cpuSnapshot } from './cpu.js';
import { INSTALL_PROBE, TAKE_PROBE, type ProbeSample } from './page-probe.js';

type Reply = { id?: number; result?: { result?: { value?: unknown } }; error?: { message?: string } };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** CPU ticks (1/100 s) used so far by `root` and every process under it, from /proc; null elsewhere */
function treeTicks(root: number): number | null {
  const snap = cpuSnapshot();
  if (!snap) return null;
  let sum = 0;
  for (const [pid, v] of snap.perPid) {
    for (let p = pid, hops = 0; p > 1 && hops < 64; hops++, p = snap.perPid.get(p)?.ppid ?? 0) {
      if (p === root) {
        sum += v.ticks;
        break;
      }
    }
  }
  return sum;
}

/**
 * Waits until Chromium's processes use under a tenth of a core over two 250 ms windows running (at
 * most 15 s); resolves with the milliseconds waited. Without /proc, waits 5 s.
 */
async function browserSettled(pid: number): Promise<number> {
  const t0 = performance.now();
  const first = treeTicks(pid);
  if (first === null) {
    await sleep(5000);
    return performance.now() - t0;
  }
  let quiet = 0;
  let last = first;
  while (quiet < 2 && performance.now() - t0 < 15_000) {
    await sleep(250);
    const now = treeTicks(pid)!;
    quiet = now - last <= 2 ? quiet + 1 : 0; // 2.5 ticks in 250 ms is a tenth of a core
    last = now;
  }
  return performance.now() - t0;
}

/** What an opening recorded, and how long the browser was left to settle before it (0: not at all) */
export type FreshOpening = ProbeSample & { readonly settledMs: number };

/**
 * One fresh Chromium opening `url` once the browser has settled (or, `whileBrowserStarts`, at once);
 * resolves with what the probe recorded, or rejects with why not.
 */
export async function openFresh(url: string, heading: string, opts: { settleMs?: number; whileBrowserStarts?: boolean } = {}): Promise<FreshOpening> {
  const settleMs = opts.settleMs ?? 5000;
  const profile = mkdtempSync(join(tmpdir(), 'linesight-bench-chromium-'));
  const chromium = spawn(
    CHROMIUM,
    ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--remote-debugging-port=0', `--user-data-dir=${profile}`, '--window-size=1280,900', 'about:blank'],
    // its own process group: its helpers go with it, and nothing still writes the profile as it is removed
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const { WebSocket } = await import('ws');
  let ws: InstanceType<typeof WebSocket> | undefined;
  try {
    const browserWs = await new Promise<string>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`Chromium did not start within 20 s: ${err.slice(-400)}`)), 20_000);
      chromium.stderr.on('data', (d: Buffer) => {
        err += d.toString('utf8');
        const m = /DevTools listening on (ws:\S+)/.exec(err);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      chromium.once('exit', (code) => reject(new Error(`Chromium exited (${code}): ${err.slice(-400)}`)));
    });
    const port = new URL(browserWs).port;
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { type: string; webSocketDebuggerUrl: string }[];
    const page = targets.find((t) => t.type === 'page');
    if (!page) throw new Error('Chromium opened no page');
    const socket = new WebSocket(page.webSocketDebuggerUrl);
    ws = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    let next = 0;
    const pending = new Map<number, (r: Reply) => void>();
    socket.on('message', (data: Buffer) => {
      const r = JSON.parse(data.toString('utf8')) as Reply;
      if (r.id !== undefined) pending.get(r.id)?.(r);
    });
    const send = (method: string, params: object = {}): Promise<Reply> =>
      new Promise((resolve, reject) => {
        const id = ++next;
        const timer = setTimeout(() => reject(new Error(`${method}: no reply within 15 s`)), 15_000);
        pending.set(id, (r) => {
          clearTimeout(timer);
          pending.delete(id);
          if (r.error) reject(new Error(`${method}: ${r.error.message ?? 'failed'}`));
          else resolve(r);
        });
        socket.send(JSON.stringify({ id, method, params }));
      });
    const settledMs = opts.whileBrowserStarts ? 0 : await browserSettled(chromium.pid!);
    await send('Page.enable');
    await send('Page.addScriptToEvaluateOnNewDocument', { source: INSTALL_PROBE });
    await send('Page.navigate', { url });
    await sleep(settleMs);
    const shown = await send('Runtime.evaluate', { expression: `[...document.querySelectorAll('h1')].some((h) => h.textContent === ${JSON.stringify(heading)})`, returnByValue: true });
    if (shown.result?.result?.value !== true) throw new Error(`the console did not show "${heading}" within ${settleMs} ms`);
    const taken = await send('Runtime.evaluate', { expression: `JSON.stringify(${TAKE_PROBE})`, returnByValue: true });
    return { ...(JSON.parse(String(taken.result?.result?.value)) as ProbeSample), settledMs };
  } finally {
    ws?.terminate();
    const exited = new Promise((r) => (chromium.exitCode !== null ? r(null) : chromium.once('exit', r)));
    try {
      process.kill(-chromium.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}
