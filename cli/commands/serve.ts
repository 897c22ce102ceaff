import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBrokerUrl, isLoopbackAddress, loadConnections, loadRules, loadScenario, startEngineWorker, type BrokerConfig, type EmbeddedBrokerInfo } from '../../engine/index.js';
import { resolvePasswords } from '../secrets.js';
import { UsageError } from '../errors.js';
import { journalNotices } from '../journal-notices.js';
import { parsePort, signalled } from '../process-helpers.js';
import { parseOptions } from '../parse-options.js';
import { ALLOW_NETWORK_JOURNAL, ALLOW_NETWORK_JOURNAL_USAGE, checkJournalForWriting } from '../journal-option.js';
import type { JournalHealth, SessionInfo } from '../../engine/index.js';
import { replacedJournalNotice } from '../../engine/journal/journal-checks.js';
import { EXPORTS_PATH, withExports } from '../serve/export-files.js';
import { hostAllowed, refuseHost } from '../serve/host-check.js';
import { hostForUrl } from '../serve/loopback.js';
import { createStaticHandler } from '../serve/static-files.js';
import { attachApiEndpoint } from '../serve/ws-endpoint.js';

export const SERVE_USAGE = `linesight serve [--port 4780] [--scenario ID|FILE | --broker URL… | --connections FILE] [--rules FILE] [--journal FILE] [--host 127.0.0.1]
                [--inspector-messages 20] [--inspector-mib 32]

  Serves the console UI to a browser on this machine; the engine runs on a worker thread.
  Event exports are written to exports/ beside the journal and offered as downloads.
  --port N            TCP port (default 4780; 0 picks a free one)
  --scenario ID|FILE  start a session with this scenario at startup, paused at its start
  --broker URL        watch this MQTT broker instead (mqtt://, mqtts://, ws://, wss://; repeatable):
                      its traffic is journaled and monitored live, subscribe-only
  --topic FILTER      what to subscribe to on every --broker (repeatable; default linesight/v1/#)
  --publish PREFIX    let test events be injected into every --broker under this topic prefix
                      (repeatable; without it a broker is subscribe-only), e.g. linesight/v1/US01/L9/;
                      with --scenario and one --broker: the simulation publishes its conversation
                      there (topics under PREFIX), for middleware or an MES under test
  --embedded-broker PORT
                      run Linesight's own MQTT broker on 127.0.0.1:PORT (0 picks a free one) for a
                      line's gateway to connect to with no plant network, and watch it
  --connections FILE  watch the brokers of a connections file (YAML or JSON: TLS, MQTT version,
                      subscriptions, publish allowlist, mappings — everything but passwords, which
                      come from LINESIGHT_PASSWORD_<NAME> or a prompt); see docs/connected.md
  --rules FILE        integration contract rules of your own (YAML or JSON, see docs/checks.md), checked
                      live in every session with the bundled ones (unless the file says defaults: false)
  --inspector-messages N
                      a watch's topic inspector keeps the last N messages of each topic (default 20)
  --inspector-mib M   and at most M MiB in all, least recently seen topics evicted first (default 32)
  --journal FILE      SQLite journal sessions are appended to (default ./linesight.db)
  --host ADDRESS      loopback address to bind (default 127.0.0.1; other interfaces are refused)
${ALLOW_NETWORK_JOURNAL_USAGE}

  Stop with Ctrl-C. Exit codes: 0 stopped · 2 bad input · 3 failed to start`;

/**
 * The built renderer: dist/cli/commands/serve.js → dist/renderer. From sources (vitest) the
 * compiled UI is used too, never the renderer/ sources.
 */
function rendererRoot(): string {
  const here = import.meta.url;
  return fileURLToPath(here.endsWith('.ts') ? new URL('../../dist/renderer/', here) : new URL('../../renderer/', here));
}

export type ServeOptions = {
  /** where to print the "serving on" line */
  readonly out?: NodeJS.WritableStream;
  /** resolves when the server should stop (default: SIGINT or SIGTERM) */
  readonly stopSignal?: Promise<unknown>;
};

