import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveLocally } from './local-http.js';
import { exportFileName, withExports } from '../../../cli/serve/export-files.js';

const dir = mkdtempSync(join(tmpdir(), 'linesight-exports-'));
const exportsDir = join(dir, 'exports');
const CSV = 'linesight-session-3-20261123-140509.csv';
const JSONL = 'linesight-session-3-20261123-140509-2.jsonl';
let local: Awaited<ReturnType<typeof serveLocally>>;

beforeAll(async () => {
  mkdirSync(exportsDir);
  writeFileSync(join(exportsDir, CSV), 'seq,time\r\n1,x\r\n');
  writeFileSync(join(exportsDir, JSONL), '{"id":"a"}\n');
  writeFileSync(join(exportsDir, '.linesight-session-3-20261123-140509.csv.1234.part'), 'half');
  writeFileSync(join(exportsDir, 'notes.txt'), 'private');
  writeFileSync(join(dir, 'linesight.db'), 'journal');
  // named like an export, but a link to a file outside the exports folder
  symlinkSync(join(dir, 'linesight.db'), join(exportsDir, 'linesight-session-4-20261123-140509.csv'));
  local = await serveLocally(withExports(exportsDir, (_req, res) => res.end('ui')));
});
afterAll(async () => {
  await local.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, method?: string) => local.get(path, method);

describe('GET /exports/<file>', () => {
  it('serves a finished export as a download with its content type', async () => {
    const csv = await get(`/exports/${CSV}`);
    expect(csv).toMatchObject({ status: 200, body: 'seq,time\r\n1,x\r\n' });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="${CSV}"`);
    expect(csv.headers['x-content-type-options']).toBe('nosniff');
    const jsonl = await get(`/exports/${encodeURIComponent(JSONL)}?t=1`);
    expect(jsonl).toMatchObject({ status: 200, body: '{"id":"a"}\n' });
    expect(jsonl.headers['content-type']).toBe('application/jsonl; charset=utf-8');
    expect(await get(`/exports/${CSV}`, 'HEAD')).toMatchObject({ status: 200, body: '' });
    expect((await get(`/exports/${CSV}`, 'POST')).status).toBe(405);
  });

  it('refuses paths that leave the folder, other files in it, unfinished and unknown exports', async () => {
    const refused = [
      '/exports/../linesight.db',
      '/exports/..%2flinesight.db',
      '/exports/%2e%2e%2flinesight.db',
      '/exports/..%5clinesight.db',
      '/exports/notes.txt',
      '/exports/.linesight-session-3-20261123-140509.csv.1234.part',
      '/exports/linesight-session-3-20261123-140510.csv',
      '/exports/linesight-session-3-20261123-140509.csv%00.txt',
      '/exports/sub/' + CSV,
      '/exports/',
      '/exports/%E0%A4%A',
      // a link that leads out of the folder
      '/exports/linesight-session-4-20261123-140509.csv',
    ];
    for (const path of refused) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toMatch(/journal|private|half/);
    }
    expect(exportFileName('/exports/../x.csv')).toBeNull();
  });

  it('also offers reconciliation reports, by their own name pattern only', () => {
    expect(exportFileName('/exports/reconciliation-session-12.html')).toBe('reconciliation-session-12.html');
    expect(exportFileName('/exports/reconciliation-session-12-2.json')).toBe('reconciliation-session-12-2.json');
    expect(exportFileName('/exports/reconciliation-session-12.exe')).toBeNull();
    expect(exportFileName('/exports/reconciliation-session-../12.html')).toBeNull();
  });

  it('and evidence packs (HTML only), by their own name pattern only', () => {
    expect(exportFileName('/exports/evidence-session-3-20261123-140509.html')).toBe('evidence-session-3-20261123-140509.html');
    expect(exportFileName('/exports/evidence-session-3-20261123-140509-2.html')).toBe('evidence-session-3-20261123-140509-2.html');
    expect(exportFileName('/exports/evidence-session-3-20261123-140509.pdf')).toBeNull();
    expect(exportFileName('/exports/evidence-session-3.html')).toBeNull();
    expect(exportFileName('/exports/.evidence-1234.part')).toBeNull();
  });

  it('leaves every other path to the UI', async () => {
    expect(await get('/')).toMatchObject({ status: 200, body: 'ui' });
    expect(await get('/exportsx/' + CSV)).toMatchObject({ status: 200, body: 'ui' });
  });
});
