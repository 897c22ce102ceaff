import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * A login check that takes the same time whatever the guess: both sides are hashed first so
 * `timingSafeEqual` compares equal lengths and the length of the secret does not leak either.
 */
export function createLoginCheck(username: string, password: string): (user: string | undefined, pass: Uint8Array | undefined) => boolean {
  const expectUser = digest(Buffer.from(username, 'utf8'));
  const expectPass = digest(Buffer.from(password, 'utf8'));
  return (user, pass) => {
    const userOk = timingSafeEqual(digest(Buffer.from(user ?? '', 'utf8')), expectUser);
    const passOk = timingSafeEqual(digest(pass ?? new Uint8Array(0)), expectPass);
    // both compared every time: no early return that would tell a right username from a wrong one
    return userOk && passOk && user !== undefined && pass !== undefined;
  };
}

function digest(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}
