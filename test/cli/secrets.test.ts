import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../cli/errors.js';
import { promptHidden, resolvePasswords } from '../../cli/secrets.js';
import type { BrokerConfig } from '../../engine/index.js';

const edge: BrokerConfig = { name: 'line9-edge', url: 'mqtts://10.1.9.20:8883', username: 'commissioning' };
const anonymous: BrokerConfig = { name: 'lab', url: 'mqtt://localhost:1883' };

describe('resolvePasswords', () => {
  it('takes the password from LINESIGHT_PASSWORD_<NAME> without asking', async () => {
    const prompt = vi.fn(() => Promise.resolve('typed'));
    const out = await resolvePasswords([edge, anonymous], { env: { LINESIGHT_PASSWORD_LINE9_EDGE: 'from-env' }, prompt });
    expect(out).toEqual([{ ...edge, password: 'from-env' }, anonymous]);
    expect(prompt).not.toHaveBeenCalled();
  });

  it('asks on the terminal when the variable is not set, naming the connection and user', async () => {
    const prompt = vi.fn(() => Promise.resolve('typed'));
    const out = await resolvePasswords([edge], { env: {}, prompt });
    expect(prompt).toHaveBeenCalledWith('Password for line9-edge (user commissioning): ');
    expect(out[0]!.password).toBe('typed');
  });

  it('asks nothing for connections without a user name or with a password already', async () => {
    const prompt = vi.fn(() => Promise.resolve('typed'));
    const given = { ...edge, password: 'given' };
    expect(await resolvePasswords([anonymous, given], { env: {}, prompt })).toEqual([anonymous, given]);
    expect(prompt).not.toHaveBeenCalled();
  });

  it('without a terminal, fails naming the variable to set, and shows no password', async () => {
    const other = { name: 'mes', url: 'mqtt://mes', username: 'u' };
    const run = resolvePasswords([other, edge], { env: { LINESIGHT_PASSWORD_MES: 'mes-secret' }, prompt: null });
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow('no password for "line9-edge" (user commissioning): set LINESIGHT_PASSWORD_LINE9_EDGE, or run in a terminal to be asked');
    await run.catch((err: Error) => expect(err.message).not.toContain('mes-secret'));
  });

  it('asks one connection at a time', async () => {
    let open = 0;
    const prompt = vi.fn(async () => {
      expect(++open).toBe(1);
      await new Promise((r) => setTimeout(r, 5));
      open--;
      return 'p';
    });
    const b = { ...edge, name: 'b' };
    await resolvePasswords([edge, b], { env: {}, prompt });
    expect(prompt).toHaveBeenCalledTimes(2);
  });
});

describe('promptHidden', () => {
  function streams() {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (c: Buffer) => (shown += c.toString()));
    return { input, output, shown: () => shown };
  }

  it('shows the question, never what is typed, and answers the line', async () => {
    const s = streams();
    const answer = promptHidden('Password for line9-edge (user commissioning): ', s);
    s.input.write('hunter2\n');
    await expect(answer).resolves.toBe('hunter2');
    expect(s.shown()).toBe('Password for line9-edge (user commissioning): \n');
  });

  it('rejects when input ends without an answer', async () => {
    const s = streams();
    const answer = promptHidden('Password: ', s);
    s.input.end();
    await expect(answer).rejects.toThrow('no password given');
  });
});
