import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isBrokerUrl, type BrokerConfig, type TlsFiles } from './broker-connection.js';
import { describe, lineProblem, matchesEverything, publishPrefixProblem, toSeconds, topicFilterProblem } from './connection-fields.js';
import { ConnectionsError } from './connections-error.js';
import { parseFile, type ParsedFile, type Path } from './connections-source.js';

export { ConnectionsError } from './connections-error.js';

const CONNECTION_KEYS = [
  'name', 'url', 'clientId', 'username', 'protocol', 'keepalive', 'sessionExpiry', 'clean',
  'receiveMaximum', 'qos', 'subscribe', 'allowAll', 'tls', 'publish', 'mappings', 'lines', 'timeZone',
] as const;
const TLS_KEYS = ['ca', 'cert', 'key', 'rejectUnauthorized'] as const;
const PUBLISH_KEYS = ['allow'] as const;
/** Keys that would hold a secret, wherever they appear: refused before anything else is checked. */
const SECRET_KEY = /passw|passphrase|secret|token/i;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The environment variable that holds a connection's password: `LINESIGHT_PASSWORD_` and the name
 * upper-cased, every character other than A–Z and 0–9 replaced by `_` (`line9-edge` →
 * `LINESIGHT_PASSWORD_LINE9_EDGE`).
 */
