import { join } from 'node:path';
import type { BrokerConfig } from '../contract/index.js';
import { confinePath, type PathPolicy } from '../host/confine-path.js';
import { displayUrl, isBrokerUrl } from '../sources/mqtt/broker-connection.js';
import { claimClientId, stableClientId, type ClientIdClaim, type ClientRole } from '../sources/mqtt/client-identity.js';
import { lineProblem } from '../sources/mqtt/connection-fields.js';

/** Broker connections arriving over the API: checked, given this installation's client ids, their mappings files confined. */
export type BrokerConfigs = {
  /** a connection without a configured client id gets this installation's stable one for it */
  withClientId(b: BrokerConfig, role: ClientRole): BrokerConfig;
  /** claim a client id on this machine for as long as a connection uses it */
  readonly claim: (clientId: string) => ClientIdClaim;
  /** a mappings file named over the API must lie in the config directory's `mappings/` folder (or be trusted) */
  confineMappings(path: string): string;
};

export function brokerConfigs(configDir: string, trustedPaths: readonly string[] | undefined): BrokerConfigs {
  const mappingsPolicy: PathPolicy = { folder: join(configDir, 'mappings'), trusted: trustedPaths ?? [] };
  return {
    withClientId: (b, role) => (b.clientId !== undefined ? b : { ...b, clientId: stableClientId(configDir, role, b.name ?? displayUrl(b.url)) }),
    claim: (clientId) => claimClientId(configDir, clientId),
    confineMappings: (path) => confinePath(path, mappingsPolicy),
  };
}

/** Check `session.watch`'s brokers at the boundary: a clear message for each mistake. */
export function checkBrokers(brokers: unknown): readonly BrokerConfig[] {
  if (!Array.isArray(brokers) || brokers.length === 0) throw new Error('session.watch needs brokers: a list of at least one { url }');
  return brokers.map((b: unknown, i) => {
    const url = (b as { url?: unknown } | null)?.url;
    if (typeof url !== 'string' || !isBrokerUrl(url)) {
      throw new Error(`brokers[${i}].url must be an mqtt://, mqtts://, ws:// or wss:// URL, got ${JSON.stringify(url)}`);
    }
    const subs = (b as { subscriptions?: unknown }).subscriptions;
    if (subs !== undefined && (!Array.isArray(subs) || subs.some((s) => typeof s !== 'string' || s === ''))) {
      throw new Error(`brokers[${i}].subscriptions must be a list of topic filters`);
    }
    const allow = (b as { publish?: { allow?: unknown } }).publish?.allow;
    if ((b as { publish?: unknown }).publish !== undefined && (!Array.isArray(allow) || allow.length === 0 || allow.some((a) => typeof a !== 'string' || a === '' || /[+#]/.test(a)))) {
      throw new Error(`brokers[${i}].publish.allow must be a list of topic prefixes without wildcards, e.g. ["linesight/v1/US01/L9/"]`);
    }
    const lines = (b as { lines?: unknown }).lines;
    if (lines !== undefined && !Array.isArray(lines)) throw new Error(`brokers[${i}].lines must be a list of PLANT/LINE, e.g. ["US01/L1", "US01/L2"]`);
    (lines as unknown[] | undefined)?.forEach((line, j) => {
      const problem = lineProblem(line);
      if (problem) throw new Error(`brokers[${i}].lines[${j}]: ${problem}`);
    });
    return b as BrokerConfig;
  });
}
