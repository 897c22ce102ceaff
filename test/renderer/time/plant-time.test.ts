import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../engine/contract/index.js';
import { plantZone, watchedPlants } from '../../../renderer/time/display-state.js';
import { chooseZone, formatInstant, isoWall, offsetAt, parseWallTime, wallTimeToInstant, zoneLabel } from '../../../renderer/time/plant-time.js';

const CHI = 'America/Chicago';
const wall = (text: string) => parseWallTime(text)!;

describe('plant time: an instant as the plant’s wall clock', () => {
  it('shows America/Chicago in standard time (CST, UTC−6) and daylight time (CDT, UTC−5)', () => {
    const winter = Date.parse('2026-01-15T12:00:00Z');
    const summer = Date.parse('2026-07-15T12:00:00Z');
    expect(formatInstant(winter, CHI, {}, 'en-US')).toBe('01/15/2026, 06:00:00 CST');
    expect(formatInstant(summer, CHI, {}, 'en-US')).toBe('07/15/2026, 07:00:00 CDT');
    expect(zoneLabel(winter, CHI, 'en-US')).toBe('CST');
    expect(zoneLabel(summer, CHI, 'en-US')).toBe('CDT');
    expect(offsetAt(winter, CHI)).toBe(-6 * 3_600_000);
    expect(offsetAt(summer, CHI)).toBe(-5 * 3_600_000);
  });

  it('names a European plant’s zone as the CLI does (CET, CEST) for an English reader, in the reader’s language otherwise', () => {
    const BER = 'Europe/Berlin';
    const winter = Date.parse('2026-01-15T12:00:00Z');
    const summer = Date.parse('2026-07-15T12:00:00Z');
    expect(zoneLabel(winter, BER, 'en-US')).toBe('CET');
    expect(zoneLabel(summer, BER, 'en-US')).toBe('CEST');
    expect(formatInstant(winter, BER, {}, 'en-US')).toBe('01/15/2026, 13:00:00 CET');
    expect(zoneLabel(winter, BER, 'de-DE')).toBe('MEZ');
    // no abbreviation in British English either: the offset stays
    expect(zoneLabel(winter, 'Asia/Shanghai', 'en-US')).toBe('GMT+8');
  });

  it('follows the locale for the date, keeps a 24-hour clock', () => {
    const t = Date.parse('2026-07-15T20:05:09Z');
    expect(formatInstant(t, CHI, {}, 'de-DE')).toMatch(/^15\.07\.2026, 15:05:09 /);
    expect(formatInstant(t, CHI, { date: false, seconds: false, label: false }, 'en-US')).toBe('15:05');
    expect(formatInstant(t + 42, 'UTC', { date: false, millis: true }, 'en-US')).toBe('20:05:09.042 UTC');
    expect(isoWall(t, CHI)).toBe('2026-07-15 15:05:09');
  });

  it('shows UTC when the viewer asks for it, or when no valid zone is known', () => {
    expect(chooseZone('plant', CHI)).toEqual({ zone: CHI, utc: false });
    expect(chooseZone('utc', CHI)).toEqual({ zone: 'UTC', utc: true });
    expect(chooseZone('plant', null)).toEqual({ zone: 'UTC', utc: true });
    expect(chooseZone('plant', 'Mars/Olympus')).toEqual({ zone: 'UTC', utc: true });
    expect(formatInstant(Date.parse('2026-01-15T12:00:00Z'), chooseZone('utc', CHI).zone, {}, 'en-US')).toBe('01/15/2026, 12:00:00 UTC');
  });
});

