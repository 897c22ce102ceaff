/**
 * `settings.json` in the config directory: read (older versions migrated, a corrupt file set aside,
 * a newer one left alone), checked against resources/schema/settings.schema.json, and written whole
 * (a temporary file renamed over it, readable by the user only). Never a password: one found in the
 * file is dropped and the file written again without it.
 *
 * Here rather than in host/ (the config directory's other files) because it is typed by the API's
 * contract, which host/ may not import.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type AnySchemaObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Settings, SettingsVersion, ViewPreferences } from '../contract/index.js';
import { schemaPath } from '../scenario/resources.js';
import { stripSecrets } from './connection-profiles.js';

/** The file in the config directory. */
export const SETTINGS_FILE = 'settings.json';

/** The version this Linesight writes. */
export const SETTINGS_VERSION: SettingsVersion = 2;

/** A settings file larger than this is not read (it is not one Linesight wrote). */
const MAX_BYTES = 4 * 1024 * 1024;

export const DEFAULT_VIEW: ViewPreferences = { theme: 'system', time: 'plant', numbers: 'locale' };

export function defaultSettings(): Settings {
  return { version: SETTINGS_VERSION, connections: [], view: DEFAULT_VIEW };
}

/** What reading the file found. */
export type LoadedSettings = {
  readonly settings: Settings;
  /** what happened to the file on this read, to tell the user once (set aside, upgraded, passwords dropped) */
  readonly events: readonly string[];
  /** why nothing may be written over the file (a newer version, an unreadable file), else null */
  readonly readOnly: string | null;
};

type Doc = Record<string, unknown>;

/**
 * The migrations, oldest first: `MIGRATIONS[i]` turns a version `i + 1` file into version `i + 2`.
 * Shipped migrations are never edited; a new version adds one at the end (and a fixture of the old
 * file under test/fixtures/settings/).
 */
const MIGRATIONS: readonly ((doc: Doc, said: string[]) => Doc)[] = [
  // 1 → 2: `brokers` (url, topics, publishPrefixes, mqtt: "3.1.1", a password!) became `connections`
  // in the API's field names, each with a name; scenario + speed became `lastScenario`, theme went under `view`
  (v1, said) => {
    const brokers = Array.isArray(v1.brokers) ? (v1.brokers as unknown[]) : [];
    const taken = new Set<string>();
    const connections = brokers.filter(isRecord).map((b) => {
      const { topics, publishPrefixes, mqtt, name, ...rest } = b;
      const named = typeof name === 'string' && name !== '' ? name : nameFromUrl(rest.url, taken);
      taken.add(named);
      return {
        ...rest,
        name: named,
        ...(topics === undefined ? {} : { subscriptions: topics }),
        ...(publishPrefixes === undefined ? {} : { publish: { allow: publishPrefixes } }),
        ...(mqtt === '3.1.1' ? { protocolVersion: 4 } : mqtt === undefined ? {} : { protocolVersion: 5 }),
      };
    });
    const view: Doc = { ...DEFAULT_VIEW, ...(typeof v1.theme === 'string' ? { theme: v1.theme } : {}) };
    const last = typeof v1.scenario === 'string' ? { lastScenario: { id: v1.scenario, speed: v1.speed ?? 60 } } : {};
    said.push(`${brokers.length} broker${brokers.length === 1 ? '' : 's'} of a version 1 settings file became connection profiles`);
    return { version: 2, connections, ...last, view };
  },
];

/** A version 1 broker had no name: one from its host and port (`10.1.9.20-1883`), unique among the others. */
function nameFromUrl(url: unknown, taken: ReadonlySet<string>): string {
  let base = 'broker';
  try {
    const u = new URL(String(url));
    base = `${u.hostname}${u.port ? `-${u.port}` : ''}`.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'broker';
  } catch {
    // keep "broker"
  }
  let name = base;
  for (let k = 2; taken.has(name); k++) name = `${base}-${k}`;
  return name;
}

let validator: ValidateFunction | undefined;
function validate(doc: unknown): string | null {
  validator ??= new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true }).compile(
    JSON.parse(readFileSync(schemaPath('settings.schema.json'), 'utf8')) as AnySchemaObject,
  );
  if (validator(doc)) return null;
  const e = validator.errors?.[0];
  return e === undefined ? 'not a settings file' : `${e.instancePath === '' ? 'the file' : e.instancePath} ${e.message ?? 'is not valid'}`;
}

/** The problem with settings about to be written or sent, or null (the schema, and names unique). */
export function settingsProblem(settings: Settings): string | null {
  const problem = validate(settings);
  if (problem !== null) return problem;
  const seen = new Set<string>();
  for (const c of settings.connections) {
    if (seen.has(c.name)) return `two connection profiles are called "${c.name}"`;
    seen.add(c.name);
  }
  return null;
}

