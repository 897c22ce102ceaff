/**
 * `npm run bench:ui`: the console under load. A benchmark that prints figures, never a timed test.
 *
 * 1. Headless: the engine alone (`createLocalApi`, the live session the hosts run) plays a scenario
 *    of every bundled pump line at max speed on a temporary journal; after a warm-up, events/s over
 *    a fixed wall window. It runs once before and once after the UI run and the two are averaged:
 *    single windows here vary by 30–45 %, and the bracket shows the spread.
 * 2. UI: `linesight serve` on the same scenario and a fresh temporary journal; Chromium (Debian's,
 *    via playwright-core) opens the console, sets the speed to max and presses Play in Simulator
 *    control, then stays on the Plant overview for the first half of the recording and on one line's
 *    detail (`#/line/<plant>/<line>`) for the second. In the page: a requestAnimationFrame loop (frame
 *    times) and a PerformanceObserver (long tasks > 50 ms); over CDP: the renderer's JS heap after a
 *    forced GC, after warm-up and at the end; over the `/api` WebSocket: the session's event count.
 *
 * Every phase also records where the machine's CPU went (this process, serve, Chromium, other work;
 * test/bench/ui/cpu.ts): on a shared 2-core machine other work moves every figure, and engine
 * events per CPU-second of its own process compare better than events/s.
 *
 * Targets (from the issue): p99 frame < 33 ms, ≤ 1 long task over 50 ms per minute, heap within
 * ±10 % after warm-up, engine ≥ 80 % of its headless rate. A miss is a label, never an exit code;
 * the exit code is non-zero only when the benchmark could not run.
 *
 *   npm run bench:ui
 *   LINESIGHT_BENCH_UI_SECONDS=60 npm run bench:ui         # record 60 s (default 30)
 *   LINESIGHT_BENCH_UI_WARMUP=10 …                          # warm-up seconds (default 5)
 *   LINESIGHT_BENCH_HEADLESS_SECONDS=20 …                   # each headless window (default 15)
 *   LINESIGHT_BENCH_UI_SCENARIO=duplicates-reordering …     # fault mix to run on every line (default baseline)
 *   LINESIGHT_CHROMIUM=/path/to/chromium …                  # default /usr/bin/chromium
 *   LINESIGHT_BENCH_UI_SITE=0 …                             # skip the large-site pass
 *   LINESIGHT_BENCH_UI_ONLY_SITE=1 …                        # the large-site pass only
 *   LINESIGHT_BENCH_UI_VIEWS=0 …                            # skip the views pass
 *   LINESIGHT_BENCH_UI_ONLY_VIEWS=1 …                       # the views pass only
 *   LINESIGHT_BENCH_UI_OPENS=10 …                           # fresh browsers the views pass opens the console in (default 5)
 *   LINESIGHT_BENCH_UI_SCREENSHOT=/tmp/overview.png …       # save the large-site Plant overview
 *   LINESIGHT_BENCH_UI_PROFILE=/tmp/renderer …              # save the renderer's CPU profile of each recording (.cpuprofile, open in Chrome DevTools)
 *   LINESIGHT_BENCH_UI_TRACE=/tmp/line …                    # save a Chromium trace of each line-detail half (open in Chrome DevTools' Performance panel)
 *
 * 3. large-site pass: the same UI run (no headless phases) on the 30 lines of `large-site` (3 plants ×
 *    10 lines): frame time p99, long tasks > 50 ms and renderer heap after warm-up and at the end,
 *    printed as a second table and JSON line. Figures, not verdicts.
 * 4. views pass (test/bench/ui/views-pass.ts): the bench scenario played a few seconds then paused; the
 *    console opened in fresh browsers with no inspector once each has settled after its start (and once
 *    while one starts, for comparison; ui/open-fresh.ts), then in a Playwright page
 *    that visits each view in turn: long tasks > 50 ms of each (target: none).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { createLocalApi, type LocalApi, type SessionInfo } from '../../engine/index.js';
import { chromiumAvailable, CHROMIUM, launchBrowser, projectRoot, startServe, type Served } from '../e2e/browser.js';
import { cpuSnapshot, cpuSplit, type CpuSplit } from './ui/cpu.js';
import { INSTALL_PROBE, STOP_PROBE, TAKE_PROBE, type ProbeSample } from './ui/page-probe.js';
import { viewsPass } from './ui/views-pass.js';
import { wsCall } from './ui/ws-call.js';

const num = (name: string, dflt: number): number => {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}: expected a positive number of seconds, got "${v}"`);
  return n;
};
const RECORD_S = num('LINESIGHT_BENCH_UI_SECONDS', 30);
const WARMUP_S = num('LINESIGHT_BENCH_UI_WARMUP', 5);
/** each of the two headless windows (before and after the UI run) */
const HEADLESS_S = num('LINESIGHT_BENCH_HEADLESS_SECONDS', 15);
const BASE = process.env.LINESIGHT_BENCH_UI_SCENARIO || 'baseline';
/** Long enough that max speed never reaches the end during the run (≈ 60 simulated days per wall second here). */
const DURATION = '3650d';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const log = (msg: string) => process.stderr.write(`bench:ui  ${msg}\n`);

