import { isIP } from 'node:net';

/**
 * Whether `host` names this machine's loopback interface only. `serve` binds nothing else yet:
 * serving beyond loopback needs authentication and TLS first (a later issue).
 */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  const v = isIP(host);
  if (v === 4) return host.startsWith('127.');
  if (v === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/** `host:port` as it goes in a URL (IPv6 in brackets). */
export function hostForUrl(host: string, port: number): string {
  return `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}
