import { claimClientId, defaultConfigDir, displayUrl, forgetBrokerSession, isBrokerUrl, loadConnections, stableClientId, type BrokerConfig } from '../../engine/index.js';
import { UsageError } from '../errors.js';
import { parseOptions } from '../parse-options.js';
import { resolvePasswords } from '../secrets.js';

export const FORGET_USAGE = `linesight forget (--connections FILE [NAME…] | --broker URL [--client-id ID])

  Ends the session a watched connection keeps on its broker: connects once under its client id
  with a clean start (MQTT 5: session expiry 0) and disconnects, so the broker drops the session
  and what it queued for it. For a connection you no longer watch from this PC.
  --connections FILE  the connections of this file (all, or those NAMEd); passwords as for serve
  --broker URL        one broker, under this installation's id for a --broker of that URL
  --client-id ID      the client id to end instead (a --broker watched with an id of its own)

  A connection another Linesight here is watching is refused: stop that watch first, or forget it
  from its Connections view. Exit codes: 0 ended · 2 bad input · 3 a broker could not be reached`;

/** `linesight forget`: returns the process exit code. */
export async function forgetCommand(argv: readonly string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    { connections: { type: 'string' }, broker: { type: 'string' }, 'client-id': { type: 'string' } } as const,
    FORGET_USAGE,
  );
  if ((values.connections === undefined) === (values.broker === undefined)) throw new UsageError(`forget needs --connections FILE or --broker URL (one of them)\n\n${FORGET_USAGE}`);
  if (values.broker !== undefined && positionals.length > 0) throw new UsageError(`names are for --connections; --broker takes none (got "${positionals[0]}")`);
  if (values.connections !== undefined && values['client-id'] !== undefined) throw new UsageError('--client-id goes with --broker; a connections file says clientId per connection');
  let configs: BrokerConfig[];
  if (values.broker !== undefined) {
    if (!isBrokerUrl(values.broker)) throw new UsageError(`--broker ${values.broker}: expected an mqtt://, mqtts://, ws:// or wss:// URL`);
    configs = [{ url: values.broker, ...(values['client-id'] === undefined ? {} : { clientId: values['client-id'] }) }];
  } else {
    const all = loadConnections(values.connections!);
    const unknown = positionals.filter((n) => !all.some((c) => c.name === n));
    if (unknown.length > 0) throw new UsageError(`no connection named ${unknown.join(', ')} in ${values.connections} (${all.map((c) => c.name).join(', ')})`);
    const chosen = positionals.length === 0 ? all : all.filter((c) => positionals.includes(c.name!));
    configs = await resolvePasswords(chosen);
  }
  const configDir = defaultConfigDir();
  let failed = 0;
  for (const cfg of configs) {
    const name = cfg.name ?? displayUrl(cfg.url);
    // the same id a watch of this connection uses (session.watch derives it the same way)
    const clientId = cfg.clientId ?? stableClientId(configDir, 'watch', name);
    const claim = claimClientId(configDir, clientId);
    if (!claim.ok) throw new UsageError(`${name}: ${claim.why}; stop that watch first, or forget the connection from its Connections view`);
    try {
      await forgetBrokerSession({ ...cfg, clientId });
      out.write(`${name}: ended the session of client id ${clientId} on ${displayUrl(cfg.url)}\n`);
    } catch (err) {
      failed++;
      process.stderr.write(`linesight: ${name}: ${(err as Error).message}\n`);
    } finally {
      claim.release();
    }
  }
  return failed === 0 ? 0 : 3;
}
