import { EmbeddedBrokerError, isLoopbackAddress, startEmbeddedBroker } from '../../engine/index.js';
import { UsageError } from '../errors.js';
import { parsePort, signalled } from '../process-helpers.js';
import { parseOptions } from '../parse-options.js';

/** Never a flag: command lines show in `ps` to every user of the machine. */
export const BROKER_PASSWORD_ENV = 'LINESIGHT_BROKER_PASSWORD';

export const BROKER_USAGE = `linesight broker [--port 1883] [--host 127.0.0.1] [--username NAME]

  Runs an MQTT 3.1.1 broker on this machine, for commissioning a line with no plant network:
  point the line's gateway at it, and watch it with \`linesight serve --broker mqtt://127.0.0.1:1883\`.
  Sessions and queued messages live in memory only: they are gone when the broker stops.
  --port N            TCP port (default 1883; 0 picks a free one)
  --host ADDRESS      address to bind (default 127.0.0.1). Any other (e.g. 0.0.0.0, so a gateway
                      can reach it) needs --username and ${BROKER_PASSWORD_ENV}
  --username NAME     clients must log in as NAME with the password in ${BROKER_PASSWORD_ENV}

  Stop with Ctrl-C. Exit codes: 0 stopped · 2 bad input · 3 failed to start`;

export type BrokerCommandOptions = {
  /** where to print the "listening on" line */
  readonly out?: NodeJS.WritableStream;
  /** resolves when the broker should stop (default: SIGINT or SIGTERM) */
  readonly stopSignal?: Promise<unknown>;
  /** where the password is read from (default process.env) */
  readonly env?: NodeJS.ProcessEnv;
};

/** `linesight broker`: runs until Ctrl-C / SIGTERM, then disconnects clients and frees the port; returns the exit code. */
export async function brokerCommand(argv: readonly string[], opts: BrokerCommandOptions = {}): Promise<number> {
  const { values, positionals } = parseOptions(argv, { port: { type: 'string' }, host: { type: 'string' }, username: { type: 'string' } } as const, BROKER_USAGE);
  if (positionals.length > 0) throw new UsageError(`broker takes no positional arguments (got "${positionals[0]}")\n\n${BROKER_USAGE}`);
  const host = values.host ?? '127.0.0.1';
  const port = parsePort(values.port ?? '1883');
  const username = values.username;
  const password = (opts.env ?? process.env)[BROKER_PASSWORD_ENV] || undefined;
  if (username !== undefined && password === undefined) throw new UsageError(`--username needs the password in ${BROKER_PASSWORD_ENV}`);
  if (username === undefined && password !== undefined) throw new UsageError(`${BROKER_PASSWORD_ENV} is set but --username is not: give both, or neither`);
  if (!isLoopbackAddress(host) && username === undefined) {
    throw new UsageError(`--host ${host} needs --username and ${BROKER_PASSWORD_ENV}: a broker beyond loopback must not be open`);
  }
  const out = opts.out ?? process.stdout;

  // Listen for the signal before announcing: whoever reads the URL line may stop us at once.
  const stop = opts.stopSignal ?? signalled();
  let broker;
  try {
    broker = await startEmbeddedBroker({ host, port, ...(username !== undefined ? { username, password } : {}) });
  } catch (err) {
    // a taken port or a foreign address is the user's to fix (exit 2), like `serve`
    if (err instanceof EmbeddedBrokerError && err.code !== 'failed') throw new UsageError(err.message);
    throw err;
  }
  out.write(`Linesight broker listening on ${broker.url}${username !== undefined ? ` (login required, user ${username})` : ''}\n`);
  // a broker that dies under us is a failure (exit 3), not a reason to wait for Ctrl-C forever
  const died = await Promise.race([stop.then(() => undefined), broker.ended]);
  if (died) throw died;
  await broker.close();
  return 0;
}