// ── temporary files, cleaned up on every exit path ────────────────────────────────────────────────
const dir = mkdtempSync(join(tmpdir(), 'linesight-bench-ui-'));
let server: Served | undefined;
let browser: Browser | undefined;
let headlessApi: LocalApi | undefined;
let cleaned = false;
async function cleanup(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  await browser?.close().catch(() => {});
  await server?.stop().catch(() => {});
  await headlessApi?.close().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}
// `process.on`, not `once`: playwright's own SIGINT handler calls process.exit() when it is the only
// listener left, which would orphan `linesight serve`.
let signalled = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (signalled) return;
    signalled = true;
    log(`${sig}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}
// Last resort on any exit (including someone else's process.exit): no orphaned server, no temp files.
process.on('exit', () => {
  if (server && server.proc.exitCode === null && server.proc.signalCode === null) server.proc.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The bench scenario: `BASE`'s order mix, ERP, integration and faults on every line of its plant
 * (for `pumps`, all 7 lines of DE01, US01 and MX01), for a duration max speed never reaches.
 */
function writeScenario(base = BASE): { file: string; plant: string } {
  const src = readFileSync(join(projectRoot(), 'resources', 'scenarios', `${base}.yaml`), 'utf8');
  const doc = parse(src) as Record<string, unknown>;
  delete doc['lines'];
  doc['name'] = `UI bench: ${String(doc['name'])}, every line`;
  doc['description'] = `bench:ui — ${base} on every line of its plant`;
  doc['duration'] = DURATION;
  const file = join(dir, `bench-ui-${base}.yaml`);
  writeFileSync(file, stringify(doc));
  return { file, plant: typeof doc['plant'] === 'string' ? doc['plant'] : 'pumps' };
}

// ── statistics ────────────────────────────────────────────────────────────────────────────────────
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}
type FrameStats = { frames: number; fps: number; p50: number; p99: number; max: number; over33: number; longTasks: number; longTaskMaxMs: number; longTaskTotalMs: number };
function frameStats(s: ProbeSample, seconds: number): FrameStats {
  const d = [...s.deltas].sort((a, b) => a - b);
  const lt = s.longtasks.map((t) => t.duration);
  return {
    frames: d.length,
    fps: d.length / seconds,
    p50: quantile(d, 0.5),
    p99: quantile(d, 0.99),
    max: d.length ? d[d.length - 1]! : NaN,
    over33: d.filter((x) => x >= 33).length,
    longTasks: lt.length,
    longTaskMaxMs: lt.length ? Math.max(...lt) : 0,
    longTaskTotalMs: lt.reduce((a, b) => a + b, 0),
  };
}
const merge = (a: ProbeSample, b: ProbeSample): ProbeSample => ({ deltas: [...a.deltas, ...b.deltas], longtasks: [...a.longtasks, ...b.longtasks] });

const rmJournal = (path: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
};

// ── phase 1: headless ─────────────────────────────────────────────────────────────────────────────
type Headless = { rate: number; events: number; seconds: number; simDays: number; cpu: CpuSplit | null };
async function headless(scenarioFile: string): Promise<Headless> {
  headlessApi = createLocalApi({ journalPath: join(dir, 'headless.db') });
  const api = headlessApi;
  const start = await api.commands['session.start']({ scenario: scenarioFile, speed: 'max' });
  await api.commands['session.play']();
  await sleep(WARMUP_S * 1000);
  const a = await api.queries['session.status']();
  const c0 = cpuSnapshot();
  const t0 = performance.now();
  await sleep(HEADLESS_S * 1000);
  const b = await api.queries['session.status']();
  const cpu = cpuSplit(c0, cpuSnapshot(), undefined, cpus().length);
  const seconds = (performance.now() - t0) / 1000;
  if (b.status !== 'running') throw new Error(`headless session is ${b.status} at the end of its window${b.error ? `: ${b.error}` : ''}`);
  await api.close();
  headlessApi = undefined;
  rmJournal(join(dir, 'headless.db'));
  return { rate: (b.events - a.events) / seconds, events: b.events, seconds, simDays: ((b.simTime ?? 0) - (start.simTime ?? 0)) / 86_400_000, cpu };
}

// ── phase 2: the console in Chromium ──────────────────────────────────────────────────────────────
async function poll<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    try {
      last = await get();
      if (ok(last)) return last;
    } catch {
      /* not there yet */
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
    await sleep(200);
  }
}

async function heapMb(cdp: CDPSession): Promise<{ usedMb: number; totalMb: number; nodes: number; listeners: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const h = await cdp.send('Runtime.getHeapUsage');
  const m = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => m.metrics.find((x) => x.name === name)?.value ?? NaN;
  return { usedMb: h.usedSize / 1048576, totalMb: h.totalSize / 1048576, nodes: metric('Nodes'), listeners: metric('JSEventListeners') };
}

type UiResult = {
  rate: number;
  rateOverview: number;
  rateLine: number;
  line: string;
  all: FrameStats;
  overview: FrameStats;
  lineDetail: FrameStats;
  heapBefore: Awaited<ReturnType<typeof heapMb>>;
  heapAfter: Awaited<ReturnType<typeof heapMb>>;
  heapEndLine: Awaited<ReturnType<typeof heapMb>>;
  longTasksAtSwitch: number;
  longTasksAtSwitchMs: number;
  cpu: { overview: CpuSplit | null; line: CpuSplit | null; all: CpuSplit | null };
  longtaskSupported: boolean;
  pageErrors: string[];
  events: number;
  chromium: string;
};

async function uiRun(scenarioFile: string, screenshot?: string): Promise<UiResult> {
  const errors: string[] = [];
  let page: Page | undefined;
  try {
    return await uiSteps(scenarioFile, errors, (p) => (page = p), screenshot);
  } catch (err) {
    // say what the page showed: a failed run must be diagnosable from its output alone
    const text = page ? await page.locator('body').innerText({ timeout: 2000 }).catch(() => '(unreadable)') : '(no page)';
    const errs = errors.length ? `\n  page errors: ${[...new Set(errors)].slice(0, 5).join(' | ')}` : '';
    throw new Error(`${(err as Error).message}${errs}\n  page text: ${text.replace(/\s+/g, ' ').slice(0, 400)}`, { cause: err });
  }
}

async function uiSteps(scenarioFile: string, pageErrors: string[], onPage: (p: Page) => void, screenshot?: string): Promise<UiResult> {
  server = await startServe(['--scenario', scenarioFile, '--journal', join(dir, 'ui.db')]);
  const url = server.url;
  const status = () => wsCall<SessionInfo>(url, 'query', 'session.status');

  browser = await launchBrowser();
  const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  onPage(page);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });

  // Simulator control: the session serve started is paused at its start; max speed, then Play.
  await page.goto(`${url}/#/simulator`);
  await poll('Connected', () => page.getByRole('status').first().textContent(), (t) => (t ?? '').includes('Connected'));
  await poll('a paused session', () => page.locator('dl.status').textContent(), (t) => (t ?? '').includes('Paused'));
  await page.getByLabel('Speed').selectOption('max');
  await poll('speed max', status, (s) => s.speed === 'max');
  await page.getByRole('button', { name: 'Play' }).click();
  await poll('a running session', status, (s) => s.status === 'running');
  log('playing at max speed');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plant overview' }).click();
  const firstTile = page.getByRole('article').first();
  await poll('line tiles', () => firstTile.getAttribute('aria-label', { timeout: 1000 }), (t) => (t ?? '').startsWith('Line '));
  const line = (await firstTile.getAttribute('aria-label'))!.replace(/^Line /, '');
  const [plant, lineId] = line.split('/') as [string, string];
  const lineHash = `#/line/${encodeURIComponent(plant)}/${encodeURIComponent(lineId)}`;
  /** go to a view by its hash; answers the page's performance.now() at the switch */
  const go = async (hash: string) => await page.evaluate<number>(`(() => { location.hash = ${JSON.stringify(hash)}; return performance.now(); })()`);

  // Warm-up visits both views, so one-time costs (first chart set-up, code first run) are not recorded.
  log(`warming up ${WARMUP_S} s: line detail of ${line}, then the Plant overview`);
  await go(lineHash);
  await sleep((WARMUP_S / 2) * 1000);
  await go('#/overview');
  await sleep((WARMUP_S / 2) * 1000);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heapBefore = await heapMb(cdp);

  const profileTo = process.env.LINESIGHT_BENCH_UI_PROFILE;
  if (profileTo) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const probe = await page.evaluate<string>(INSTALL_PROBE);
  const s0 = await status();
  const c0 = cpuSnapshot();
  const t0 = performance.now();
  log(`recording ${RECORD_S / 2} s on the Plant overview`);
  await sleep((RECORD_S / 2) * 1000);
  const overviewSample = await page.evaluate<ProbeSample>(TAKE_PROBE);
  const s1 = await status();
  const c1 = cpuSnapshot();
  const t1 = performance.now();
  if (screenshot) {
    // after the overview's recorded half, so it costs the recording nothing
    await page.screenshot({ path: screenshot, fullPage: true });
    log(`screenshot of the Plant overview: ${screenshot}`);
  }

  log(`recording ${RECORD_S / 2} s on the line detail of ${line}`);
  const traceTo = process.env.LINESIGHT_BENCH_UI_TRACE;
  const traceFile = `${traceTo}-${scenarioFile.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '')}.json`;
  if (traceTo) await browser.startTracing(page, { path: traceFile, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'] });
  const switchedAt = await go(lineHash);
  await sleep((RECORD_S / 2) * 1000);
  if (traceTo) {
    await browser.stopTracing();
    log(`Chromium trace of the line detail: ${traceFile}`);
  }
  const lineSample = await page.evaluate<ProbeSample>(TAKE_PROBE);
  const s2 = await status();
  const c2 = cpuSnapshot();
  const t2 = performance.now();
  await page.evaluate(STOP_PROBE);
  if (profileTo) {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
    const file = `${profileTo}-${scenarioFile.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '')}.cpuprofile`;
    writeFileSync(file, JSON.stringify(profile));
    log(`renderer CPU profile of the recording: ${file}`);
  }
  // the view really was the line detail, with its charts
  const heading = await page.getByRole('heading', { name: `Line ${line}` }).count();
  const charts = await page.locator('figure canvas').count();
  if (heading !== 1 || charts === 0) log(`warning: line detail shows ${heading} heading(s) "Line ${line}" and ${charts} chart(s)`);
  const heapEndLine = await heapMb(cdp);
  // the same view as the after-warm-up measurement, so the change is what was retained, not the view
  await go('#/overview');
  await sleep(2000);
  const heapAfter = await heapMb(cdp);
  if (s2.status !== 'running') throw new Error(`the UI session is ${s2.status} at the end of the recording${s2.error ? `: ${s2.error}` : ''}`);
  const atSwitch = lineSample.longtasks.filter((t) => t.start + t.duration >= switchedAt && t.start <= switchedAt + 1000);

  const rate = (s2.events - s0.events) / ((t2 - t0) / 1000);
  return {
    rate,
    rateOverview: (s1.events - s0.events) / ((t1 - t0) / 1000),
    rateLine: (s2.events - s1.events) / ((t2 - t1) / 1000),
    line,
    all: frameStats(merge(overviewSample, lineSample), (t2 - t0) / 1000),
    overview: frameStats(overviewSample, (t1 - t0) / 1000),
    lineDetail: frameStats(lineSample, (t2 - t1) / 1000),
    heapBefore,
    heapAfter,
    heapEndLine,
    cpu: {
      overview: cpuSplit(c0, c1, server.proc.pid, cpus().length),
      line: cpuSplit(c1, c2, server.proc.pid, cpus().length),
      all: cpuSplit(c0, c2, server.proc.pid, cpus().length),
    },
    longTasksAtSwitch: atSwitch.length,
    longTasksAtSwitchMs: atSwitch.reduce((a, t) => a + t.duration, 0),
    longtaskSupported: probe === 'ok',
    pageErrors,
    events: s2.events,
    chromium: browser.version(),
  };
}

/** events per CPU-second of the process running the engine (robust to other work on the machine) */
const perCpu = (rate: number, cores: number | undefined): number | null => (cores === undefined || cores <= 0 ? null : rate / cores);

// ── report ────────────────────────────────────────────────────────────────────────────────────────
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const fmt = (r: readonly string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  return [fmt(rows[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(fmt)].join('\n');
}

async function main(): Promise<void> {
  if (!chromiumAvailable()) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set LINESIGHT_CHROMIUM)`);
  const { file, plant } = writeScenario();
  const cpu = cpus();
  /** 1-minute load average at each phase boundary: other work on the machine skews every figure */
  const loads: string[] = [];
  const load = (phase: string) => loads.push(`${phase} ${loadavg()[0]!.toFixed(1)}`);
  load('start');
  log(`scenario: ${BASE} on every line of plant model "${plant}", ${DURATION}, at max speed`);
  log(`headless (before the UI run): warm-up ${WARMUP_S} s, measuring ${HEADLESS_S} s`);
  const hBefore = await headless(file);
  load('after headless 1');
  log(`headless: ${f0(hBefore.rate)} events/s`);
  const u = await uiRun(file);
  load('after UI run');
  await Promise.all([browser?.close(), server?.stop()]);
  browser = undefined;
  server = undefined;
  rmJournal(join(dir, 'ui.db'));
  log(`headless (after the UI run): warm-up ${WARMUP_S} s, measuring ${HEADLESS_S} s`);
  const hAfter = await headless(file);
  load('after headless 2');
  log(`headless: ${f0(hAfter.rate)} events/s`);
  const h = { rate: (hBefore.rate + hAfter.rate) / 2 };

  const ratio = u.rate / h.rate;
  const minutes = RECORD_S / 60;
  const ltPerMin = u.all.longTasks / minutes;
  const heapChange = (u.heapAfter.usedMb - u.heapBefore.usedMb) / u.heapBefore.usedMb;

  const rows: string[][] = [
    ['figure', 'value', 'target', ''],
    ['engine headless events/s (mean)', f0(h.rate), '', ''],
    ['  before / after the UI run', `${f0(hBefore.rate)} / ${f0(hAfter.rate)}`, '', ''],
    ['engine events/s during UI run', f0(u.rate), '', ''],
    ['  ratio UI / headless', `${(ratio * 100).toFixed(0)} %`, '≥ 80 %', verdict(ratio >= 0.8)],
    ...(perCpu(hBefore.rate, hBefore.cpu?.bench) !== null && perCpu(u.rate, u.cpu.all?.serve) !== null
      ? [
          ['  per engine CPU-second, headless', `${f0(perCpu(hBefore.rate, hBefore.cpu?.bench)!)} / ${f0(perCpu(hAfter.rate, hAfter.cpu?.bench)!)}`, '', ''],
          ['  per serve CPU-second, UI run', f0(perCpu(u.rate, u.cpu.all?.serve)!), '', ''],
        ]
      : []),
    ['frame time p50 (ms)', f1(u.all.p50), '', ''],
    ['frame time p99 (ms)', f1(u.all.p99), '< 33', verdict(u.all.p99 < 33)],
    ['long tasks > 50 ms (count)', u.longtaskSupported ? String(u.all.longTasks) : 'n/a', '', ''],
    ['long tasks > 50 ms per minute', u.longtaskSupported ? f1(ltPerMin) : 'n/a', '≤ 1', u.longtaskSupported ? verdict(ltPerMin <= 1) : 'n/a'],
    ['renderer heap after warm-up, overview (MB)', f1(u.heapBefore.usedMb), '', ''],
    ['renderer heap at end, line detail (MB)', f1(u.heapEndLine.usedMb), '', ''],
    ['renderer heap at end, back on overview (MB)', f1(u.heapAfter.usedMb), '', ''],
    ['  heap change, overview → overview', `${heapChange >= 0 ? '+' : ''}${(heapChange * 100).toFixed(1)} %`, '±10 %', verdict(Math.abs(heapChange) <= 0.1)],
  ];
  const views: string[][] = [
    ['per view', 'engine ev/s', 'frames', 'fps', 'p50 ms', 'p99 ms', 'max ms', '≥ 33 ms', 'long tasks', 'longest ms', 'long-task ms'],
    ...([['Plant overview', u.overview, u.rateOverview], [`Line ${u.line}`, u.lineDetail, u.rateLine], ['whole recording', u.all, u.rate]] as const).map(([name, s, r]) => [
      name,
      f0(r),
      String(s.frames),
      f1(s.fps),
      f1(s.p50),
      f1(s.p99),
      f1(s.max),
      String(s.over33),
      String(s.longTasks),
      f0(s.longTaskMaxMs),
      f0(s.longTaskTotalMs),
    ]),
  ];

  const busyElsewhere = [hBefore.cpu, u.cpu.overview, u.cpu.line, hAfter.cpu].some((c) => c !== null && c.other > 0.25);
  const cpuRows: string[][] = [
    ['CPU, cores busy', 'bench', 'serve', 'Chromium', 'other work', 'idle'],
    ...([
      ['headless before', hBefore.cpu],
      ['UI: Plant overview', u.cpu.overview],
      [`UI: Line ${u.line}`, u.cpu.line],
      ['headless after', hAfter.cpu],
    ] as const).map(([name, c]) => [name, ...(c ? [c.bench, c.serve, c.chromium, c.other, c.idle].map((x) => x.toFixed(2)) : ['n/a', 'n/a', 'n/a', 'n/a', 'n/a'])]),
  ];

  const out = [
    '',
    `Linesight UI benchmark — ${BASE} on every line of "${plant}" (temporary scenario, ${DURATION}), max speed`,
    `machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, ${process.platform}/${process.arch}, Chromium ${u.chromium} (${CHROMIUM}, headless)`,
    `headless: twice ${WARMUP_S} s warm-up + ${HEADLESS_S} s measured, before and after the UI run (${f0(hBefore.events)} and ${f0(hAfter.events)} events, ${f1(hBefore.simDays)} and ${f1(hAfter.simDays)} simulated days)`,
    `UI run: ${WARMUP_S} s warm-up (line detail, then overview) + ${RECORD_S} s recorded, ${RECORD_S / 2} s on the Plant overview then ${RECORD_S / 2} s on #/line/${u.line}; 1280×900`,
    '',
    table(rows),
    '',
    table(views),
    '',
    table(cpuRows),
    `(CPU-seconds per wall second from /proc, ${cpu.length} cores in all: "bench" is this process — the engine itself in the headless phases —, "serve" the linesight serve process, "other work" everything else on the machine)`,
    ...(busyElsewhere ? ['Other work took over a quarter of a core in some phase: events/s and frame figures are skewed by it; events per CPU-second compare better.'] : []),
    '',
    `renderer (after forced GC, overview → overview): DOM nodes ${f0(u.heapBefore.nodes)} → ${f0(u.heapAfter.nodes)}, JS event listeners ${f0(u.heapBefore.listeners)} → ${f0(u.heapAfter.listeners)}`,
    `long tasks within 1 s of switching to the line detail: ${u.longTasksAtSwitch} (${f0(u.longTasksAtSwitchMs)} ms); the rest: ${u.all.longTasks - u.longTasksAtSwitch}`,
    u.pageErrors.length ? `page errors (${u.pageErrors.length}): ${[...new Set(u.pageErrors)].slice(0, 5).join(' | ')}` : 'page errors: none',
    `load average (1 min) on ${cpu.length} cores: ${loads.join(', ')}`,
    'Absolute figures vary 30–45 % between identical runs on this kind of machine: compare ratios measured in one run.',
    '',
  ];
  process.stdout.write(out.join('\n'));
  process.stdout.write(
    JSON.stringify({
      bench: 'ui',
      scenario: BASE,
      plant,
      recordSeconds: RECORD_S,
      warmupSeconds: WARMUP_S,
      headlessEventsPerSec: Math.round(h.rate),
      headlessBeforeAfter: [Math.round(hBefore.rate), Math.round(hAfter.rate)],
      uiEventsPerSec: Math.round(u.rate),
      ratio: +ratio.toFixed(3),
      frameP50Ms: +u.all.p50.toFixed(1),
      frameP99Ms: +u.all.p99.toFixed(1),
      longTasks: u.longtaskSupported ? u.all.longTasks : null,
      longTasksPerMin: u.longtaskSupported ? +ltPerMin.toFixed(2) : null,
      heapAfterWarmupMb: +u.heapBefore.usedMb.toFixed(1),
      heapEndMb: +u.heapAfter.usedMb.toFixed(1),
      heapEndLineDetailMb: +u.heapEndLine.usedMb.toFixed(1),
      longTasksAtSwitch: u.longTasksAtSwitch,
      heapChange: +heapChange.toFixed(3),
      views: { overview: u.overview, line: { line: u.line, ...u.lineDetail } },
      cores: cpu.length,
      loadAverages: loads,
      cpu: { headlessBefore: hBefore.cpu, ui: u.cpu, headlessAfter: hAfter.cpu },
      node: process.version,
      chromium: u.chromium,
    }) + '\n',
  );
}

/** The large-site pass: the UI run on 30 lines of three plants, printed (no headless phases, no verdicts). */
async function sitePass(): Promise<void> {
  const { file, plant } = writeScenario('large-site');
  log(`large-site pass: every line of plant model "${plant}", ${DURATION}, at max speed`);
  const u = await uiRun(file, process.env.LINESIGHT_BENCH_UI_SCREENSHOT || undefined);
  await Promise.all([browser?.close(), server?.stop()]);
  browser = undefined;
  server = undefined;
  rmJournal(join(dir, 'ui.db'));
  const lt = (s: FrameStats) => (u.longtaskSupported ? `${s.longTasks} (longest ${f0(s.longTaskMaxMs)} ms)` : 'n/a');
  const rows: string[][] = [
    ['large-site (30 lines)', 'overview', `line ${u.line}`, 'whole recording'],
    ['engine events/s', f0(u.rateOverview), f0(u.rateLine), f0(u.rate)],
    ['frame time p50 (ms)', f1(u.overview.p50), f1(u.lineDetail.p50), f1(u.all.p50)],
    ['frame time p99 (ms, target < 33)', f1(u.overview.p99), f1(u.lineDetail.p99), f1(u.all.p99)],
    ['frames ≥ 33 ms, of all frames', ...[u.overview, u.lineDetail, u.all].map((s) => `${f0(s.over33)} of ${f0(s.frames)}`)],
    ['long tasks > 50 ms', lt(u.overview), lt(u.lineDetail), lt(u.all)],
  ];
  process.stdout.write(
    [
      '',
      `large-site pass — every line of "${plant}", ${RECORD_S} s recorded (${RECORD_S / 2} s overview, ${RECORD_S / 2} s line detail), max speed`,
      table(rows),
      `long tasks within 1 s of switching to the line detail (its first paint): ${u.longTasksAtSwitch} (${f0(u.longTasksAtSwitchMs)} ms); the rest: ${u.all.longTasks - u.longTasksAtSwitch}`,
      `renderer heap after forced GC: ${f1(u.heapBefore.usedMb)} MB after warm-up → ${f1(u.heapAfter.usedMb)} MB at the end (overview; ${f1(u.heapEndLine.usedMb)} MB on the line detail); DOM nodes ${f0(u.heapBefore.nodes)} → ${f0(u.heapAfter.nodes)}`,
      u.pageErrors.length ? `page errors (${u.pageErrors.length}): ${[...new Set(u.pageErrors)].slice(0, 5).join(' | ')}` : 'page errors: none',
      `load average (1 min): ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
      '',
    ].join('\n'),
  );
  process.stdout.write(
    JSON.stringify({
      bench: 'ui-large-site',
      plant,
      line: u.line,
      recordSeconds: RECORD_S,
      uiEventsPerSec: Math.round(u.rate),
      frameP50Ms: +u.all.p50.toFixed(1),
      frameP99Ms: +u.all.p99.toFixed(1),
      frameP99OverviewMs: +u.overview.p99.toFixed(1),
      longTasks: u.longtaskSupported ? u.all.longTasks : null,
      longTasksOverview: u.longtaskSupported ? u.overview.longTasks : null,
      heapAfterWarmupMb: +u.heapBefore.usedMb.toFixed(1),
      heapEndMb: +u.heapAfter.usedMb.toFixed(1),
      pageErrors: u.pageErrors.length,
      chromium: u.chromium,
    }) + '\n',
  );
}

/** The views pass: long tasks when opening the console and each view, on a paused session with data. */
async function viewsOpen(): Promise<void> {
  const { file, plant } = writeScenario();
  server = await startServe(['--scenario', file, '--journal', join(dir, 'views.db')]);
  browser = await launchBrowser();
  const rows = await viewsPass(browser, server.url, log);
  await Promise.all([browser.close(), server.stop()]);
  browser = undefined;
  server = undefined;
  rmJournal(join(dir, 'views.db'));
  // rows with the inspector on or the browser still starting are printed, not judged: no user opening the console has either (ui/open-fresh.ts)
  const worst = Math.max(...rows.filter((r) => !r.unjudged).map((r) => r.longestMs));
  process.stdout.write(
    [
      '',
      `views pass — ${BASE} on every line of "${plant}", played 4 s at max speed then paused; the console opened in fresh browsers, each once it had settled after its start, then each view in one page (target: no long task over 50 ms)`,
      table([['opening', 'long tasks > 50 ms', 'longest ms', 'long-task ms', 'the longest was'], ...rows.map((r) => [r.view, String(r.longTasks), f0(r.longestMs), f0(r.totalMs), r.cause ?? ''])]),
      `longest of all (rows with the inspector on or the browser still starting aside: no user has either): ${f0(worst)} ms — ${verdict(worst <= 50)}`,
      '',
    ].join('\n'),
  );
  process.stdout.write(JSON.stringify({ bench: 'ui-views', scenario: BASE, views: rows.map((r) => ({ ...r, longestMs: Math.round(r.longestMs), totalMs: Math.round(r.totalMs) })) }) + '\n');
}

try {
  const onlyViews = process.env.LINESIGHT_BENCH_UI_ONLY_VIEWS === '1';
  if (!onlyViews && process.env.LINESIGHT_BENCH_UI_ONLY_SITE !== '1') await main();
  if (!onlyViews && BASE !== 'large-site' && process.env.LINESIGHT_BENCH_UI_SITE !== '0') await sitePass();
  if (process.env.LINESIGHT_BENCH_UI_VIEWS !== '0' && process.env.LINESIGHT_BENCH_UI_ONLY_SITE !== '1') await viewsOpen();
} catch (err) {
  process.stderr.write(`bench:ui could not run: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
