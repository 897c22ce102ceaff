import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../../engine/index.js';
import { topicOf } from '../../engine/sources/mqtt/ingest.js';
import { createSimulation } from '../../simulator/index.js';

/**
 * Event ids as the benchmarks send them: the simulator's (`013525ce-1`, `-2`, …, which a journal's
 * indexes take in order) or random UUIDs, as most plants send (which land anywhere in them).
 */
export type BenchIds = 'simulator' | 'uuid';

export function benchIds(name: string, value: string): BenchIds {
  if (value !== 'simulator' && value !== 'uuid') throw new Error(`${name}: expected uuid or simulator, got "${value}"`);
  return value;
}

/**
 * `n` canonical events of a baseline simulation as a plant publishes them (no `origin`: traffic
 * Linesight did not make), each with its topic. With `uuid` every event id is a random UUID and a
 * causation id the UUID of the event it names, so lineage holds.
 */
export function plantMessages(n: number, ids: BenchIds): { readonly topic: string; readonly json: string }[] {
  const sim = createSimulation(loadScenario('baseline', { until: '3650d' }));
  const uuids = new Map<string, string>();
  const uuidOf = (id: string) => uuids.get(id) ?? (uuids.set(id, randomUUID()), uuids.get(id)!);
  const out: { topic: string; json: string }[] = [];
  while (out.length < n && !sim.done) {
    const pulled = sim.pull(10_000);
    if (pulled.length === 0) break;
    for (const o of pulled) {
      if (o.kind !== 'event' || out.length >= n) continue;
      const { origin: _, ...original } = o.event;
      // the same keys in the same (sorted) order: only the values change
      const e = ids === 'uuid' ? { ...original, id: uuidOf(original.id), ...(original.causationid === undefined ? {} : { causationid: uuidOf(original.causationid) }) } : original;
      out.push({ topic: topicOf(o.event), json: JSON.stringify(e) });
    }
  }
  if (out.length < n) throw new Error(`the baseline simulation produced only ${out.length} events of ${n}`);
  return out;
}

/**
 * CPU seconds of this process's main thread (the engine's event loop) from /proc; null where there
 * is none. `process.cpuUsage()` counts every thread.
 */
export function mainThreadCpuS(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks (USER_HZ, 100 on Linux)
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