/** `linesight serve`: runs until Ctrl-C / SIGTERM, then closes the worker and journal; returns the exit code. */
export async function serveCommand(argv: readonly string[], opts: ServeOptions = {}): Promise<number> {
  const { values, positionals } = parseCli(argv);
  if (positionals.length > 0) throw new UsageError(`serve takes no positional arguments (got "${positionals[0]}")\n\n${SERVE_USAGE}`);
  const host = values.host ?? '127.0.0.1';
  if (!isLoopbackAddress(host)) {
    throw new UsageError(`--host ${host}: only loopback addresses (127.0.0.1, ::1, localhost) are served; binding beyond loopback is not supported yet`);
  }
  const port = parsePort(values.port ?? '4780');
  // Check the scenario here so a typo is a usage error (exit 2) with file/line, not a failed start.
  if (values.scenario !== undefined) loadScenario(values.scenario);
  // and the rules file: a mistake is named file:line:col now, not when the first session starts
  if (values.rules !== undefined) loadRules(values.rules);
  const rulesFile = values.rules === undefined ? undefined : resolve(values.rules);
  const inspector = inspectorBounds(values['inspector-messages'], values['inspector-mib']);
  const embeddedPort = values['embedded-broker'] === undefined ? undefined : parsePort(values['embedded-broker'], '--embedded-broker');
  const brokers = values.broker ?? [];
  const watching = brokers.length > 0 || values.connections !== undefined || embeddedPort !== undefined;
  // a scenario with one --broker and --publish publishes the simulation there; otherwise simulate, or watch
  const publishSim = values.scenario !== undefined && brokers.length === 1 && values.publish !== undefined && values.connections === undefined && embeddedPort === undefined;
  if (watching && values.scenario !== undefined && !publishSim) {
    throw new UsageError(
      `--scenario excludes --embedded-broker and --connections, and takes one --broker only to publish the simulation to it (with --publish)\n\n${SERVE_USAGE}`,
    );
  }
  const flagged = brokers.length > 0 || embeddedPort !== undefined;
  if (values.topic !== undefined && !flagged) throw new UsageError(`--topic needs --broker or --embedded-broker\n\n${SERVE_USAGE}`);
  if (values.publish !== undefined && !flagged) {
    throw new UsageError(`--publish needs --broker or --embedded-broker (a connections file says it per connection)\n\n${SERVE_USAGE}`);
  }
  for (const url of brokers) {
    if (!isBrokerUrl(url)) throw new UsageError(`--broker ${url}: expected an mqtt://, mqtts://, ws:// or wss:// URL`);
  }
  for (const prefix of values.publish ?? []) {
    if (prefix === '' || /[+#]/.test(prefix)) throw new UsageError(`--publish ${prefix}: expected a topic prefix without wildcards, e.g. linesight/v1/US01/L9/`);
  }
  // a connections file is checked (and its passwords asked for) before anything starts
  const flagConfig = (url: string, name?: string): BrokerConfig => ({
    url,
    ...(name === undefined ? {} : { name }),
    ...(values.topic ? { subscriptions: values.topic } : {}),
    ...(values.publish ? { publish: { allow: values.publish } } : {}),
  });
  const configs: BrokerConfig[] = [
    ...brokers.map((url) => flagConfig(url)),
    ...(values.connections === undefined ? [] : await resolvePasswords(loadConnections(values.connections))),
  ];
  const journalPath = resolve(values.journal ?? 'linesight.db');
  // a read-only folder or a network share is refused before anything starts
  checkJournalForWriting(journalPath, values['allow-network-journal']);
  const out = opts.out ?? process.stdout;

  // Listen for Ctrl-C / SIGTERM before anything is announced: whoever reads the URL line may signal
  // at once (a launcher, a test), and a signal during startup still ends in a clean shutdown.
  const stop = opts.stopSignal ?? signalled();
  // Exports go beside the journal, and this server hands them out as downloads under /exports/.
  const exportDir = join(dirname(journalPath), 'exports');
  // mappings files named in a connections file may be anywhere; any other path from the API may not
  const trustedPaths = configs.flatMap((c) => (c.mappings === undefined ? [] : [c.mappings]));
  const engine = await startEngineWorker({ journalPath, exportDir, exportBaseUrl: EXPORTS_PATH, trustedPaths, ...(rulesFile === undefined ? {} : { rulesFile }), ...(inspector === undefined ? {} : { inspector }) });
  // a watch whose journal refuses writes says so here too ("journal unavailable: …"), whoever started it
  engine.onFrame(journalNotices(out));
  let server: Server | undefined;
  let api: { close(): void } | undefined;
  let opened: JournalHealth | undefined;
  try {
    // the engine checked the journal before using it: a damaged one was set aside for a new one beside it
    opened = ((await engine.call('query', 'session.status', undefined)) as SessionInfo).journal;
    const replaced = opened === undefined ? null : replacedJournalNotice(opened);
    if (replaced !== null) out.write(`${replaced}\n`);
    if (values.scenario !== undefined) {
      const scenario = existsSync(values.scenario) ? resolve(values.scenario) : values.scenario;
      await engine.call('command', 'session.start', { scenario, ...(publishSim ? { publish: configs[0] } : {}) });
    }
    if (embeddedPort !== undefined) {
      const b = (await engine.call('command', 'broker.start', { port: embeddedPort })) as EmbeddedBrokerInfo;
      out.write(`Linesight's broker is listening on ${b.url} (for the line's gateway)\n`);
      // aedes speaks MQTT 3.1.1
      configs.push({ ...flagConfig(b.url, 'embedded'), protocolVersion: 4 });
    }
    if (configs.length > 0 && !publishSim) await engine.call('command', 'session.watch', { brokers: configs });
    const files = withExports(exportDir, createStaticHandler(rendererRoot()));
    server = createServer((req, res) => (hostAllowed(req) ? files(req, res) : refuseHost(res)));
    api = attachApiEndpoint(server, engine);
    const bound = await listen(server, port, host);
    out.write(`Linesight is serving on http://${hostForUrl(host, bound)} (journal ${opened?.path ?? journalPath})\n`);
  } catch (err) {
    api?.close();
    server?.close();
    await engine.close();
    throw err;
  }

  await stop;
  api.close();
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
  await engine.close();
  return 0;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((done, fail) => {
    const onError = (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') fail(new UsageError(`port ${port} on ${host} is in use; pick another with --port (0 picks a free one)`));
      else if (err.code === 'EADDRNOTAVAIL') fail(new UsageError(`--host ${host}: no such address on this machine`));
      else fail(err);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const addr = server.address();
      done(typeof addr === 'object' && addr !== null ? addr.port : port);
    });
  });
}

/** `--inspector-messages` and `--inspector-mib` as the inspector's bounds; a usage error for anything but a whole number from 1. */
function inspectorBounds(messages: string | undefined, mib: string | undefined): { perTopic?: number; maxBytes?: number } | undefined {
  const whole = (v: string, flag: string, max: number): number => {
    const n = Number(v);
    if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < 1 || n > max) throw new UsageError(`${flag} ${v}: expected a whole number from 1 to ${max}\n\n${SERVE_USAGE}`);
    return n;
  };
  if (messages === undefined && mib === undefined) return undefined;
  return {
    ...(messages === undefined ? {} : { perTopic: whole(messages, '--inspector-messages', 10_000) }),
    ...(mib === undefined ? {} : { maxBytes: whole(mib, '--inspector-mib', 4096) * 1024 * 1024 }),
  };
}

function parseCli(argv: readonly string[]) {
  return parseOptions(argv, {
    port: { type: 'string' },
    scenario: { type: 'string' },
    journal: { type: 'string' },
    host: { type: 'string' },
    broker: { type: 'string', multiple: true },
    topic: { type: 'string', multiple: true },
    publish: { type: 'string', multiple: true },
    connections: { type: 'string' },
    rules: { type: 'string' },
    'embedded-broker': { type: 'string' },
    'inspector-messages': { type: 'string' },
    'inspector-mib': { type: 'string' },
    ...ALLOW_NETWORK_JOURNAL,
  } as const, SERVE_USAGE);
}
