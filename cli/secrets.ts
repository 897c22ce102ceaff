/**
 * Broker passwords for the command line. They never come from a file: each connection with a
 * `username` takes its password from `LINESIGHT_PASSWORD_<NAME>` or, on a terminal, from a prompt
 * that does not echo. Nothing here prints, logs or keeps a password.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { passwordVariable, type BrokerConfig } from '../engine/index.js';
import { UsageError } from './errors.js';

/** Ask one question and answer what was typed (without echoing it). */
export type PasswordPrompt = (question: string) => Promise<string>;

export type ResolvePasswordsOptions = {
  /** where `LINESIGHT_PASSWORD_<NAME>` is looked up (default process.env) */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** how to ask; null when nobody can answer (default: a hidden prompt when stdin is a terminal) */
  readonly prompt?: PasswordPrompt | null;
};

/**
 * The configs with their passwords filled in, in order: for each connection with a `username` and
 * no password, the environment variable, else the prompt, else a UsageError (exit 2) naming the
 * variable. Prompts come one at a time, so several connections never ask at once.
 */
export async function resolvePasswords(configs: readonly BrokerConfig[], opts: ResolvePasswordsOptions = {}): Promise<BrokerConfig[]> {
  const env = opts.env ?? process.env;
  const prompt = opts.prompt !== undefined ? opts.prompt : process.stdin.isTTY ? promptHidden : null;
  const out: BrokerConfig[] = [];
  for (const cfg of configs) {
    if (cfg.username === undefined || cfg.password !== undefined || urlHasPassword(cfg.url)) {
      out.push(cfg);
      continue;
    }
    const name = cfg.name ?? cfg.url;
    const variable = passwordVariable(name);
    const fromEnv = env[variable];
    if (fromEnv !== undefined) {
      out.push({ ...cfg, password: fromEnv });
      continue;
    }
    if (prompt === null) {
      throw new UsageError(`no password for "${name}" (user ${cfg.username}): set ${variable}, or run in a terminal to be asked`);
    }
    out.push({ ...cfg, password: await prompt(`Password for ${name} (user ${cfg.username}): `) });
  }
  return out;
}

export type HiddenPromptStreams = {
  readonly input?: NodeJS.ReadableStream;
  /** where the question goes (default stderr, so stdout stays for output) */
  readonly output?: NodeJS.WritableStream;
};

/**
 * Ask on the terminal without echoing what is typed: readline's echo goes to a stream that drops
 * it, only the question and the final newline reach the screen. Ctrl-C or end of input rejects.
 */
export function promptHidden(question: string, streams: HiddenPromptStreams = {}): Promise<string> {
  const input = streams.input ?? process.stdin;
  const output = streams.output ?? process.stderr;
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  output.write(question);
  const rl = createInterface({ input, output: muted, terminal: true, historySize: 0 });
  return new Promise<string>((resolve, reject) => {
    let answered = false;
    rl.once('line', (line) => {
      answered = true;
      rl.close();
      output.write('\n');
      resolve(line);
    });
    rl.once('SIGINT', () => rl.close());
    rl.once('close', () => {
      if (answered) return;
      output.write('\n');
      reject(new UsageError('no password given'));
    });
  });
}

function urlHasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
}
