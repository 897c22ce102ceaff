import { createHash } from 'node:crypto';
import { checkMappings } from '../session/watched-connection.js';
import type { Audit } from './audit.js';
import type { BrokerConfigs } from './broker-configs.js';
import type { Handlers } from './registry.js';
import type { Roles } from './roles.js';
import type { SessionHost } from './session-host.js';

/** The running watch's connections: forget one, and read, check and replace a connection's mappings file (recorded in the audit log). */
export function connectionsHandlers(host: SessionHost, brokers: BrokerConfigs, audit: Audit, roles: Roles): Handlers<'connections.forget' | 'mappings.save' | 'mappings.load' | 'mappings.check'> {
  return {
    async 'connections.forget'(args) {
      roles.require('operator', 'forgetting a connection');
      const s = host.current();
      // a session without connections refuses with the reason it declared
      await s.forget(String(args?.connection ?? ''));
      return host.infoOf(s);
    },
    'mappings.save': async (args) => {
      roles.require('engineer', 'changing mappings');
      const s = host.current();
      const m = s.mappingsOf(args.connection);
      // checked again as it is written: a link placed since the watch started must not redirect it
      if (m.path !== null) brokers.confineMappings(m.path);
      const text = String(args.text ?? '');
      const check = m.save(text);
      // a text with problems is not written: nothing changed
      if (check.ok) {
        const sha256 = createHash('sha256').update(text).digest('hex');
        await audit({ action: 'mappings.save', session: s.id, target: args.connection, details: { path: m.path, rules: check.rules, bytes: Buffer.byteLength(text), sha256 } });
      }
      return check;
    },
    'mappings.load': async (args) => ({ connection: args.connection, text: host.current().mappingsOf(args.connection).text() }),
    'mappings.check': async (args) => checkMappings(String(args?.text ?? ''), 'mappings'),
  };
}
