import { checkMappings } from '../session/watched-connection.js';
import type { BrokerConfigs } from './broker-configs.js';
import type { Handlers } from './registry.js';
import type { SessionHost } from './session-host.js';

/** The running watch's connections: forget one, and read, check and replace a connection's mappings file. */
export function connectionsHandlers(host: SessionHost, brokers: BrokerConfigs): Handlers<'connections.forget' | 'mappings.save' | 'mappings.load' | 'mappings.check'> {
  return {
    async 'connections.forget'(args) {
      const s = host.current();
      // a session without connections refuses with the reason it declared
      await s.forget(String(args?.connection ?? ''));
      return host.infoOf(s);
    },
    'mappings.save': async (args) => {
      const m = host.current().mappingsOf(args.connection);
      // checked again as it is written: a link placed since the watch started must not redirect it
      if (m.path !== null) brokers.confineMappings(m.path);
      return m.save(String(args.text ?? ''));
    },
    'mappings.load': async (args) => ({ connection: args.connection, text: host.current().mappingsOf(args.connection).text() }),
    'mappings.check': async (args) => checkMappings(String(args?.text ?? ''), 'mappings'),
  };
}
