/**
 * What the console keeps between runs (`settings.json` in the config directory): connection profiles,
 * the last scenario and its speed, view preferences and the desktop window's place. Never a
 * password: one is stripped wherever it turns up (a save, an import, an old file), and said so.
 */
import type { BrokerConfig } from './connections.js';
import type { ExportResult } from './journal.js';
import type { Speed } from './session.js';

/** The version `settings.json` is written in; older files are migrated when read, newer ones left alone. */
export type SettingsVersion = 2;

/**
 * A broker connection kept by name: what a watch needs except the password (asked each time, or
 * kept by the desktop app's OS key store). Written out it is one entry of a connections file
 * (`linesight serve --connections`), so a team can share profiles as that file.
 */
export type ConnectionProfile = Omit<BrokerConfig, 'password' | 'name'> & {
  /** letters, digits, `.`, `_` and `-`: the connection's outbox, client id and password are kept under it */
  readonly name: string;
  /** the plant's IANA time zone (e.g. `Europe/Berlin`), for showing plant time of this connection's lines */
  readonly timeZone?: string;
};

/** Light or dark, or whatever the operating system says. */
export type Theme = 'system' | 'light' | 'dark';

/** How the console shows times and numbers. */
export type ViewPreferences = {
  readonly theme: Theme;
  /** times in the plant's time zone, or in UTC */
  readonly time: 'plant' | 'utc';
  /** counts grouped the locale's way (`12,345`), or plain (`12345`) */
  readonly numbers: 'locale' | 'plain';
};

/** The scenario last started from the console, to offer it again. */
export type LastScenario = {
  /** a bundled scenario id or a scenario file path, as `session.start` took it */
  readonly id: string;
  readonly seed?: number;
  readonly speed: Speed;
  /** the duration asked for (`4h`), when not the scenario's own */
  readonly until?: string;
};

/** The desktop window's place and size (screen pixels), as it was closed. */
export type WindowState = {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
};

/** The settings file's content. */
export type Settings = {
  readonly version: SettingsVersion;
  /** unique by name, in the order they were saved */
  readonly connections: readonly ConnectionProfile[];
  readonly lastScenario?: LastScenario;
  readonly view: ViewPreferences;
  readonly window?: WindowState;
};

/** `settings.get`: the settings, and what the user should be told about them once. */
export type SettingsState = {
  readonly settings: Settings;
  /**
   * Said until dismissed (`settings.dismissNotice`): a file that could not be read and was set aside,
   * an older file upgraded (and what was dropped from it), a newer file left alone. Null: nothing to say.
   */
  readonly notice: string | null;
  /** the file was written by a newer Linesight: these are defaults, and nothing is saved over it */
  readonly readOnly: boolean;
};

/**
 * `settings.save`: what changes; anything left out stays. `connections` replaces the whole list
 * (passwords are stripped); `null` forgets the last scenario or the window's place.
 */
export type SettingsPatch = {
  readonly view?: Partial<ViewPreferences>;
  readonly lastScenario?: LastScenario | null;
  readonly window?: WindowState | null;
  readonly connections?: readonly ConnectionProfile[];
};

/** `settings.exportProfiles`: which profiles (default all). */
export type ProfilesExportArgs = { readonly names?: readonly string[] };

/**
 * The profiles written as a connections file (YAML) in the exports folder, and its text (the
 * desktop app, which serves no downloads, can save that). `notes`: what the file leaves out or
 * names that is not there on this machine.
 */
export type ProfilesExport = ExportResult & { readonly text: string; readonly notes: readonly string[] };

/** `settings.importProfiles`: a connections file's text (YAML or JSON) and the name it had, for messages. */
export type ProfilesImportArgs = { readonly text: string; readonly fileName?: string };

/** What an import did: profiles of the same name are replaced; an entry that is not usable is skipped with the reason. */
export type ProfilesImport = {
  readonly added: readonly string[];
  readonly replaced: readonly string[];
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
  /** connections whose password (or other secret, or user info in the URL) was dropped: never kept */
  readonly strippedPasswords: readonly string[];
  /** things worth knowing that did not stop an entry (a mappings file outside the mappings folder …) */
  readonly notes: readonly string[];
  readonly settings: Settings;
};