export function passwordVariable(name: string): string {
  return `LINESIGHT_PASSWORD_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** Read a connections file (`--connections FILE`, YAML or JSON); see `parseConnections`. */
export function loadConnections(path: string): BrokerConfig[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConnectionsError({ file: path, reason: `cannot be read (${(err as NodeJS.ErrnoException).message})` });
  }
  return parseConnections(text, path);
}

/**
 * Check a connections file and turn it into broker configs. Relative paths (TLS files, mappings)
 * resolve against the folder of `fileName`, and those files must exist. Passwords are never
 * accepted here: they come from the environment, a prompt or the desktop app's secret store.
 * Anything wrong throws a ConnectionsError naming the file, line and connection.
 */
export function parseConnections(text: string, fileName: string): BrokerConfig[] {
  const src = parseFile(text, fileName);
  const fail = (path: Path, reason: string, key = false, connection?: string): never => {
    throw new ConnectionsError({ file: fileName, ...src.posOf(path, key), ...(connection === undefined ? {} : { connection }), reason });
  };
  const root = src.data;
  if (!isRecord(root)) fail([], `expected a mapping with a "connections" list, got ${describe(root)}`);
  const top = root as Record<string, unknown>;
  for (const k of Object.keys(top)) if (k !== 'connections') fail([k], `unknown key "${k}" (the file holds one key, "connections")`, true);
  const list = top.connections;
  if (!Array.isArray(list) || list.length === 0) fail(['connections'], 'expected "connections" to be a list of at least one connection', true);

  const baseDir = dirname(resolve(fileName));
  const byVariable = new Map<string, string>();
  return (list as unknown[]).map((item, i) => {
    const config = checkConnection(src, fileName, baseDir, item, i);
    const variable = passwordVariable(config.name!);
    const other = byVariable.get(variable);
    if (other !== undefined) {
      const why = other === config.name ? `is used twice` : `and "${other}" both read their password from ${variable}`;
      fail(['connections', i, 'name'], `connection names must be unique: "${config.name}" ${why}`, false, `"${config.name}"`);
    }
    byVariable.set(variable, config.name!);
    return config;
  });
}

function checkConnection(src: ParsedFile, file: string, baseDir: string, item: unknown, i: number): BrokerConfig {
  const at: Path = ['connections', i];
  const rawName = isRecord(item) && typeof item.name === 'string' && item.name !== '' ? item.name : undefined;
  let who = rawName === undefined ? `#${i + 1}` : `"${rawName}"`;
  const fail = (path: Path, reason: string, key = false): never => {
    throw new ConnectionsError({ file, ...src.posOf([...at, ...path], key), connection: who, reason });
  };
  if (!isRecord(item)) return fail([], `expected a mapping (name, url, …), got ${describe(item)}`);
  refuseSecrets(item, [], rawName ?? `#${i + 1}`, fail);
  checkKeys(item, [], CONNECTION_KEYS, fail);

  if (rawName === undefined) fail(item.name === undefined ? [] : ['name'], 'needs a "name": a short name to show and to find its password by');
  if (!NAME.test(rawName!)) fail(['name'], `name must be letters, digits, ".", "_" and "-" (starting with a letter or digit), got ${describe(rawName)}`);
  const name = rawName!;
  who = `"${name}"`;

  const url = item.url;
  if (url === undefined) fail([], 'needs a "url" (mqtt://, mqtts://, ws:// or wss://)');
  if (typeof url !== 'string' || !isBrokerUrl(url)) fail(['url'], `url must be an mqtt://, mqtts://, ws:// or wss:// URL, got ${describe(url)}`);
  const userInfo = userInfoOf(url as string);
  if (userInfo?.password) fail(['url'], secretsMessage(name));
  if (userInfo) fail(['url'], 'put the user name in "username", not in the URL');

  const config: { -readonly [K in keyof BrokerConfig]: BrokerConfig[K] } = { name, url: url as string };
  for (const key of ['clientId', 'username'] as const) {
    const v = item[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v === '') fail([key], `${key} must be a non-empty string, got ${describe(v)}`);
    config[key] = v as string;
  }

  const protocol = item.protocol ?? 5;
  if (protocol === 5 || protocol === '5' || protocol === '5.0') config.protocolVersion = 5;
  else if (protocol === '3.1.1') config.protocolVersion = 4;
  else fail(['protocol'], `protocol must be 5 or 3.1.1, got ${describe(protocol)}`);
  const v5 = config.protocolVersion === 5;

  if (item.keepalive !== undefined) {
    const s = toSeconds(item.keepalive, 65_535);
    if (typeof s === 'string') fail(['keepalive'], `keepalive must be ${s}`);
    config.keepalive = s as number;
  }
  if (item.sessionExpiry !== undefined) {
    if (!v5) fail(['sessionExpiry'], 'sessionExpiry is MQTT 5; with protocol 3.1.1 the broker keeps the session unless "clean: true"', true);
    const s = toSeconds(item.sessionExpiry, 4_294_967_295);
    if (typeof s === 'string') fail(['sessionExpiry'], `sessionExpiry must be ${s}`);
    config.sessionExpirySeconds = s as number;
  }
  if (item.clean !== undefined) {
    if (v5) fail(['clean'], 'clean is MQTT 3.1.1; with MQTT 5 set "sessionExpiry" (0s keeps nothing between connections)', true);
    if (typeof item.clean !== 'boolean') fail(['clean'], `clean must be true or false, got ${describe(item.clean)}`);
    config.clean = item.clean as boolean;
  }
  if (item.receiveMaximum !== undefined) {
    if (!v5) fail(['receiveMaximum'], 'receiveMaximum is MQTT 5; remove it for protocol 3.1.1', true);
    const r = item.receiveMaximum;
    if (typeof r !== 'number' || !Number.isInteger(r) || r < 1 || r > 65_535) fail(['receiveMaximum'], `receiveMaximum must be an integer 1 … 65535, got ${describe(r)}`);
    config.receiveMaximum = r as number;
  }
  if (item.qos !== undefined) {
    if (item.qos !== 0 && item.qos !== 1) fail(['qos'], `qos must be 0 or 1, got ${describe(item.qos)}`);
    config.qos = item.qos as 0 | 1;
  }

  if (item.allowAll !== undefined && typeof item.allowAll !== 'boolean') fail(['allowAll'], `allowAll must be true or false, got ${describe(item.allowAll)}`);
  if (item.subscribe !== undefined) config.subscriptions = checkSubscriptions(item.subscribe, item.allowAll === true, fail);

  const existing = (path: Path, value: unknown, what: string): string => {
    if (typeof value !== 'string' || value === '') return fail(path, `${what} must be a file path, got ${describe(value)}`);
    const abs = resolve(baseDir, value);
    if (!isFile(abs)) fail(path, `${what} file ${value} not found (looked for ${abs})`);
    return abs;
  };
  if (item.tls !== undefined) config.tls = checkTls(item.tls, url as string, existing, fail);
  if (item.publish !== undefined) {
    const p = item.publish;
    if (!isRecord(p)) fail(['publish'], `publish must be a mapping { allow: [topic prefixes] }, got ${describe(p)}`);
    checkKeys(p as Record<string, unknown>, ['publish'], PUBLISH_KEYS, fail);
    const allow = (p as Record<string, unknown>).allow;
    if (!Array.isArray(allow) || allow.length === 0) fail(['publish', 'allow'], 'publish.allow must be a list of at least one topic prefix (leave out "publish" to stay subscribe-only)');
    (allow as unknown[]).forEach((prefix, j) => {
      const problem = typeof prefix === 'string' ? publishPrefixProblem(prefix) : `a publish prefix must be a string, got ${describe(prefix)}`;
      if (problem) fail(['publish', 'allow', j], problem);
    });
    config.publish = { allow: allow as string[] };
  }
  if (item.mappings !== undefined) config.mappings = existing(['mappings'], item.mappings, 'mappings');
  if (item.lines !== undefined) config.lines = checkLines(item.lines, fail);
  if (item.timeZone !== undefined) config.timeZone = checkTimeZone(item.timeZone, fail);
  return config;
}

