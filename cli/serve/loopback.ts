import { isIP } from 'node:net';

/** `host:port` as it goes in a URL (IPv6 in brackets). */
export function hostForUrl(host: string, port: number): string {
  return `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}
