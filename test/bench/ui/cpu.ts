/**
 * Where the machine's CPU went during a measuring window (Linux /proc; elsewhere `null`): the
 * benchmark's own process, `linesight serve` (engine worker, journal writer, WebSocket), Chromium
 * (every process the benchmark's browser launched), and everything else on the machine. On a shared
 * machine the last one explains most of the run-to-run spread.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const HZ = 100; // USER_HZ: clock ticks per second in /proc on Linux

export type CpuSnapshot = { readonly at: number; readonly busy: number; readonly perPid: ReadonlyMap<number, { ppid: number; ticks: number }> };
export type CpuSplit = { readonly wallS: number; readonly bench: number; readonly serve: number; readonly chromium: number; readonly other: number; readonly idle: number };

export const cpuAccounting = (): boolean => existsSync('/proc/stat');

function busyTicks(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line;
  return user + nice + system + irq + softirq + steal;
}

export function cpuSnapshot(): CpuSnapshot | null {
  if (!cpuAccounting()) return null;
  const perPid = new Map<number, { ppid: number; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields after "(comm) ": state ppid … utime(12th) stime(13th) counting state as 1st
      perPid.set(Number(name), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      /* gone */
    }
  }
  return { at: performance.now(), busy: busyTicks(), perPid };
}

/** CPU-seconds per wall second (1 = one core busy) between two snapshots, by owner. */
export function cpuSplit(a: CpuSnapshot | null, b: CpuSnapshot | null, servePid: number | undefined, cores: number): CpuSplit | null {
  if (!a || !b) return null;
  const wallS = (b.at - a.at) / 1000;
  const owner = (pid: number): 'bench' | 'serve' | 'chromium' | 'other' => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
      if (p === servePid) return 'serve';
      if (p === process.pid) return pid === process.pid ? 'bench' : 'chromium';
      p = b.perPid.get(p)?.ppid ?? a.perPid.get(p)?.ppid ?? 0;
    }
    return 'other';
  };
  const sums = { bench: 0, serve: 0, chromium: 0 };
  for (const [pid, v] of b.perPid) {
    const o = owner(pid);
    if (o === 'other') continue;
    sums[o] += v.ticks - (a.perPid.get(pid)?.ticks ?? 0);
  }
  const busy = b.busy - a.busy;
  const ours = sums.bench + sums.serve + sums.chromium;
  const per = (ticks: number) => ticks / HZ / wallS;
  return {
    wallS,
    bench: per(sums.bench),
    serve: per(sums.serve),
    chromium: per(sums.chromium),
    other: Math.max(0, per(busy - ours)),
    idle: Math.max(0, cores - per(busy)),
  };
}
