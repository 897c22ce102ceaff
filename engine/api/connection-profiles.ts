/**
 * Connection profiles and connections files: a profile is one entry of a connections file
 * (`linesight serve --connections`, docs/connected.md) in the API's field names. Each profile is
 * checked by the connections file's own checks, so what is exported is a file `serve` reads, and
 * what is imported is what `serve` would accept — except that passwords are dropped instead of
 * refused, and the files a profile names need not exist on this machine (they are checked when
 * watching).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { stringify } from 'yaml';
import type { BrokerConfig, ConnectionProfile, TlsFiles } from '../contract/index.js';
import { describe, matchesEverything } from '../sources/mqtt/connection-fields.js';
import { ConnectionsError, parseConnections } from '../sources/mqtt/connections-file.js';
import { parseFile } from '../sources/mqtt/connections-source.js';

/** Keys that would hold a secret, at any depth: what the connections file refuses, dropped here. */
const SECRET_KEY = /passw|passphrase|secret|token/i;
/** An imported file larger than this is refused. */
const MAX_IMPORT_BYTES = 1024 * 1024;
/** The profiles one settings file keeps (the schema says so too). */
export const MAX_PROFILES = 200;

type Entry = Record<string, unknown>;

/** Profile fields, in the order a connections file lists them. */
const PROFILE_KEYS = [
  'name', 'url', 'clientId', 'username', 'protocolVersion', 'keepalive', 'sessionExpirySeconds', 'clean',
  'receiveMaximum', 'qos', 'subscriptions', 'tls', 'publish', 'mappings', 'lines', 'timeZone',
] as const;

/**
 * An entry without its secrets: keys that look like one (`password`, `token` …, at any depth)
 * removed, and user info taken out of the URL (the user name kept as `username` when none is given).
 */
export function stripSecrets(entry: Entry): { readonly entry: Entry; readonly stripped: boolean } {
  let stripped = false;
  const walk = (o: Entry): Entry => {
    const out: Entry = {};
    for (const [k, v] of Object.entries(o)) {
      if (SECRET_KEY.test(k)) {
        stripped = true;
        continue;
      }
      out[k] = isRecord(v) ? walk(v) : v;
    }
    return out;
  };
  const out = walk(entry);
  if (typeof out.url === 'string') {
    const info = userInfoOf(out.url);
    if (info) {
      if (info.password !== '') stripped = true;
      if (info.user !== '' && out.username === undefined) out.username = info.user;
      out.url = info.bare;
    }
  }
  return { entry: out, stripped };
}

/**
 * Check a profile arriving over the API (`settings.save`) and give it back in the form it is kept:
 * the connections file's checks, a password dropped (`stripped`). Throws with the reason otherwise.
 */
export function checkProfile(raw: unknown): { readonly profile: ConnectionProfile; readonly stripped: boolean } {
  if (!isRecord(raw)) throw new Error(`a connection profile must be an object, got ${describe(raw)}`);
  const { entry: clean, stripped } = stripSecrets(raw);
  for (const k of Object.keys(clean)) {
    if (!(PROFILE_KEYS as readonly string[]).includes(k)) throw new Error(`unknown field "${k}" (expected one of ${PROFILE_KEYS.join(', ')})`);
  }
  return { profile: entryToProfile(profileToEntry(clean as ConnectionProfile)), stripped };
}

/** A profile as a connections file entry (`subscribe`, `protocol: 3.1.1` …), in the file's key order. */
function profileToEntry(p: ConnectionProfile): Entry {
  const subs = p.subscriptions;
  const entry: Entry = {
    name: p.name,
    url: p.url,
    clientId: p.clientId,
    username: p.username,
    protocol: p.protocolVersion === 4 ? '3.1.1' : p.protocolVersion,
    keepalive: p.keepalive,
    sessionExpiry: p.sessionExpirySeconds,
    clean: p.clean,
    receiveMaximum: p.receiveMaximum,
    qos: p.qos,
    subscribe: subs,
    // the console warned when the profile was saved; the file says it is meant
    allowAll: Array.isArray(subs) && subs.some((s) => typeof s === 'string' && matchesEverything(s)) ? true : undefined,
    tls: p.tls,
    publish: p.publish,
    mappings: p.mappings,
    lines: p.lines,
    timeZone: p.timeZone,
  };
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined));
}

/**
 * A connections file entry (secrets already stripped) as a profile, checked by the connections
 * file's own checks; the files it names (TLS, mappings) are checked for shape only. Throws an
 * Error with the reason (no file position: the caller knows where the entry was).
 */
