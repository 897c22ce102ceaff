import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportFileName } from '../../../cli/serve/export-files.js';
import { createLocalApi, type LocalApi } from '../../../engine/index.js';
import { loadConnections } from '../../../engine/sources/mqtt/connections-file.js';
import { fakeClock } from '../session/fake-clock.js';

/**
 * Settings through the API, as the console uses them: saved by one host, found by the next (an
 * engineer who closes Linesight finds brokers, scenario and preferences as they left them); a
 * corrupt file is set aside and said once; profiles go out as a connections file and come back in.
 */
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'settings');

let dir: string;
let configDir: string;
const hosts: LocalApi[] = [];
const host = (opts: { exportBaseUrl?: string } = {}): LocalApi => {
  const api = createLocalApi({ journalPath: join(dir, 'journal.db'), clock: fakeClock(), operator: 'pc-user', configDir, ...opts });
  hosts.push(api);
  return api;
};
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linesight-settings-api-'));
  configDir = join(dir, 'config');
});
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
  rmSync(dir, { recursive: true, force: true });
});

const settingsText = () => readFileSync(join(configDir, 'settings.json'), 'utf8');

describe('settings over the API', () => {
  it('keeps profiles, the last scenario, preferences and the window for the next start, never a password', async () => {
    const first = host();
    expect(await first.queries['settings.get']()).toEqual({
      settings: { version: 2, connections: [], view: { theme: 'system', time: 'plant', numbers: 'locale' } },
      notice: null,
      readOnly: false,
    });
    await first.commands['settings.save']({ view: { theme: 'dark' } });
    await first.commands['settings.save']({ lastScenario: { id: 'master-data-errors', speed: 600 } });
    await first.commands['settings.save']({
      connections: [{ name: 'line-2', url: 'mqtt://10.0.0.5:1883', username: 'eng', password: 'hunter2', subscriptions: ['linesight/v1/US01/L2/#'] } as never],
    });
    await first.commands['settings.save']({ window: { x: 10, y: 20, width: 1300, height: 850, maximized: true } });
    await first.close();

    const next = await host().queries['settings.get']();
    expect(next).toEqual({
      settings: {
        version: 2,
        connections: [{ name: 'line-2', url: 'mqtt://10.0.0.5:1883', username: 'eng', protocolVersion: 5, subscriptions: ['linesight/v1/US01/L2/#'] }],
        lastScenario: { id: 'master-data-errors', speed: 600 },
        view: { theme: 'dark', time: 'plant', numbers: 'locale' },
        window: { x: 10, y: 20, width: 1300, height: 850, maximized: true },
      },
      notice: null,
      readOnly: false,
    });
    expect(settingsText()).not.toContain('hunter2');
  });

  it('refuses a patch it cannot keep, with the reason, and changes nothing', async () => {
    const api = host();
    await api.commands['settings.save']({ view: { theme: 'light' } });
    await expect(api.commands['settings.save']({ view: { theme: 'sepia' as never } })).rejects.toThrow(/settings\.save: \/view\/theme must be equal to one of the allowed values/);
    await expect(api.commands['settings.save']({ colour: 'red' } as never)).rejects.toThrow(/unknown key "colour"/);
    await expect(api.commands['settings.save']({ connections: [{ name: 'a', url: 'mqtt://h:1883', publish: { allow: ['x/#'] } }] })).rejects.toThrow(
      /connections\[0\] \("a"\): publish prefix "x\/#" must be a concrete topic prefix/,
    );
    await expect(api.commands['settings.save']({ connections: [{ name: 'a', url: 'mqtt://h:1883' }, { name: 'a', url: 'mqtt://g:1883' }] })).rejects.toThrow(
      /two connection profiles are called "a"/,
    );
    expect((await api.queries['settings.get']()).settings.view.theme).toBe('light');
  });

  it('upgrades a version 1 file, says so until the console dismisses it', async () => {
    mkdirSync(configDir, { recursive: true });
    copyFileSync(join(FIXTURES, 'settings-v1.json'), join(configDir, 'settings.json'));
    const api = host();
    const got = await api.queries['settings.get']();
    expect(got.settings.connections.map((c) => c.name)).toEqual(['line9-edge', 'old-broker.plant.example-1883']);
    expect(got.settings.lastScenario).toEqual({ id: 'master-data-errors', speed: 600 });
    expect(got.notice).toMatch(/upgraded from version 1 to 2[\s\S]*password kept for line9-edge was removed/);
    // said again to a console that did not dismiss it (a reload, another window) …
    expect((await api.queries['settings.get']()).notice).toBe(got.notice);
    // … and no more once it did
    expect((await api.commands['settings.dismissNotice']()).notice).toBeNull();
    expect((await api.queries['settings.get']()).notice).toBeNull();
  });

  it('sets a corrupt file aside, says so once, and works on the defaults', async () => {
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'settings.json'), '{ "version": 2, "view": ');
    const api = host();
    const got = await api.queries['settings.get']();
    expect(got.settings.connections).toEqual([]);
    expect(got.notice).toMatch(/^Your settings file could not be used \(not JSON: .*\)\. It was kept as .*settings\.json\.corrupt-\d{8}-\d{6} and the defaults are used\.$/);
    expect(readdirSync(configDir).filter((f) => f.startsWith('settings.json.corrupt-'))).toHaveLength(1);
    await api.commands['settings.save']({ view: { numbers: 'plain' } });
    await api.commands['settings.dismissNotice']();
    const after = await api.queries['settings.get']();
    expect(after).toMatchObject({ notice: null, settings: { view: { numbers: 'plain' } } });
  });

  it('leaves a newer file alone: defaults, read-only, saving refused with the reason', async () => {
    mkdirSync(configDir, { recursive: true });
    const newer = '{"version": 9, "anything": true}';
    writeFileSync(join(configDir, 'settings.json'), newer);
    const api = host();
    const got = await api.queries['settings.get']();
    expect(got.readOnly).toBe(true);
    expect(got.notice).toMatch(/newer Linesight \(settings version 9/);
    await expect(api.commands['settings.save']({ view: { theme: 'dark' } })).rejects.toThrow(/settings not saved: .*newer Linesight/);
    expect(readFileSync(join(configDir, 'settings.json'), 'utf8')).toBe(newer);
    expect(await api.commands['settings.dismissNotice']()).toMatchObject({ notice: null, readOnly: true });
  });
});

