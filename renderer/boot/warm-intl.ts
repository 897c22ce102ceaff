/**
 * Loads ICU's data off the main thread as the console starts (intl-warm.worker.ts), so that its
 * first render does not: bench:ui measured the page's first number format at 30–70 ms of the main
 * thread otherwise, a long task by itself. Imported first by main.tsx, so the worker starts before
 * react-dom is evaluated. Best effort: where workers cannot start, the first format pays as before.
 */
try {
  const worker = new Worker(new URL('./intl-warm.worker.ts', import.meta.url), { type: 'module', name: 'intl-warm' });
  const stop = (): void => worker.terminate();
  worker.addEventListener('message', stop);
  worker.addEventListener('error', stop);
} catch {
  // no worker here: nothing to warm
}
