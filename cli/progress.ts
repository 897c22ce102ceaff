import { formatDuration, type RunProgress } from '../engine/index.js';

/**
 * A one-line progress bar on a terminal (stderr), redrawn in place; silent when stderr is not a
 * TTY so logs and pipes stay clean.
 */
export function createProgressBar(stream: NodeJS.WriteStream = process.stderr): {
  update(p: RunProgress): void;
  done(): void;
} {
  const enabled = stream.isTTY === true;
  let drawn = false;
  return {
    update(p) {
      if (!enabled) return;
      const width = 30;
      const ratio = Math.min(1, p.durationMs > 0 ? p.simulatedMs / p.durationMs : 1);
      const filled = Math.round(ratio * width);
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      const phase = p.draining ? 'draining work in flight' : `${formatDuration(p.simulatedMs)} of ${formatDuration(p.durationMs)}`;
      stream.write(`\r${bar} ${(ratio * 100).toFixed(0).padStart(3)}%  ${p.events.toLocaleString('en-US')} events  ${phase}\x1b[K`);
      drawn = true;
    },
    done() {
      if (enabled && drawn) stream.write('\r\x1b[K');
    },
  };
}
