import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

/** `npm start` on a machine without the Electron runtime: one line, then the browser console. */
const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'linesight-launch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('without the Electron binary, prints one line and starts `linesight serve`', async () => {
  const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'no-electron-here') };
  const child = spawn(process.execPath, [join(root, 'electron', 'launch.mjs'), '--port', '0', '--journal', join(dir, 'j.db')], { cwd: dir, env });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const out = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`no URL within 20 s: ${text}${stderr}`)), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        text += d.toString();
        if (/serving on http:\/\/\S+/.test(text)) {
          clearTimeout(timer);
          resolve(text);
        }
      });
      void exited.then((code) => reject(new Error(`launcher exited early (${code}): ${stderr}`)));
    });
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('Electron runtime not installed (its download is blocked here) — starting the browser console instead');
    expect(lines[1]).toMatch(/^Linesight is serving on http:\/\/127\.0\.0\.1:\d+ \(journal .*j\.db\)$/);
    expect(lines).toHaveLength(2);
  } finally {
    child.kill('SIGTERM');
    expect(await exited, `launcher stderr: ${stderr}`).toBe(0);
  }
});