export function entryToProfile(entry: Entry): ConnectionProfile {
  const { tls, mappings, timeZone, ...rest } = entry;
  let c: BrokerConfig;
  try {
    // one entry in, one config out
    c = parseConnections(JSON.stringify({ connections: [rest] }), 'profile.json')[0]!;
  } catch (err) {
    throw new Error(err instanceof ConnectionsError ? err.reason : (err as Error).message, { cause: err });
  }
  const url = c.url;
  const profile: { -readonly [K in keyof ConnectionProfile]: ConnectionProfile[K] } = { name: c.name!, url };
  if (c.clientId !== undefined) profile.clientId = c.clientId;
  if (c.username !== undefined) profile.username = c.username;
  if (c.protocolVersion !== undefined) profile.protocolVersion = c.protocolVersion;
  if (c.keepalive !== undefined) profile.keepalive = c.keepalive;
  if (c.sessionExpirySeconds !== undefined) profile.sessionExpirySeconds = c.sessionExpirySeconds;
  if (c.clean !== undefined) profile.clean = c.clean;
  if (c.receiveMaximum !== undefined) profile.receiveMaximum = c.receiveMaximum;
  if (c.qos !== undefined) profile.qos = c.qos;
  if (c.subscriptions !== undefined) profile.subscriptions = c.subscriptions;
  if (tls !== undefined) profile.tls = checkTls(tls, url);
  if (c.publish !== undefined) profile.publish = c.publish;
  if (mappings !== undefined) profile.mappings = checkPath(mappings, 'mappings');
  if (c.lines !== undefined) profile.lines = c.lines;
  if (timeZone !== undefined) profile.timeZone = checkTimeZone(timeZone);
  return profile;
}

function checkTls(tls: unknown, url: string): TlsFiles {
  if (!isRecord(tls)) throw new Error(`tls must be a mapping { ca, cert, key, rejectUnauthorized }, got ${describe(tls)}`);
  for (const k of Object.keys(tls)) {
    if (!['ca', 'cert', 'key', 'rejectUnauthorized'].includes(k)) throw new Error(`unknown key "${k}" (expected one of ca, cert, key, rejectUnauthorized)`);
  }
  if (!/^(mqtts|wss):/i.test(url)) throw new Error('tls needs an mqtts:// or wss:// URL');
  if ((tls.cert === undefined) !== (tls.key === undefined)) throw new Error('tls needs both "cert" and "key" for a client certificate, or neither');
  const out: { -readonly [K in keyof TlsFiles]: TlsFiles[K] } = {};
  for (const k of ['ca', 'cert', 'key'] as const) if (tls[k] !== undefined) out[k] = checkPath(tls[k], `tls.${k}`);
  if (tls.rejectUnauthorized !== undefined) {
    if (typeof tls.rejectUnauthorized !== 'boolean') throw new Error(`tls.rejectUnauthorized must be true or false, got ${describe(tls.rejectUnauthorized)}`);
    out.rejectUnauthorized = tls.rejectUnauthorized;
  }
  return out;
}

function checkPath(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '' || value.length > 4096 || value.includes('\u0000')) throw new Error(`${what} must be a file path, got ${describe(value)}`);
  return value;
}

/** An IANA time zone this runtime knows (`Europe/Berlin`, `UTC`). */
function checkTimeZone(value: unknown): string {
  if (typeof value === 'string' && value !== '' && value.length <= 100) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return value;
    } catch {
      // said below
    }
  }
  throw new Error(`timeZone must be an IANA time zone such as Europe/Berlin, got ${describe(value)}`);
}

/** What an export wrote, before it goes to a file. */
export type ProfilesText = { readonly text: string; readonly notes: readonly string[] };

/**
 * Profiles as a connections file (YAML) `linesight serve --connections` reads: a mappings file kept
 * by name in the config directory's `mappings/` folder is written with its full path (the file is
 * read relative to its own folder otherwise); files not found here are said in `notes`.
 */
