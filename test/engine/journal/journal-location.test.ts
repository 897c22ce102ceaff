import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkJournalLocation,
  isUncPath,
  journalLocationProblem,
  JournalLocationError,
  NETWORK_FILE_SYSTEMS,
  type JournalLocationFacts,
} from '../../../engine/journal/journal-location.js';

const linux = (fsType: number | bigint | undefined, notWritable: string | null = null): JournalLocationFacts => ({
  platform: 'linux',
  path: '/data/linesight.db',
  ...(fsType === undefined ? {} : { fsType }),
  notWritable,
});

describe('where a journal may be written', () => {
  it.each([
    [0x6969, 'NFS'],
    [0xff534d42, 'SMB/CIFS'],
    [0xfe534d42, 'SMB2'],
    [0x01021997, '9p'],
    [0x65735546, 'FUSE'],
  ])('refuses a Linux network file system by its statfs magic number 0x%s (%s), saying why', (magic, name) => {
    const p = journalLocationProblem(linux(magic));
    expect(p).toMatchObject({ kind: 'network', fileSystem: expect.stringContaining(name) });
    expect(p?.reason).toMatch(/\/data\/linesight\.db is on .*write-ahead log is not safe on a network file system/);
  });

  it('takes the magic number as statfs gives it, number or bigint', () => {
    expect(journalLocationProblem(linux(BigInt(0x6969)))?.kind).toBe('network');
  });

  it('accepts local file systems (ext4, xfs, btrfs, tmpfs, overlayfs) and an unknown type', () => {
    for (const local of [0xef53, 0x58465342, 0x9123683e, 0x01021994, 0x794c7630, undefined]) expect(journalLocationProblem(linux(local))).toBeNull();
  });

  it('keeps the magic numbers as data: every entry names its file system', () => {
    expect(NETWORK_FILE_SYSTEMS.size).toBeGreaterThanOrEqual(5);
    for (const [magic, name] of NETWORK_FILE_SYSTEMS) {
      expect(Number.isInteger(magic)).toBe(true);
      expect(name).not.toBe('');
    }
  });

  it('reads magic numbers only on Linux: on macOS f_type means something else', () => {
    expect(journalLocationProblem({ ...linux(0x6969), platform: 'darwin' })).toBeNull();
  });

  it('refuses a Windows network share by its UNC path, and not a local drive', () => {
    for (const path of ['\\\\server\\share\\linesight.db', '//server/share/linesight.db', '\\\\?\\UNC\\server\\share\\linesight.db']) {
      expect(isUncPath(path)).toBe(true);
      expect(journalLocationProblem({ platform: 'win32', path, notWritable: null })).toMatchObject({ kind: 'network', fileSystem: 'a Windows network share' });
    }
    for (const path of ['C:\\data\\linesight.db', '\\\\?\\C:\\data\\linesight.db', '\\\\.\\C:\\linesight.db', 'linesight.db']) {
      expect(isUncPath(path)).toBe(false);
      expect(journalLocationProblem({ platform: 'win32', path, notWritable: null })).toBeNull();
    }
  });

  it('refuses a read-only folder, naming it and the files SQLite needs beside the journal', () => {
    expect(journalLocationProblem(linux(0xef53, 'EROFS'))).toEqual({
      kind: 'read-only',
      reason: "the journal's folder /data is on a read-only file system: the journal, and the -wal and -shm files SQLite keeps beside it, need a writable folder",
    });
    expect(journalLocationProblem(linux(0xef53, 'EACCES'))?.reason).toMatch(/\/data may not be written by this user \(EACCES\)/);
  });

  it('checks a real folder: a writable local one passes, and the error says what to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linesight-location-'));
    try {
      expect(() => checkJournalLocation(join(dir, 'j.db'))).not.toThrow();
      expect(() => checkJournalLocation(join(dir, 'no-such-folder', 'j.db'))).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const network = new JournalLocationError({ kind: 'network', fileSystem: 'NFS', reason: '/mnt/x.db is on NFS: …' });
    expect(network.message).toMatch(/--allow-network-journal$/);
    expect(new JournalLocationError({ kind: 'read-only', reason: 'the folder is read-only' }).message).toMatch(/Choose another place with --journal$/);
  });
});
