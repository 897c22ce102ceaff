import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import mqtt from 'mqtt';
import { describe, expect, it } from 'vitest';
import { brokerCommand } from '../../cli/commands/broker.js';
import { UsageError } from '../../cli/errors.js';
import { waitFor } from '../engine/session/fake-clock.js';

/** `linesight broker` as a user runs it: the compiled bin in its own process (run `npm run build` first). */
const bin = join(import.meta.dirname, '..', '..', 'bin', 'linesight.js');
const PASSWORD = 'not-in-ps-0f3a';

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [bin, 'broker', ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, LINESIGHT_BROKER_PASSWORD: '', ...env } });
}

/** Start `linesight broker`, wait for its URL line; returns the process, the URL and what it printed. */
async function startBin(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [bin, 'broker', ...args], { env: { ...process.env, LINESIGHT_BROKER_PASSWORD: '', ...env } });
  const output = { out: '', err: '' };
  child.stdout.on('data', (d: Buffer) => (output.out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output.err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await waitFor(() => output.out.includes('\n') || child.exitCode !== null, 20_000);
  const m = /^Linesight broker listening on (mqtt:\/\/127\.0\.0\.1:(\d+))/.exec(output.out);
  expect(m, `${output.out}${output.err}`).not.toBeNull();
  return { child, url: m![1]!, port: Number(m![2]), output, exited };
}

describe('linesight broker', () => {
  it('prints its usage for --help, naming the password variable and no password flag', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^linesight broker \[--port 1883\] \[--host 127\.0\.0\.1\] \[--username NAME\]/);
    expect(r.stdout).toContain('LINESIGHT_BROKER_PASSWORD');
    expect(r.stdout).not.toMatch(/--password/);
  });

  it('refuses a host beyond loopback without a login, and half a login, with exit 2 and one line', () => {
    const open = run(['--host', '0.0.0.0', '--port', '0']);
    expect(open.status).toBe(2);
    expect(open.stdout).toBe('');
    expect(open.stderr.trim()).toBe('linesight: --host 0.0.0.0 needs --username and LINESIGHT_BROKER_PASSWORD: a broker beyond loopback must not be open');
    const noPassword = run(['--username', 'gw', '--port', '0']);
    expect(noPassword.status).toBe(2);
    expect(noPassword.stderr).toMatch(/--username needs the password in LINESIGHT_BROKER_PASSWORD/);
    expect(run(['--port', 'x']).status).toBe(2);
    expect(run(['--password', 'p']).status).toBe(2);
  });

  it('listens on the port it prints, carries messages, and exits 0 on SIGTERM', async () => {
    const { child, url, exited } = await startBin(['--port', '0']);
    try {
      const sub = await mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0 });
      await sub.subscribeAsync('linesight/#', { qos: 1 });
      const got = new Promise<string>((resolve) => sub.once('message', (_t, p) => resolve(p.toString())));
      const gw = await mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0 });
      await gw.publishAsync('linesight/v1/US01/L2/mes/x', 'hello', { qos: 1 });
      expect(await got).toBe('hello');
      await Promise.all([sub.endAsync(), gw.endAsync()]);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('with --username requires that login, never prints the password, and a busy port is exit 2', async () => {
    const { child, url, port, output, exited } = await startBin(['--port', '0', '--username', 'gw'], { LINESIGHT_BROKER_PASSWORD: PASSWORD });
    try {
      expect(output.out).toContain('login required, user gw');
      await expect(mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0 })).rejects.toThrow(/bad username or password/i);
      const ok = await mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0, username: 'gw', password: PASSWORD });
      await ok.endAsync();
      const busy = run(['--port', String(port)]);
      expect(busy.status).toBe(2);
      expect(busy.stderr.trim()).toBe(`linesight: port ${port} on 127.0.0.1 is in use; pick another`);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(output.out + output.err).not.toContain(PASSWORD);
  });

  it('in process: announces a free port and stops on the stop signal', async () => {
    const out = new PassThrough();
    let printed = '';
    out.on('data', (d: Buffer) => (printed += d.toString()));
    let stop!: () => void;
    const stopSignal = new Promise<void>((resolve) => (stop = resolve));
    const done = brokerCommand(['--port', '0'], { out, stopSignal, env: {} });
    await waitFor(() => printed.includes('\n'), 20_000);
    expect(printed).toMatch(/^Linesight broker listening on mqtt:\/\/127\.0\.0\.1:\d+\n$/);
    stop();
    expect(await done).toBe(0);
    await expect(brokerCommand(['--host', '10.0.0.1'], { env: {} })).rejects.toThrow(UsageError);
  });
});
