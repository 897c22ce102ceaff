import type { EmbeddedBrokerInfo } from '../contract/index.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../sources/broker/embedded-broker.js';
import type { Handlers } from './registry.js';
import type { Roles } from './roles.js';

/** The host's embedded broker while it runs, and whether its clients must log in. */
export type EmbeddedSlot = { current: { readonly broker: EmbeddedBroker; readonly auth: boolean } | undefined };

/** The embedded MQTT broker: start it for a line's gateway, stop it, and what it is doing. */
export function brokerHandlers(embedded: EmbeddedSlot, roles: Roles): Handlers<'broker.start' | 'broker.stop' | 'broker.status'> {
  return {
    async 'broker.start'(args) {
      roles.require('operator', 'starting the embedded broker');
      if (embedded.current) throw new Error(`the embedded broker is already running on ${embedded.current.broker.url}: stop it first`);
      const b = await startEmbeddedBroker({
        ...(args?.port === undefined ? {} : { port: args.port }),
        ...(args?.host === undefined ? {} : { host: args.host }),
        ...(args?.username === undefined ? {} : { username: args.username }),
        ...(args?.password === undefined ? {} : { password: args.password }),
      });
      embedded.current = { broker: b, auth: args?.username !== undefined };
      return brokerInfo(embedded.current);
    },
    async 'broker.stop'() {
      roles.require('operator', 'stopping the embedded broker');
      const b = embedded.current;
      embedded.current = undefined;
      await b?.broker.close();
      return null;
    },
    'broker.status': async () => (embedded.current ? brokerInfo(embedded.current) : null),
  };
}

async function brokerInfo(e: { readonly broker: EmbeddedBroker; readonly auth: boolean }): Promise<EmbeddedBrokerInfo> {
  return { ...(await e.broker.status()), url: e.broker.url, host: e.broker.host, port: e.broker.port, auth: e.auth };
}
