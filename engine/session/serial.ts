/**
 * One-at-a-time work: each call runs after the previous one settled, whether it succeeded or not,
 * and resolves with its own result. How a session keeps play, pause, step, seek and its ticks
 * from interleaving.
 */
export function serialQueue(): <T>(work: () => T | Promise<T>) => Promise<T> {
  let chain: Promise<void> = Promise.resolve();
  return <T>(work: () => T | Promise<T>): Promise<T> => {
    const run = chain.then(work);
    chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };
}
