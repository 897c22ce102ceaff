/**
 * A fake of Electron's `utilityProcess` for tests under Node: `fork` starts the script in a real Node
 * child (child_process.fork) with parent-port-shim.mjs giving it `process.parentPort`, and answers an
 * object shaped like Electron's `UtilityProcess` (postMessage, kill, pid, `message` / `exit` events).
 * Like Electron's on POSIX, `exit` carries the exit code, or the number of the signal that ended the child.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { constants } from 'node:os';
import type { ForkOptions } from 'electron';

const SHIM = new URL('./parent-port-shim.mjs', import.meta.url).href;

export class FakeUtilityChild extends EventEmitter {
  readonly child: ChildProcess;
  /** what was sent to the child, in order */
  readonly sent: unknown[] = [];
  /** the child's stderr so far (its crash reports) */
  stderr = '';
  /** resolves with the exit code once the child is gone */
  readonly exited: Promise<number>;

  constructor(
    readonly modulePath: string,
    readonly args: readonly string[],
    readonly options: ForkOptions | undefined,
  ) {
    super();
    this.child = fork(modulePath, [...args], {
      execArgv: ['--import', SHIM],
      serialization: 'advanced', // structured clone, as Electron's postMessage
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      env: (options?.env as NodeJS.ProcessEnv | undefined) ?? process.env,
    });
    this.child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.child.on('message', (m) => this.emit('message', m));
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        const exitCode = code ?? (signal ? constants.signals[signal] : 0);
        this.emit('exit', exitCode);
        resolve(exitCode);
      }),
    );
  }

  get pid(): number | undefined {
    return this.child.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  postMessage(message: unknown): void {
    this.sent.push(message);
    if (this.child.connected) this.child.send(message as never);
  }

  kill(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null && this.child.kill('SIGTERM');
  }
}

/** A fake `utilityProcess` whose children are real Node processes; `children` lists them, oldest first. */
export function fakeUtilityProcess() {
  const children: FakeUtilityChild[] = [];
  return {
    children,
    fork(modulePath: string, args: string[] = [], options?: ForkOptions): FakeUtilityChild {
      const child = new FakeUtilityChild(modulePath, args, options);
      children.push(child);
      return child;
    },
    /** end every child still running (test clean-up) */
    async killAll(): Promise<void> {
      for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
      await Promise.all(children.map((c) => c.exited));
    },
  };
}
