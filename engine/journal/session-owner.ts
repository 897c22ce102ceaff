import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** The process that started a session (a `session_owners` row, migration 8). */
export type SessionOwner = {
  readonly host: string;
  readonly pid: number;
  /** what tells this process from a later one with the same pid (Linux: boot id and start time); null where unknown */
  readonly process: string | null;
};

/** Linux: the boot id and the start time (clock ticks since boot) of process `pid`; null elsewhere or when unreadable. */
function processStamp(pid: number | 'self'): string | null {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) is in parentheses and may hold spaces: count fields after its ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const started = fields[19]; // field 22 of stat(5), the 20th after the name
    return started === undefined ? null : `${boot}/${started}`;
  } catch {
    return null;
  }
}

let self: SessionOwner | undefined;

/** This process, as a session's owner (worker threads share their process's pid). */
export function thisProcess(): SessionOwner {
  self ??= { host: hostname(), pid: process.pid, process: processStamp('self') };
  return self;
}

/**
 * Whether the owner of an open session is gone: true when it ran on this host and its process no
 * longer exists (or its pid now names another process); false while it runs; null when this
 * process cannot tell (it ran on another host).
 */
export function ownerGone(owner: SessionOwner): boolean | null {
  const me = thisProcess();
  if (owner.host !== me.host) return null;
  if (owner.pid === me.pid) return owner.process !== null && me.process !== null && owner.process !== me.process;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    // EPERM: a process with that pid exists, under another user
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return true;
  }
  if (owner.process === null) return false;
  const now = processStamp(owner.pid);
  return now !== null && now !== owner.process;
}