describe('profiles shared as a connections file', () => {
  const team = [
    'connections:',
    '  - name: line9-edge',
    '    url: mqtt://10.1.9.20:1883',
    '    username: commissioning',
    '    password: hunter2',
    '    subscribe: [ "linesight/v1/US01/L9/#" ]',
    '    publish: { allow: [ "linesight/v1/US01/L9/" ] }',
    '    lines: [ US01/L9 ]',
    '  - name: broken',
    '    url: http://not-a-broker',
  ].join('\n');

  it('imports a team’s file (dropping its password), exports it as a file serve reads, and imports that back unchanged', async () => {
    const api = host({ exportBaseUrl: '/exports/' });
    await api.commands['settings.save']({ connections: [{ name: 'line9-edge', url: 'mqtt://old:1883' }, { name: 'mine', url: 'mqtt://127.0.0.1:1883' }] });
    const imported = await api.commands['settings.importProfiles']({ text: team, fileName: 'C:\\Users\\ann\\team.yaml' });
    expect(imported).toMatchObject({
      added: [],
      replaced: ['line9-edge'],
      skipped: [{ name: 'broken', reason: expect.stringMatching(/^team\.yaml:9: url must be an mqtt:\/\//) as unknown }],
      strippedPasswords: ['line9-edge'],
    });
    expect(imported.settings.connections.map((c) => c.name)).toEqual(['line9-edge', 'mine']);
    expect(settingsText()).not.toContain('hunter2');

    const exported = await api.commands['settings.exportProfiles']();
    expect(exported.rows).toBe(2);
    expect(basename(exported.path)).toMatch(/^connections-\d{8}-\d{6}\.yaml$/);
    expect(exported.href).toBe(`/exports/${basename(exported.path)}`);
    // the browser host serves it as a download
    expect(exportFileName(exported.href!)).toBe(basename(exported.path));
    expect(readFileSync(exported.path, 'utf8')).toBe(exported.text);
    expect(exported.text).not.toContain('hunter2');
    // it is a connections file
    expect(loadConnections(exported.path).map((c) => [c.name, c.url, c.username ?? null])).toEqual([
      ['line9-edge', 'mqtt://10.1.9.20:1883', 'commissioning'],
      ['mine', 'mqtt://127.0.0.1:1883', null],
    ]);

    // a colleague's console
    const other = join(dir, 'other-config');
    const theirs = createLocalApi({ journalPath: join(dir, 'other.db'), clock: fakeClock(), configDir: other });
    hosts.push(theirs);
    const back = await theirs.commands['settings.importProfiles']({ text: exported.text });
    expect(back).toMatchObject({ added: ['line9-edge', 'mine'], replaced: [], skipped: [], strippedPasswords: [] });
    expect(back.settings.connections).toEqual(imported.settings.connections);
  });

  it('exports the profiles asked for, and refuses a name it does not have', async () => {
    const api = host();
    await api.commands['settings.save']({ connections: [{ name: 'a', url: 'mqtt://a:1883' }, { name: 'b', url: 'mqtt://b:1883' }] });
    const one = await api.commands['settings.exportProfiles']({ names: ['b'] });
    expect(one).toMatchObject({ rows: 1, href: null });
    expect(loadConnections(one.path).map((c) => c.name)).toEqual(['b']);
    await expect(api.commands['settings.exportProfiles']({ names: ['c'] })).rejects.toThrow(/no connection profile called "c"/);
  });
});