export function profilesText(profiles: readonly ConnectionProfile[], mappingsFolder: string): ProfilesText {
  if (profiles.length === 0) throw new Error('there are no connection profiles to export: save one first');
  const notes: string[] = [];
  const missing = new Set<string>();
  const seen = (path: string): string => {
    if (!existsSync(path)) missing.add(path);
    return path;
  };
  const connections = profiles.map((p) => {
    const entry: Entry = { ...profileToEntry(p) };
    if (p.mappings !== undefined) entry.mappings = seen(isAbsolute(p.mappings) ? p.mappings : resolve(mappingsFolder, p.mappings));
    if (p.tls !== undefined) {
      const tls: Entry = { ...p.tls };
      for (const k of ['ca', 'cert', 'key'] as const) if (p.tls[k] !== undefined) tls[k] = seen(resolve(p.tls[k]));
      entry.tls = tls;
    }
    return entry;
  });
  if (missing.size > 0) notes.push(`Not found on this machine (linesight serve --connections needs them where the file is used): ${[...missing].join(', ')}.`);
  const header = [
    'Linesight connection profiles: a connections file (docs/connected.md).',
    'Use it with `linesight serve --connections FILE`, or import it in the Connections view.',
    'Passwords are never written here: give them when asked, or in LINESIGHT_PASSWORD_<NAME>.',
  ];
  const body = stringify({ connections }, { lineWidth: 0 });
  return { text: `${header.map((l) => `# ${l}`).join('\n')}\n${body}`, notes };
}

/** What `importProfiles` found in a file, before it is merged into the settings. */
export type ImportedProfiles = {
  readonly profiles: readonly ConnectionProfile[];
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
  readonly strippedPasswords: readonly string[];
  readonly notes: readonly string[];
};

/**
 * The profiles of a connections file's text (YAML or JSON). A file that does not parse, or is not
 * `{ connections: [...] }`, throws; an entry the connections file's checks refuse is skipped with
 * the reason and its line; secrets are dropped and named. A mappings path outside the config
 * directory's `mappings/` folder is kept and noted: the console watches only files in that folder.
 */
export function importProfiles(text: string, fileName: string, mappingsFolder: string): ImportedProfiles {
  if (typeof text !== 'string') throw new Error('text: expected the text of a connections file');
  if (Buffer.byteLength(text) > MAX_IMPORT_BYTES) throw new Error(`${fileName} is larger than 1 MiB: not a connections file`);
  const src = parseFile(text, fileName);
  const root = src.data;
  if (!isRecord(root) || !Array.isArray(root.connections)) throw new Error(`${fileName}: expected a connections file, a mapping with a "connections" list`);
  const notes: string[] = [];
  const others = Object.keys(root).filter((k) => k !== 'connections');
  if (others.length > 0) notes.push(`${fileName}: ${others.map((k) => `"${k}"`).join(', ')} ignored (only "connections" is imported).`);
  const profiles: ConnectionProfile[] = [];
  const skipped: { name: string; reason: string }[] = [];
  const strippedPasswords: string[] = [];
  (root.connections as unknown[]).forEach((item, i) => {
    const line = src.posOf(['connections', i])?.line;
    const where = line === undefined ? fileName : `${fileName}:${line}`;
    const rawName = isRecord(item) && typeof item.name === 'string' && item.name !== '' ? item.name : `#${i + 1}`;
    if (!isRecord(item)) {
      skipped.push({ name: rawName, reason: `${where}: expected a mapping (name, url, …), got ${describe(item)}` });
      return;
    }
    const { entry, stripped } = stripSecrets(item);
    if (stripped) strippedPasswords.push(rawName);
    let profile: ConnectionProfile;
    try {
      profile = entryToProfile(entry);
    } catch (err) {
      skipped.push({ name: rawName, reason: `${where}: ${(err as Error).message}` });
      return;
    }
    if (profiles.some((p) => p.name === profile.name)) {
      skipped.push({ name: profile.name, reason: `${where}: the name is used by an earlier connection of the file` });
      return;
    }
    profiles.push(withMappingsName(profile, mappingsFolder, notes));
  });
  return { profiles, skipped, strippedPasswords, notes };
}

/** A mappings file in this machine's mappings folder is kept by name; one elsewhere is kept as it is, and noted. */
function withMappingsName(p: ConnectionProfile, folder: string, notes: string[]): ConnectionProfile {
  const m = p.mappings;
  if (m === undefined || !isAbsolute(m)) return p;
  if (dirname(resolve(m)) === resolve(folder)) return { ...p, mappings: basename(m) };
  notes.push(`${p.name}: the mappings file ${m} is outside the console's mappings folder (${folder}): copy it there to watch this connection from the console, or use linesight serve --connections.`);
  return p;
}

/** `{ url without user info, user, password }` when the URL carries user info (up to the authority's last `@`). */
function userInfoOf(url: string): { readonly bare: string; readonly user: string; readonly password: string } | undefined {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/]*)(.*)$/is.exec(url);
  if (!m) return undefined;
  const authority = m[2]!;
  const at = authority.lastIndexOf('@');
  if (at < 0) return undefined;
  const info = authority.slice(0, at);
  const colon = info.indexOf(':');
  let user = colon < 0 ? info : info.slice(0, colon);
  try {
    user = decodeURIComponent(user);
  } catch {
    // kept as written
  }
  return { bare: `${m[1]}${authority.slice(at + 1)}${m[3]}`, user, password: colon < 0 ? '' : info.slice(colon + 1) };
}

function isRecord(v: unknown): v is Entry {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
