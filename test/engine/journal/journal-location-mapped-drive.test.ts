import { describe, expect, it } from 'vitest';
import {
  allowNetworkJournalFrom,
  checkJournalLocation,
  driveOf,
  journalLocationFacts,
  journalLocationProblem,
  JournalLocationError,
  parseNetUse,
} from '../../../engine/journal/journal-location.js';

/**
 * A journal on a Windows drive letter mapped to a share (Z: → \\server\share) is a journal on a
 * network share: `net use` says which letters are mapped, in the user's language. And the desktop
 * app's way to accept a network journal: `--allow-network-journal` or LINESIGHT_ALLOW_NETWORK_JOURNAL=1.
 */
const ENGLISH = `New connections will be remembered.


Status       Local     Remote                    Network

-------------------------------------------------------------------------------
OK           Z:        \\\\fileserver\\plant       Microsoft Windows Network
Disconnected Y:        \\\\nas01\\archive          Microsoft Windows Network
Unavailable  X:        \\\\old-server\\qa data     Microsoft Windows Network
OK                     \\\\fileserver\\IPC$        Microsoft Windows Network
OK           W:        \\\\a-very-long-server-name\\a-long-share
                                                Microsoft Windows Network
The command completed successfully.
`;

const GERMAN = `Neue Verbindungen werden gespeichert.


Status       Lokal     Remote                    Netzwerk

-------------------------------------------------------------------------------
OK           Z:        \\\\fileserver\\werk        Microsoft Windows-Netzwerk
Nicht verfügbar  P:    \\\\srv\\projekte           Microsoft Windows-Netzwerk
Der Befehl wurde erfolgreich ausgeführt.
`;

describe('drive letters mapped to a network share (Windows)', () => {
  it('reads each mapped drive letter and its share from `net use`, whatever the status', () => {
    expect([...parseNetUse(ENGLISH)]).toEqual([
      ['Z:', '\\\\fileserver\\plant'],
      ['Y:', '\\\\nas01\\archive'],
      ['X:', '\\\\old-server\\qa data'],
      ['W:', '\\\\a-very-long-server-name\\a-long-share'],
    ]);
  });

  it('matches the columns, not the words: a localized output and Windows line ends', () => {
    expect([...parseNetUse(GERMAN.replace(/\n/g, '\r\n'))]).toEqual([
      ['Z:', '\\\\fileserver\\werk'],
      ['P:', '\\\\srv\\projekte'],
    ]);
  });

  it('finds nothing where nothing is mapped', () => {
    expect(parseNetUse('There are no entries in the list.\r\n').size).toBe(0);
    expect(parseNetUse('').size).toBe(0);
  });

  it('takes the drive letter of a path, also behind \\\\?\\, and none of a share or a relative path', () => {
    expect(['z:\\plant\\linesight.db', 'C:/data/j.db', '\\\\?\\Z:\\j.db'].map(driveOf)).toEqual(['Z:', 'C:', 'Z:']);
    expect(['\\\\server\\share\\j.db', 'linesight.db', '/home/j.db'].map(driveOf)).toEqual([undefined, undefined, undefined]);
  });

  it('refuses a journal on a mapped drive, naming the share, and not one on a local drive', () => {
    const p = journalLocationProblem({ platform: 'win32', path: 'Z:\\plant\\linesight.db', notWritable: null, mappedTo: '\\\\fileserver\\plant' });
    expect(p).toMatchObject({ kind: 'network', fileSystem: 'a Windows network share' });
    expect(p?.reason).toMatch(/^Z:\\plant\\linesight\.db is on a network share \(Z: is mapped to \\\\fileserver\\plant\): SQLite's write-ahead log is not safe/);
    expect(journalLocationProblem({ platform: 'win32', path: 'C:\\data\\linesight.db', notWritable: null })).toBeNull();
  });

  it('asks `net use` once, only on Windows, and takes a failure of it as "unknown", not as a refusal', () => {
    let asked = 0;
    const netUse = () => {
      asked++;
      return ENGLISH;
    };
    expect(journalLocationFacts('Z:\\plant\\linesight.db', { platform: 'win32', netUse })).toMatchObject({ mappedTo: '\\\\fileserver\\plant' });
    expect(asked).toBe(1);
    expect(journalLocationFacts('C:\\data\\linesight.db', { platform: 'win32', netUse }).mappedTo).toBeUndefined();
    expect(journalLocationFacts('/tmp/linesight.db', { platform: 'linux', netUse }).mappedTo).toBeUndefined();
    expect(asked).toBe(2);
    const failing = () => {
      throw new Error('spawnSync net ETIMEDOUT');
    };
    expect(journalLocationFacts('Z:\\plant\\linesight.db', { platform: 'win32', netUse: failing }).mappedTo).toBeUndefined();
    expect(journalLocationFacts('Z:\\plant\\linesight.db', { platform: 'win32', netUse: () => null }).mappedTo).toBeUndefined();
  });

  it('refuses the mapped drive in the check unless a network journal is allowed', () => {
    const probe = { platform: 'win32' as const, netUse: () => ENGLISH };
    expect(() => checkJournalLocation('Z:\\plant\\linesight.db', { probe })).toThrow(JournalLocationError);
    expect(() => checkJournalLocation('Z:\\plant\\linesight.db', { probe, allowNetwork: true })).not.toThrow();
  });
});

describe("the desktop app's switch for a journal on a network share", () => {
  it('is --allow-network-journal on its command line, or LINESIGHT_ALLOW_NETWORK_JOURNAL=1 in its environment', () => {
    const exe = ['C:\\Program Files\\Linesight\\Linesight.exe'];
    expect(allowNetworkJournalFrom(exe, {})).toBe(false);
    expect(allowNetworkJournalFrom([...exe, '--allow-network-journal'], {})).toBe(true);
    // in development Electron runs the app folder with its own switches around it
    expect(allowNetworkJournalFrom(['/usr/lib/electron', '.', '--no-sandbox', '--allow-network-journal'], {})).toBe(true);
    expect(allowNetworkJournalFrom(exe, { LINESIGHT_ALLOW_NETWORK_JOURNAL: '1' })).toBe(true);
    expect(allowNetworkJournalFrom(exe, { LINESIGHT_ALLOW_NETWORK_JOURNAL: 'true' })).toBe(true);
    for (const off of ['0', '', 'no', 'false']) expect(allowNetworkJournalFrom(exe, { LINESIGHT_ALLOW_NETWORK_JOURNAL: off })).toBe(false);
    // a look-alike switch is not it
    expect(allowNetworkJournalFrom([...exe, '--allow-network-journal=no', '--allow-network'], {})).toBe(false);
  });
});
