import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { confinePath, PathRefused } from '../../../engine/host/confine-path.js';

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'linesight-confine-')));
const folder = join(dir, 'config', 'mappings');
const outside = join(dir, 'elsewhere');
mkdirSync(outside);
writeFileSync(join(outside, 'plant.yaml'), 'mappings: []\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const policy = (trusted: string[] = []) => ({ folder, trusted });

describe('a path that arrives over the API', () => {
  it('is taken inside the mappings folder when bare or relative, and the folder is created', () => {
    expect(confinePath('line-2.yaml', policy())).toBe(join(folder, 'line-2.yaml'));
    mkdirSync(join(folder, 'site'), { recursive: true });
    expect(confinePath('site/line-3.yaml', policy())).toBe(join(folder, 'site', 'line-3.yaml'));
  });

  it('is refused when .. or an absolute path leads out of the folder, saying where it must be', () => {
    for (const p of ['../escape.yaml', '../../etc/passwd', join(outside, 'plant.yaml'), '/etc/passwd', `${folder}/../x.yaml`]) {
      expect(() => confinePath(p, policy()), p).toThrow(PathRefused);
    }
    expect(() => confinePath('../escape.yaml', policy())).toThrow(/must be in .*mappings.*command line or in a connections file/);
  });

  it('is refused when a link inside the folder leads out of it, to a file or through a folder', () => {
    mkdirSync(folder, { recursive: true });
    symlinkSync(join(outside, 'plant.yaml'), join(folder, 'linked.yaml'));
    symlinkSync(outside, join(folder, 'linked-dir'));
    expect(() => confinePath('linked.yaml', policy())).toThrow(PathRefused);
    expect(() => confinePath('linked-dir/plant.yaml', policy())).toThrow(PathRefused);
    expect(() => confinePath('linked-dir/new.yaml', policy())).toThrow(PathRefused);
    symlinkSync(join(outside, 'not-yet.yaml'), join(folder, 'dangling.yaml'));
    expect(() => confinePath('dangling.yaml', policy())).toThrow(/link that leads nowhere/);
  });

  it('is accepted anywhere when the command line or a connections file named it', () => {
    const named = join(outside, 'plant.yaml');
    expect(confinePath(named, policy([named]))).toBe(named);
    // only that file, not its neighbours
    expect(() => confinePath(join(outside, 'other.yaml'), policy([named]))).toThrow(PathRefused);
  });

  it('is refused when empty, NUL-bearing or in a folder that does not exist', () => {
    expect(() => confinePath('', policy())).toThrow(/expected a file name/);
    expect(() => confinePath('a\0b.yaml', policy())).toThrow(/NUL/);
    expect(() => confinePath('no/such/folder/x.yaml', policy())).toThrow(/its folder does not exist/);
  });
});
