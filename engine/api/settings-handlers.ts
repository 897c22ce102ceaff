import { linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ConnectionProfile, ProfilesExport, ProfilesImport, Settings, SettingsPatch, SettingsState } from '../contract/index.js';
import type { HostClock } from '../session/host-clock.js';
import { checkProfile, importProfiles, MAX_PROFILES, profilesText } from './connection-profiles.js';
import type { HostContext } from './host-context.js';
import type { Handlers } from './registry.js';
import { loadSettings, settingsProblem, writeSettings, type LoadedSettings } from './settings-file.js';

/**
 * Names of exported profile files in the exports folder: `connections-<yyyymmdd-hhmmss>[-<k>].yaml`
 * (UTC). A host serving that folder may accept these names; one being written has another (a `.part`).
 */
export const PROFILES_FILE_NAME = /^connections-\d{8}-\d{6}(?:-\d+)?\.yaml$/;

/** What the settings handlers take from the host. */
export type SettingsDeps = {
  /** where `settings.json` is (and the `mappings/` folder profiles name files in) */
  readonly configDir: string;
  readonly ctx: Pick<HostContext, 'exportDir' | 'exportBaseUrl'>;
  /** the host's clock: the stamp of a corrupt file set aside, and of an export's name */
  readonly clock: Pick<HostClock, 'epochMs'>;
};

type Names = 'settings.get' | 'settings.save' | 'settings.dismissNotice' | 'settings.exportProfiles' | 'settings.importProfiles';

/**
 * Settings kept between runs. Each call reads the file afresh (the desktop shell saves the window's
 * place into the same file) and writes it whole. What happened to the file — set aside, upgraded,
 * a password dropped — is said in `notice` until the console dismisses it; a file too new to touch
 * is said until dismissed too, and nothing is saved over it. Saving needs no role: a profile is
 * what the console offers to connect to, and connecting is checked by `session.watch`.
 */
export function settingsHandlers(deps: SettingsDeps): Handlers<Names> {
  const { configDir, ctx, clock } = deps;
  const mappingsFolder = join(configDir, 'mappings');
  // what to tell the user until dismissed
  let told: string[] = [];
  let dismissedReadOnly: string | null = null;

  const load = (): LoadedSettings => {
    const loaded = loadSettings(configDir, clock.epochMs());
    told.push(...loaded.events);
    return loaded;
  };
  const stateOf = (loaded: LoadedSettings): SettingsState => {
    const said = [...(loaded.readOnly !== null && loaded.readOnly !== dismissedReadOnly ? [loaded.readOnly] : []), ...told];
    return { settings: loaded.settings, notice: said.length === 0 ? null : said.join('\n'), readOnly: loaded.readOnly !== null };
  };
  const save = (loaded: LoadedSettings, next: Settings): Settings => {
    if (loaded.readOnly !== null) throw new Error(`settings not saved: ${loaded.readOnly}`);
    writeSettings(configDir, next);
    return next;
  };
  const served = (path: string): string | null => (ctx.exportBaseUrl === null ? null : ctx.exportBaseUrl + encodeURIComponent(basename(path)));

  return {
    async 'settings.get'() {
      return stateOf(load());
    },
    async 'settings.save'(patch) {
      const loaded = load();
      return save(loaded, patched(loaded.settings, patch));
    },
    async 'settings.dismissNotice'() {
      const loaded = load();
      told = [];
      dismissedReadOnly = loaded.readOnly;
      return stateOf(loaded);
    },
    async 'settings.exportProfiles'(args): Promise<ProfilesExport> {
      const { settings } = load();
      const asked: unknown = args?.names;
      if (asked !== undefined && !(Array.isArray(asked) && asked.every((n) => typeof n === 'string'))) throw new Error('names: expected a list of profile names');
      const names = asked as readonly string[] | undefined;
      const unknown = names?.filter((n) => !settings.connections.some((c) => c.name === n)) ?? [];
      if (unknown.length > 0) throw new Error(`no connection profile called ${unknown.map((n) => `"${n}"`).join(', ')}`);
      const chosen = names === undefined ? settings.connections : settings.connections.filter((c) => names.includes(c.name));
      const { text, notes } = profilesText(chosen, mappingsFolder);
      const path = writeExport(ctx.exportDir, text, clock.epochMs());
      return { path, rows: chosen.length, bytes: Buffer.byteLength(text), href: served(path), text, notes };
    },
    async 'settings.importProfiles'(args): Promise<ProfilesImport> {
      const text: unknown = args?.text;
      if (typeof text !== 'string') throw new Error('text: expected the text of a connections file');
      const given: unknown = args.fileName;
      // only the name, whichever system's separators it came with
      const fileName = typeof given === 'string' && given !== '' ? (given.split(/[\\/]/).pop() || 'connections.yaml').slice(0, 200) : 'connections.yaml';
      const loaded = load();
      const found = importProfiles(text, fileName, mappingsFolder);
      const list = [...loaded.settings.connections];
      const added: string[] = [];
      const replaced: string[] = [];
      const skipped = [...found.skipped];
      for (const p of found.profiles) {
        const at = list.findIndex((c) => c.name === p.name);
        if (at >= 0) {
          list[at] = p;
          replaced.push(p.name);
        } else if (list.length >= MAX_PROFILES) {
          skipped.push({ name: p.name, reason: `${MAX_PROFILES} profiles are kept at most: delete some first` });
        } else {
          list.push(p);
          added.push(p.name);
        }
      }
      const settings = added.length + replaced.length === 0 ? loaded.settings : save(loaded, { ...loaded.settings, connections: list });
      return { added, replaced, skipped, strippedPasswords: found.strippedPasswords, notes: found.notes, settings };
    },
  };
}

