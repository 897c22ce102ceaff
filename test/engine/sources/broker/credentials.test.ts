import { describe, expect, it } from 'vitest';
import { createLoginCheck } from '../../../../engine/sources/broker/credentials.js';

describe('the broker login check', () => {
  const check = createLoginCheck('gateway', 's3cret');

  it('accepts the configured username and password', () => {
    expect(check('gateway', Buffer.from('s3cret'))).toBe(true);
  });

  it('refuses a wrong password, a wrong username, a prefix of either, and a missing one', () => {
    expect(check('gateway', Buffer.from('s3cre'))).toBe(false);
    expect(check('gateway', Buffer.from('s3cret!'))).toBe(false);
    expect(check('gatewa', Buffer.from('s3cret'))).toBe(false);
    expect(check(undefined, Buffer.from('s3cret'))).toBe(false);
    expect(check('gateway', undefined)).toBe(false);
  });
});
