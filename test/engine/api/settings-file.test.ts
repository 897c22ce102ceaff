import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, loadSettings, SETTINGS_FILE, writeSettings } from '../../../engine/api/settings-file.js';
import type { Settings } from '../../../engine/contract/index.js';

/**
 * settings.json in the config directory: what is written is read back as it was, an older file is
 * upgraded (and loses its passwords), a corrupt one is set aside with a message and the defaults
 * used, a newer one is left untouched.
 */
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'settings');
// 2025-03-14 10:15:00 UTC: the host's clock, which names a corrupt file set aside
const NOW = Date.UTC(2025, 2, 14, 10, 15, 0);

let dir: string;
const file = () => join(dir, SETTINGS_FILE);
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const full: Settings = {
  version: 2,
  connections: [
    {
      name: 'line9-edge',
      url: 'mqtts://10.1.9.20:8883',
      clientId: 'linesight-commissioning',
      username: 'commissioning',
      subscriptions: ['linesight/v1/US01/L9/#'],
      protocolVersion: 5,
      tls: { ca: '/etc/linesight/ca.pem', rejectUnauthorized: true },
      publish: { allow: ['linesight/v1/US01/L9/'] },
      mappings: 'line-9.mappings.yaml',
      lines: ['US01/L9'],
      timeZone: 'Europe/Berlin',
    },
  ],
  lastScenario: { id: 'master-data-errors', seed: 7, speed: 600, until: '4h' },
  view: { theme: 'dark', time: 'utc', numbers: 'plain' },
  window: { x: 40, y: 30, width: 1400, height: 900, maximized: false },
};

describe('settings.json', () => {
  it('gives the defaults when there is no file, and writes nothing', () => {
    expect(loadSettings(dir, NOW)).toEqual({ settings: defaultSettings(), events: [], readOnly: null });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reads back what it wrote, readable by the user only', () => {
    writeSettings(dir, full);
    expect(loadSettings(dir, NOW)).toEqual({ settings: full, events: [], readOnly: null });
    if (process.platform !== 'win32') expect(statSync(file()).mode & 0o777).toBe(0o600);
    // written whole: no temporary file is left beside it
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE]);
  });

  it('refuses to write settings the schema does not accept', () => {
    const bad = { ...full, view: { ...full.view, theme: 'blue' } } as unknown as Settings;
    expect(() => writeSettings(dir, bad)).toThrow(/settings not saved: \/view\/theme/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('upgrades a version 1 file: brokers become named connection profiles, its password is dropped, the file is written as version 2', () => {
    copyFileSync(join(FIXTURES, 'settings-v1.json'), file());
    const loaded = loadSettings(dir, NOW);
    expect(loaded.readOnly).toBeNull();
    expect(loaded.settings).toEqual({
      version: 2,
      connections: [
        {
          name: 'line9-edge',
          url: 'mqtt://10.1.9.20:1883',
          username: 'commissioning',
          subscriptions: ['linesight/v1/US01/L9/#', 'spBv1.0/Plant1/#'],
          publish: { allow: ['linesight/v1/US01/L9/'] },
          lines: ['US01/L9'],
        },
        { name: 'old-broker.plant.example-1883', url: 'mqtt://old-broker.plant.example:1883', subscriptions: ['linesight/v1/#'], protocolVersion: 4 },
      ],
      lastScenario: { id: 'master-data-errors', speed: 600 },
      view: { theme: 'dark', time: 'plant', numbers: 'locale' },
    });
    expect(loaded.events.join('\n')).toMatch(/upgraded from version 1 to 2/);
    expect(loaded.events.join('\n')).toMatch(/password kept for line9-edge was removed/);
    const written = readFileSync(file(), 'utf8');
    expect(JSON.parse(written)).toEqual(loaded.settings);
    expect(written).not.toContain('hunter2');
    // read again: nothing more to say
    expect(loadSettings(dir, NOW)).toEqual({ settings: loaded.settings, events: [], readOnly: null });
  });

  it('sets a file that is not JSON aside, with the reason, and uses the defaults', () => {
    writeFileSync(file(), '{"version": 2, "connections": [');
    const loaded = loadSettings(dir, NOW);
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.readOnly).toBeNull();
    expect(loaded.events).toHaveLength(1);
    expect(loaded.events[0]).toMatch(/could not be used \(not JSON: .*\)\. It was kept as .*settings\.json\.corrupt-20250314-101500 and the defaults are used/);
    expect(readdirSync(dir)).toEqual(['settings.json.corrupt-20250314-101500']);
    expect(readFileSync(join(dir, 'settings.json.corrupt-20250314-101500'), 'utf8')).toBe('{"version": 2, "connections": [');
    // a second bad file in the same second does not overwrite the first
    writeFileSync(file(), '[]');
    expect(loadSettings(dir, NOW).events[0]).toMatch(/not a JSON object.*corrupt-20250314-101500-2/);
  });

  it('sets aside a file the schema does not accept, naming what is wrong', () => {
    writeFileSync(file(), JSON.stringify({ ...full, view: { theme: 'dark', time: 'utc', numbers: 'roman' } }));
    const loaded = loadSettings(dir, NOW);
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.events[0]).toMatch(/\/view\/numbers must be equal to one of the allowed values/);
    expect(readdirSync(dir)).toEqual(['settings.json.corrupt-20250314-101500']);
  });

  it('leaves a file of a newer version untouched, and uses the defaults read-only', () => {
    const newer = JSON.stringify({ version: 3, profiles: [{ name: 'x' }] });
    writeFileSync(file(), newer);
    const loaded = loadSettings(dir, NOW);
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.events).toEqual([]);
    expect(loaded.readOnly).toMatch(/written by a newer Linesight \(settings version 3; this one knows 2\)/);
    expect(readFileSync(file(), 'utf8')).toBe(newer);
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE]);
  });

  it('drops a password or user info written into the file by hand, and says so', () => {
    const withSecrets = {
      ...full,
      connections: [{ ...full.connections[0], password: 'hunter2' }, { name: 'b', url: 'mqtt://ann:s3cret@broker.example:1883' }],
    };
    writeFileSync(file(), JSON.stringify(withSecrets));
    const loaded = loadSettings(dir, NOW);
    expect(loaded.settings.connections).toEqual([full.connections[0], { name: 'b', url: 'mqtt://broker.example:1883', username: 'ann' }]);
    expect(loaded.events.join(' ')).toMatch(/passwords kept for line9-edge, b were removed/);
    const written = readFileSync(file(), 'utf8');
    expect(written).not.toContain('hunter2');
    expect(written).not.toContain('s3cret');
  });

  it('creates the config directory when it writes the first time', () => {
    const nested = join(dir, 'a', 'b');
    writeSettings(nested, defaultSettings());
    expect(loadSettings(nested, NOW).settings).toEqual(defaultSettings());
  });
});
