// Child process of the crash harness (crash-harness.ts): the engine under load, to be killed.
// It opens the journal through the in-process API and, by its config's mode, either watches one
// broker under a fixed client id with a persistent session (the broker keeps what is unacknowledged
// for the next start) and, if asked, injects a test event now and then (journaled with an outbox
// row, then published); or runs a scenario at full speed publishing every event through the outbox
// of its own connection. It says `ready` on its IPC channel with its session id, and stops cleanly
// when told to; a SIGKILL can come at any moment. Run from dist/
// (`node dist/test/faults/crash-child.js '<json ChildConfig>'`).
import { createLocalApi } from '../../engine/index.js';
import { CONNECTION, INJECT_PREFIX, SIM_CONNECTION, SIM_SCENARIO, WATCH_FILTER, type ChildConfig, type ChildMessage, type ParentMessage } from './crash-protocol.js';

const draft = {
  type: 'mes.operation.confirmed',
  order: 'PO-CRASH-1',
  businesskey: 'US01-L2-PO-CRASH-1-0010',
  data: { order: 'PO-CRASH-1', operation: '0010', workCenter: 'WC-L2', goodQty: 1, scrapQty: 0, uom: 'EA', final: false },
} as const;

async function main(): Promise<void> {
  const cfg = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
  const send = (m: ChildMessage) => process.send?.(m);
  // the parent went away (its test failed or was killed): nobody will stop or kill this one
  process.on('disconnect', () => process.exit(0));
  const api = createLocalApi({ journalPath: cfg.journalPath });
  const info =
    cfg.mode === 'simulate'
      ? await api.commands['session.start']({
          scenario: SIM_SCENARIO,
          seed: cfg.simSeed,
          ...(cfg.simUntil === undefined ? {} : { until: cfg.simUntil }),
          speed: 'max',
          publish: { url: cfg.brokerUrl, name: SIM_CONNECTION, clientId: `${cfg.clientId}sim`, publish: { allow: ['linesight/v1/'] } },
        })
      : await api.commands['session.watch']({
          brokers: [
            {
              url: cfg.brokerUrl,
              name: CONNECTION,
              clientId: cfg.clientId,
              sessionExpirySeconds: 3600,
              receiveMaximum: cfg.receiveMaximum,
              subscriptions: [WATCH_FILTER],
              publish: { allow: [INJECT_PREFIX] },
            },
          ],
        });
  if (cfg.mode === 'simulate') {
    await api.commands['session.play']();
    const poll = setInterval(() => {
      void api.queries['session.status']().then((s) => {
        if (s.status !== 'finished') return;
        clearInterval(poll);
        send({ finished: true });
      }, () => undefined);
    }, 100);
  }
  let stopping = false;
  let injecting: Promise<unknown> = Promise.resolve();
  const timer =
    cfg.mode === 'watch' && cfg.injectEveryMs > 0
      ? setInterval(() => {
          if (stopping) return;
          // one at a time: an injection waits for its commit
          injecting = injecting.then(() => api.commands['operator.inject']({ event: draft, line: 'US01/L2', why: 'crash harness', who: 'harness' }).catch(() => undefined));
        }, cfg.injectEveryMs)
      : undefined;
  process.on('message', (m: ParentMessage) => {
    if (!m.stop || stopping) return;
    stopping = true;
    clearInterval(timer);
    void (async () => {
      await injecting;
      await api.close();
      send({ stopped: true });
      process.exit(0);
    })().catch((err: unknown) => {
      send({ failed: (err as Error).message });
      process.exit(3);
    });
  });
  send({ ready: info.session });
}

main().catch((err: unknown) => {
  process.send?.({ failed: (err as Error).stack ?? String(err) } satisfies ChildMessage);
  process.exit(3);
});
