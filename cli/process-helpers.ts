import { UsageError } from './errors.js';

/** Resolves on the first SIGINT or SIGTERM: how a long-running command (serve, broker) is told to stop. */
export function signalled(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const on = (sig: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      done(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** A TCP port from the command line (0 lets the system pick a free one). */
export function parsePort(text: string, flag = '--port'): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535) throw new UsageError(`${flag}: expected 0 … 65535, got "${text}"`);
  return n;
}