describe('plant time: a typed wall time as an instant', () => {
  it('reads an ordinary time in the zone', () => {
    expect(wallTimeToInstant(wall('2026-01-15 06:00'), CHI)).toEqual({ ms: Date.parse('2026-01-15T12:00:00Z'), kind: 'exact' });
    expect(wallTimeToInstant(wall('2026-07-15 07:00:00'), CHI)).toEqual({ ms: Date.parse('2026-07-15T12:00:00Z'), kind: 'exact' });
    expect(wallTimeToInstant(wall('2026-07-15 07:00:00.250'), 'UTC')).toEqual({ ms: Date.parse('2026-07-15T07:00:00.250Z'), kind: 'exact' });
  });

  it('moves a time in the spring-forward gap forward by the gap (02:30 → 03:30 CDT)', () => {
    const r = wallTimeToInstant(wall('2026-03-08 02:30'), CHI);
    expect(r).toEqual({ ms: Date.parse('2026-03-08T08:30:00Z'), kind: 'gap' });
    expect(formatInstant(r.ms, CHI, {}, 'en-US')).toBe('03/08/2026, 03:30:00 CDT');
    // the edges: 01:59:59 CST exists, 03:00 CDT exists
    expect(wallTimeToInstant(wall('2026-03-08 01:59:59'), CHI)).toEqual({ ms: Date.parse('2026-03-08T07:59:59Z'), kind: 'exact' });
    expect(wallTimeToInstant(wall('2026-03-08 03:00'), CHI)).toEqual({ ms: Date.parse('2026-03-08T08:00:00Z'), kind: 'exact' });
  });

  it('takes the earlier of the two instants of a fall-back repeat (01:30 CDT, not CST)', () => {
    const r = wallTimeToInstant(wall('2026-11-01 01:30'), CHI);
    expect(r).toEqual({ ms: Date.parse('2026-11-01T06:30:00Z'), kind: 'overlap' });
    expect(formatInstant(r.ms, CHI, {}, 'en-US')).toBe('11/01/2026, 01:30:00 CDT');
    expect(wallTimeToInstant(wall('2026-11-01 02:00'), CHI)).toEqual({ ms: Date.parse('2026-11-01T08:00:00Z'), kind: 'exact' });
  });

  it('round-trips every quarter hour over both changes', () => {
    for (let t = Date.parse('2026-03-07T00:00:00Z'); t < Date.parse('2026-03-10T00:00:00Z'); t += 900_000) {
      expect(wallTimeToInstant(wall(isoWall(t, CHI)), CHI).ms).toBe(t);
    }
    for (let t = Date.parse('2026-10-31T00:00:00Z'); t < Date.parse('2026-11-03T00:00:00Z'); t += 900_000) {
      const r = wallTimeToInstant(wall(isoWall(t, CHI)), CHI);
      // in the repeated hour the earlier instant is taken: the later one maps to an hour before
      expect(r.kind === 'overlap' ? t - r.ms : r.ms - t).toBe(r.kind === 'overlap' && r.ms !== t ? 3_600_000 : 0);
    }
  });

  it('refuses what is no wall time, or a day the calendar lacks', () => {
    expect(parseWallTime('2026-02-30 07:00')).toBeNull();
    expect(parseWallTime('2026-03-02 24:00')).toBeNull();
    expect(parseWallTime('noon')).toBeNull();
    expect(parseWallTime('2028-02-29T07:00')).toEqual({ year: 2028, month: 2, day: 29, hour: 7, minute: 0, second: 0, ms: 0 });
  });
});

describe('plant time of a watch: the zones its connections name', () => {
  const conn = (name: string, timeZone?: string, lines?: string[]) => ({ name, timeZone, lines }) as unknown as ConnectionStatus;
  it('gives each plant of a connection’s lines its zone, and a connection naming no lines stands for the watch', () => {
    const plants = watchedPlants([conn('tulsa-edge', 'America/Chicago', ['US01/L1', 'US01/L2']), conn('kassel', 'Europe/Berlin'), conn('no-zone', undefined, ['MX01/L1'])]);
    expect(plants?.map((p) => [p.id, p.timeZone])).toEqual([
      ['US01', 'America/Chicago'],
      ['kassel', 'Europe/Berlin'],
    ]);
    expect(plantZone(plants, 'US01')).toBe('America/Chicago');
    // a line of another plant is shown in the watch's first zone
    expect(plantZone(plants, 'MX01')).toBe('America/Chicago');
  });
  it('knows no zone when no connection names one: the console shows UTC', () => {
    expect(watchedPlants([conn('a'), conn('b', undefined, ['US01/L1'])])).toBeUndefined();
    expect(chooseZone('plant', plantZone(undefined)).zone).toBe('UTC');
  });
});
