/**
 * electron-builder.yml, checked without building anything: it validates against the JSON schema that
 * ships with the electron-builder installed here (app-builder-lib's scheme.json), it asks for the targets
 * and the security settings the issue names, and the icons and package.json fields it relies on exist.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type AnySchemaObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { builderRequire, loadConfig, ROOT } from './builder-files.js';

const schema = builderRequire('app-builder-lib/scheme.json') as AnySchemaObject;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const config = loadConfig();

type Section = Record<string, unknown>;
const section = (name: string): Section => (config[name] ?? {}) as Section;

describe('electron-builder.yml', () => {
  it('validates against app-builder-lib/scheme.json', () => {
    const ok = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('is rejected by that schema when it carries an option electron-builder does not know (the check bites)', () => {
    expect(validate({ ...config, nsis: { ...section('nsis'), perUser: true } })).toBe(false);
    expect(validate({ ...config, electronFuses: { ...section('electronFuses'), grantFileProtocolPrivileges: false } })).toBe(false);
  });

  it('builds NSIS and portable for Windows, AppImage and deb for Linux, dmg for macOS', () => {
    expect(section('win').target).toEqual(['nsis', 'portable']);
    expect(section('linux').target).toEqual(['AppImage', 'deb']);
    expect(section('mac').target).toBe('dmg');
  });

  it('installs per user without administrator rights', () => {
    // one-click + not per-machine = %LOCALAPPDATA%\Programs, no install-mode page offering "all users"
    expect(section('nsis')).toMatchObject({ oneClick: true, perMachine: false, packElevateHelper: false });
    expect(section('portable').requestExecutionLevel).toBe('user');
    expect(section('win').requestedExecutionLevel ?? 'asInvoker').toBe('asInvoker');
  });

  it('sets the fuses, file:// privileges off included', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('never rebuilds node_modules for Electron (the Node binary stays the CLI’s and the tests’)', () => {
    expect(config.npmRebuild).toBe(false);
  });

  it('keeps the update feed a placeholder on a reserved domain and publishes nothing by itself', () => {
    expect(config.publish).toMatchObject({ provider: 'generic' });
    expect(new URL((config.publish as { url: string }).url).hostname).toMatch(/\.invalid$/);
    expect(readFileSync(join(ROOT, 'scripts', 'dist.mjs'), 'utf8')).toContain("'--publish', 'never'");
  });

  it('keeps no signing secret in the file', () => {
    const text = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
    expect(text).not.toMatch(/^\s*(cscLink|cscKeyPassword|certificatePassword|certificateFile)\s*:/m);
  });
});

describe('icons in build/ (buildResources), not resources/', () => {
  const buildDir = join(ROOT, config.directories?.buildResources ?? '');

  /** width and height from a PNG's IHDR */
  function pngSize(buf: Buffer): [number, number] {
    expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(buf.subarray(12, 16).toString('ascii')).toBe('IHDR');
    return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
  }

  it('has build/ as buildResources', () => {
    expect(config.directories?.buildResources).toBe('build');
  });

  it('has a 512×512 PNG for macOS (electron-builder makes the .icns) and a Linux set named by size', () => {
    expect(section('mac').icon).toBe('icon.png');
    expect(pngSize(readFileSync(join(buildDir, 'icon.png')))).toEqual([512, 512]);
    expect(section('linux').icon).toBe('icons');
    for (const size of [256, 512]) expect(pngSize(readFileSync(join(buildDir, 'icons', `${size}x${size}.png`)))).toEqual([size, size]);
  });

  it('has a Windows .ico with a 256×256 image', () => {
    expect(section('win').icon).toBe('icon.ico');
    const ico = readFileSync(join(buildDir, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
      const entry = 6 + 16 * i;
      const data = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8));
      return pngSize(data)[0];
    });
    expect(sizes).toContain(256);
    expect(sizes).toContain(16);
  });

  it('keeps the SVG the icons are drawn from', () => {
    expect(readFileSync(join(buildDir, 'icon.svg'), 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 512 512"/);
  });
});

describe('package.json for packaging', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    author?: { name?: string; email?: string };
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
    scripts: Record<string, string>;
  };

  it('names an author with an email (the deb maintainer)', () => {
    expect(pkg.author?.name).toBeTruthy();
    expect(pkg.author?.email).toMatch(/^[^@\s]+@[^@\s]+$/);
  });

  it('ships no renderer-only package: Vite bundles them into dist/renderer', () => {
    for (const name of ['react', 'react-dom', 'chart.js', 'zustand']) {
      expect(pkg.dependencies).not.toHaveProperty(name);
      expect(pkg.devDependencies).toHaveProperty(name);
    }
  });

  it('rebuilds nothing for Electron in npm test or on install', () => {
    for (const script of ['test', 'build', 'prepare', 'postinstall', 'install']) {
      expect(pkg.scripts[script] ?? '').not.toMatch(/electron-rebuild|@electron\/rebuild|install-app-deps|electron-sqlite|dist\.mjs/);
    }
    expect(pkg.scripts.dist).toMatch(/scripts\/dist\.mjs/);
  });
});