/**
 * Read the settings of `configDir`. Never throws for what is in the file: a missing file gives the
 * defaults; a file that is not JSON, not a settings file, or fails the schema is renamed
 * `settings.json.corrupt-<stamp>` (`nowMs`, the host's clock, UTC) and the defaults are used; an
 * older version is migrated and written back; a newer one is left untouched and the defaults used
 * read-only. Each of these is said in `events` or `readOnly`.
 */
export function loadSettings(configDir: string, nowMs: number): LoadedSettings {
  const file = join(configDir, SETTINGS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { settings: defaultSettings(), events: [], readOnly: null };
    return { settings: defaultSettings(), events: [], readOnly: `${file} cannot be read (${(err as Error).message}): defaults are used and nothing is saved` };
  }
  const setAside = (why: string): LoadedSettings => {
    const aside = asideName(file, nowMs);
    try {
      renameSync(file, aside);
    } catch (err) {
      return { settings: defaultSettings(), events: [], readOnly: `${file} could not be used (${why}) nor moved aside (${(err as Error).message}): defaults are used and nothing is saved` };
    }
    return { settings: defaultSettings(), events: [`Your settings file could not be used (${why}). It was kept as ${aside} and the defaults are used.`], readOnly: null };
  };
  if (Buffer.byteLength(text) > MAX_BYTES) return setAside(`larger than ${MAX_BYTES / 1024 / 1024} MiB`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return setAside(`not JSON: ${(err as Error).message}`);
  }
  if (!isRecord(doc)) return setAside('not a JSON object');
  const version = doc.version;
  if (!Number.isSafeInteger(version) || (version as number) < 1) return setAside(`no version number (got ${JSON.stringify(version) ?? 'none'})`);
  if ((version as number) > SETTINGS_VERSION) {
    return {
      settings: defaultSettings(),
      events: [],
      readOnly: `Your settings file was written by a newer Linesight (settings version ${version as number}; this one knows ${SETTINGS_VERSION}). It was left as it is: the defaults are used and nothing is saved until you use that version again or remove ${file}.`,
    };
  }
  const events: string[] = [];
  let current: Doc = doc;
  const migrated = (version as number) < SETTINGS_VERSION;
  try {
    for (let v = version as number; v < SETTINGS_VERSION; v++) current = MIGRATIONS[v - 1]!(current, events);
  } catch (err) {
    return setAside(`a version ${version as number} file that could not be upgraded: ${(err as Error).message}`);
  }
  const stripped = stripStoredSecrets(current);
  const problem = validate(stripped.doc);
  if (problem !== null) return setAside(problem);
  const settings = withUniqueNames(stripped.doc as Settings, events);
  if (migrated) events.unshift(`Your settings were upgraded from version ${version as number} to ${SETTINGS_VERSION}.`);
  if (stripped.names.length > 0) {
    events.push(`The password${stripped.names.length === 1 ? '' : 's'} kept for ${stripped.names.join(', ')} ${stripped.names.length === 1 ? 'was' : 'were'} removed: Linesight never stores passwords in its settings.`);
  }
  if (events.length > 0) writeSettings(configDir, settings);
  return { settings, events, readOnly: null };
}

/** Write the settings whole: a temporary file (user-only) renamed over the old one, so a crash leaves one or the other. */
export function writeSettings(configDir: string, settings: Settings): void {
  const problem = settingsProblem(settings);
  if (problem !== null) throw new Error(`settings not saved: ${problem}`);
  const file = join(configDir, SETTINGS_FILE);
  mkdirSync(configDir, { recursive: true });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** `settings.json.corrupt-20250314-101500` (UTC), `-2` … when taken. */
function asideName(file: string, nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  let name = `${file}.corrupt-${stamp}`;
  for (let k = 2; existsSync(name); k++) name = `${file}.corrupt-${stamp}-${k}`;
  return name;
}

/** Passwords (and other secrets, and user info in URLs) dropped from the connections of a file as read. */
function stripStoredSecrets(doc: Doc): { readonly doc: Doc; readonly names: readonly string[] } {
  if (!Array.isArray(doc.connections)) return { doc, names: [] };
  const names: string[] = [];
  const connections = (doc.connections as unknown[]).map((c, i) => {
    if (!isRecord(c)) return c;
    const s = stripSecrets(c);
    if (s.stripped) names.push(typeof c.name === 'string' ? c.name : `#${i + 1}`);
    return s.entry;
  });
  return { doc: { ...doc, connections }, names };
}

/** A hand-edited file with two profiles of one name keeps the first. */
function withUniqueNames(settings: Settings, events: string[]): Settings {
  const seen = new Set<string>();
  const connections = settings.connections.filter((c) => (seen.has(c.name) ? false : (seen.add(c.name), true)));
  if (connections.length === settings.connections.length) return settings;
  events.push(`Connection profiles with a name used twice were dropped (the first of each name is kept).`);
  return { ...settings, connections };
}

function isRecord(v: unknown): v is Doc {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