/** `timeZone: Europe/Berlin`: the plant's zone, in which the console shows a watch's times. */
function checkTimeZone(value: unknown, fail: Fail): string {
  if (typeof value === 'string' && value !== '' && value.length <= 100) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return value;
    } catch {
      // said below
    }
  }
  return fail(['timeZone'], `timeZone must be an IANA time zone such as Europe/Berlin or America/Chicago, got ${describe(value)}`);
}

/** `lines: [US01/L1, US01/L2]`: shown from the start of a watch (docs/connected.md). */
function checkLines(value: unknown, fail: Fail): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    return fail(['lines'], 'lines must be a list of at least one PLANT/LINE, e.g. [US01/L1, US01/L2] (leave it out to show lines as they send)');
  }
  const seen = new Set<unknown>();
  value.forEach((line, j) => {
    const problem = lineProblem(line);
    if (problem) fail(['lines', j], problem);
    if (seen.has(line)) fail(['lines', j], `line ${line as string} is listed twice`);
    seen.add(line);
  });
  return value as string[];
}

type Fail = (path: Path, reason: string, key?: boolean) => never;

function checkSubscriptions(value: unknown, allowAll: boolean, fail: Fail): string[] {
  if (!Array.isArray(value) || value.length === 0) return fail(['subscribe'], 'subscribe must be a list of at least one topic filter (leave it out for linesight/v1/#)');
  value.forEach((filter, j) => {
    if (typeof filter !== 'string') fail(['subscribe', j], `a topic filter must be a string, got ${describe(filter)}`);
    const problem = topicFilterProblem(filter);
    if (problem) fail(['subscribe', j], problem);
    if (!allowAll && matchesEverything(filter)) {
      fail(['subscribe', j], `"${filter}" subscribes to every topic: on a plant broker that is its full traffic, journaled here; name the topics to watch, or set "allowAll: true" if that is really meant`);
    }
  });
  return value as string[];
}

function checkTls(tls: unknown, url: string, existing: (path: Path, value: unknown, what: string) => string, fail: Fail): TlsFiles {
  if (!isRecord(tls)) return fail(['tls'], `tls must be a mapping { ca, cert, key, rejectUnauthorized }, got ${describe(tls)}`);
  checkKeys(tls, ['tls'], TLS_KEYS, fail);
  if (!/^(mqtts|wss):/i.test(url)) fail(['tls'], 'tls needs an mqtts:// or wss:// URL', true);
  if ((tls.cert === undefined) !== (tls.key === undefined)) fail(['tls'], 'tls needs both "cert" and "key" for a client certificate, or neither', true);
  const out: { -readonly [K in keyof TlsFiles]: TlsFiles[K] } = {};
  for (const k of ['ca', 'cert', 'key'] as const) if (tls[k] !== undefined) out[k] = existing(['tls', k], tls[k], `tls.${k}`);
  if (tls.rejectUnauthorized !== undefined) {
    if (typeof tls.rejectUnauthorized !== 'boolean') fail(['tls', 'rejectUnauthorized'], `tls.rejectUnauthorized must be true or false, got ${describe(tls.rejectUnauthorized)}`);
    out.rejectUnauthorized = tls.rejectUnauthorized;
  }
  return out;
}

function checkKeys(obj: Record<string, unknown>, at: Path, allowed: readonly string[], fail: Fail): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) fail([...at, k], `unknown key "${k}" (expected one of ${allowed.join(', ')})`, true);
  }
}

/** Any key that looks like it holds a secret, at any depth of a connection. */
function refuseSecrets(obj: Record<string, unknown>, at: Path, name: string, fail: Fail): void {
  for (const [k, v] of Object.entries(obj)) {
    if (SECRET_KEY.test(k)) fail([...at, k], secretsMessage(name), true);
    if (isRecord(v)) refuseSecrets(v, [...at, k], name, fail);
  }
}

function secretsMessage(name: string): string {
  return `secrets are never stored in this file: give the password of "${name}" when asked, or in ${passwordVariable(name)}`;
}

function userInfoOf(url: string): { user: string; password: string } | undefined {
  try {
    const u = new URL(url);
    return u.username || u.password ? { user: u.username, password: u.password } : undefined;
  } catch {
    return /^[a-z]+:\/\/[^/]*@/i.test(url) ? { user: '?', password: '?' } : undefined;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