const PATCH_KEYS = ['view', 'lastScenario', 'window', 'connections'] as const;

/** The settings with a `settings.save` patch applied, checked; throws with the reason otherwise (nothing is written). */
function patched(current: Settings, patch: SettingsPatch | undefined): Settings {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new Error('settings.save takes an object: { view, lastScenario, window, connections }');
  for (const k of Object.keys(patch)) {
    if (!(PATCH_KEYS as readonly string[]).includes(k)) throw new Error(`settings.save: unknown key "${k}" (expected one of ${PATCH_KEYS.join(', ')})`);
  }
  const { lastScenario, window, ...rest } = current;
  const view: unknown = patch.view;
  if (view !== undefined && (typeof view !== 'object' || view === null || Array.isArray(view))) throw new Error('settings.save: view must be an object');
  const next: { -readonly [K in keyof Settings]: Settings[K] } = {
    ...rest,
    view: { ...current.view, ...(view as Partial<Settings['view']> | undefined) },
  };
  const last = patch.lastScenario === undefined ? lastScenario : patch.lastScenario;
  if (last !== undefined && last !== null) next.lastScenario = last;
  const win = patch.window === undefined ? window : patch.window;
  if (win !== undefined && win !== null) next.window = win;
  if (patch.connections !== undefined) next.connections = checkedProfiles(patch.connections);
  const problem = settingsProblem(next);
  if (problem !== null) throw new Error(`settings.save: ${problem}`);
  return next;
}

function checkedProfiles(list: unknown): ConnectionProfile[] {
  if (!Array.isArray(list)) throw new Error('settings.save: connections must be a list of connection profiles');
  if (list.length > MAX_PROFILES) throw new Error(`settings.save: ${MAX_PROFILES} connection profiles are kept at most`);
  return list.map((raw: unknown, i) => {
    try {
      return checkProfile(raw).profile;
    } catch (err) {
      const name = typeof (raw as { name?: unknown } | null)?.name === 'string' ? ` ("${(raw as { name: string }).name}")` : '';
      throw new Error(`settings.save: connections[${i}]${name}: ${(err as Error).message}`, { cause: err });
    }
  });
}

/** Write the export under a temporary name, then link it to its final name (never over another file). */
function writeExport(dir: string, text: string, nowMs: number): string {
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.connections-${randomBytes(6).toString('hex')}.part`);
  writeFileSync(temp, text, { flag: 'wx' });
  const stamp = new Date(nowMs).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  try {
    for (let k = 1; ; k++) {
      const path = join(dir, `connections-${stamp}${k === 1 ? '' : `-${k}`}.yaml`);
      try {
        linkSync(temp, path);
        return path;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
  } finally {
    rmSync(temp, { force: true });
  }
}
