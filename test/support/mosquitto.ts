// Test harness: a real Mosquitto broker on 127.0.0.1, one per call, on a free port,
// with its own config and persistence directory (never the Debian service's).
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 5_000;

export interface MosquittoOptions {
  /** Per-client queue limit for QoS 1/2 messages above those in flight. Broker default 1000; 0 = no limit. */
  maxQueuedMessages?: number;
  /** Outgoing QoS 1/2 messages in flight per client. Broker default 20; 0 = no limit; 1 = strict order. */
  maxInflightMessages?: number;
  /** Keep sessions and queued messages across restart(). Default true. */
  persistence?: boolean;
  /** listen on this port (default a free one): a test can point a client at a broker that is not up yet */
  port?: number;
  /** TLS on the listener (PEM file paths); with `requireCertificate`, clients must present one signed by `cafile` */
  tls?: { cafile: string; certfile: string; keyfile: string; requireCertificate?: boolean };
}

export interface Broker {
  /** mqtt://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Temp directory holding mosquitto.conf and (with persistence) mosquitto.db. */
  dir: string;
  /** SIGTERM (SIGKILL after 5 s), wait for exit, remove the temp directory. */
  stop(): Promise<void>;
  /** Stop (saving the database), then start again on the same port with the same directory. */
  restart(): Promise<void>;
  /**
   * A crash: SIGKILL (nothing saved beyond the last autosave, every 1 s with persistence), wait
   * `downMs` (default 0), then start again on the same port with the same directory.
   */
  crash(downMs?: number): Promise<void>;
}

export function mosquittoBinary(): string {
  return process.env.LINESIGHT_MOSQUITTO || '/usr/sbin/mosquitto';
}

export function mosquittoAvailable(): boolean {
  try {
    accessSync(mosquittoBinary(), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Brokers still running; killed synchronously if the test process exits. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) {
      try {
        child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
  });
}

/** A loopback port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    const done = (ok: boolean) => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(500, () => done(false));
  });
}

function writeConfig(dir: string, port: number, opts: MosquittoOptions): string {
  const persistence = opts.persistence ?? true;
  const lines = [`listener ${port} ${HOST}`, 'allow_anonymous true'];
  if (opts.tls) {
    lines.push(`cafile ${opts.tls.cafile}`, `certfile ${opts.tls.certfile}`, `keyfile ${opts.tls.keyfile}`);
    if (opts.tls.requireCertificate) lines.push('require_certificate true');
  }
  if (persistence) {
    // The database is always written on SIGTERM/SIGINT (and on SIGUSR1); the periodic
    // autosave only narrows what a crash (SIGKILL) would lose.
    lines.push('persistence true', `persistence_location ${dir}/`, 'autosave_interval 1');
  } else {
    lines.push('persistence false');
  }
  if (opts.maxQueuedMessages !== undefined) lines.push(`max_queued_messages ${opts.maxQueuedMessages}`);
  if (opts.maxInflightMessages !== undefined) lines.push(`max_inflight_messages ${opts.maxInflightMessages}`);
  // Run as root (CI containers), mosquitto drops to the "mosquitto" user, which cannot
  // write our 0700 temp directory: it would start fine and then fail to save on exit,
  // silently losing every persistent session. Stay root instead.
  if (process.getuid?.() === 0) lines.push('user root');
  lines.push('log_dest stderr', 'log_type error', 'log_type warning');
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, lines.join('\n') + '\n');
  return conf;
}

interface Running {
  child: ChildProcess;
  exited: Promise<void>;
  readonly stderr: () => string;
}

async function launch(conf: string, port: number): Promise<Running> {
  installExitHook();
  const child = spawn(mosquittoBinary(), ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  live.add(child);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  let exitInfo: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = signal ? `signal ${signal}` : `code ${code}`;
      live.delete(child);
      resolve();
    });
  });
  let spawnError: Error | undefined;
  child.once('error', (err) => {
    spawnError = err;
    live.delete(child);
  });

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (spawnError) {
      throw new Error(`mosquitto: cannot run ${mosquittoBinary()}: ${spawnError.message} (apt-get install mosquitto)`);
    }
    if (exitInfo) throw new Error(`mosquitto exited (${exitInfo}) before listening on ${port}:\n${stderr}`);
    if (await canConnect(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`mosquitto did not listen on ${HOST}:${port} within ${START_TIMEOUT_MS} ms:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, exited, stderr: () => stderr };
}

async function terminate({ child, exited, stderr }: Running): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  }
  // Mosquitto still exits 0 when it cannot write its database; a restart would then come
  // back with no sessions, so make that loud.
  if (/Error saving in-memory database|Error: Permission denied/.test(stderr())) {
    throw new Error(`mosquitto could not save its persistence database:\n${stderr()}`);
  }
}

export async function startMosquitto(opts: MosquittoOptions = {}): Promise<Broker> {
  if (!mosquittoAvailable()) {
    throw new Error(`mosquitto not found at ${mosquittoBinary()}: apt-get install mosquitto (or set LINESIGHT_MOSQUITTO)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'linesight-mosquitto-'));
  const port = opts.port ?? (await freePort());
  const conf = writeConfig(dir, port, opts);
  let running: Running | undefined;
  try {
    running = await launch(conf, port);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  let stopped = false;
  return {
    url: `mqtt://${HOST}:${port}`,
    port,
    dir,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        if (running) await terminate(running);
      } finally {
        running = undefined;
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async restart() {
      if (stopped) throw new Error('mosquitto: restart() after stop()');
      if (running) await terminate(running);
      running = undefined;
      running = await launch(conf, port);
    },
    async crash(downMs = 0) {
      if (stopped) throw new Error('mosquitto: crash() after stop()');
      if (running) {
        running.child.kill('SIGKILL');
        await running.exited;
      }
      running = undefined;
      if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
      running = await launch(conf, port);
    },
  };
}
