import { describe, expect, it } from 'vitest';
import { EmbeddedBrokerError, isLoopbackAddress } from '../../../../engine/index.js';
import { settle } from '../../../../engine/sources/broker/broker-options.js';

describe('embedded broker options', () => {
  it('default to loopback port 1883, no login, 256 KiB messages', () => {
    expect(settle({})).toMatchObject({ host: '127.0.0.1', port: 1883, credentials: undefined, maxMessageBytes: 256 * 1024 });
  });

  it('refuse a host beyond loopback without a username and password', () => {
    for (const host of ['0.0.0.0', '192.168.1.20', '::']) {
      expect(() => settle({ host })).toThrow(/must not be open/);
    }
    expect(settle({ host: '0.0.0.0', username: 'gw', password: 'pw' }).credentials).toEqual({ username: 'gw', password: 'pw' });
  });

  it('refuse half a login, and never put the password in the message', () => {
    const err = (() => {
      try {
        settle({ password: 'hunter2' });
      } catch (e) {
        return e as EmbeddedBrokerError;
      }
    })();
    expect(err).toBeInstanceOf(EmbeddedBrokerError);
    expect(err?.code).toBe('options');
    expect(err?.message).not.toContain('hunter2');
    expect(() => settle({ username: 'gw' })).toThrow(/without a password/);
  });

  it('know loopback when they see it', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost'].every(isLoopbackAddress)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', 'example.com'].some(isLoopbackAddress)).toBe(false);
  });
});
