import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../../engine/contract/index.js';
import {
  allowRefusal,
  liveTarget,
  parseLine,
  publishingOf,
  topicFor,
  type LiveTargetInput,
} from '../../../../renderer/components/injector/live-target.js';

/** Only `name` and `publish` matter here. */
const conn = (name: string, allow: readonly string[] | null): ConnectionStatus =>
  ({ name, publish: allow === null ? null : { allow, pending: 0, delivered: 0, lastError: null } }) as unknown as ConnectionStatus;

const edge = conn('line9-edge', ['linesight/v1/US01/L2/']);
const input = (patch: Partial<LiveTargetInput> = {}): LiveTargetInput => ({
  publishing: [edge],
  connection: '',
  lineText: '',
  order: 'PO-1',
  knownLine: 'US01/L2',
  system: 'mes',
  type: 'OrderStarted',
  ...patch,
});

describe('topics', () => {
  it('are linesight/v1/{plant}/{line}/{system}/{type}', () => {
    expect(topicFor('US01', 'L2', 'mes', 'OrderStarted')).toBe('linesight/v1/US01/L2/mes/OrderStarted');
  });
});

describe('parseLine', () => {
  it.each([
    ['US01/L2', { plant: 'US01', line: 'L2' }],
    ['  US01 / L2  ', { plant: 'US01', line: 'L2' }],
  ])('reads %j', (text, expected) => expect(parseLine(text)).toEqual(expected));

  it.each(['', 'US01', 'US01/', '/L2', 'US01/L2/x', ' / '])('refuses %j', (text) => expect(parseLine(text)).toBeNull());
});

describe('the publish allowlist', () => {
  it('lets through a topic under one of its prefixes', () => {
    expect(allowRefusal(edge, 'linesight/v1/US01/L2/mes/OrderStarted')).toBeNull();
  });

  it('refuses a topic outside it, naming the connection and its prefixes', () => {
    expect(allowRefusal(conn('line9-edge', ['linesight/v1/US01/L2/', 'linesight/v1/US01/L3/']), 'linesight/v1/US01/L4/mes/OrderStarted')).toBe(
      'topic linesight/v1/US01/L4/mes/OrderStarted is outside the publish allowlist of line9-edge (linesight/v1/US01/L2/, linesight/v1/US01/L3/)',
    );
  });

  it('refuses everything on a subscribe-only connection', () => {
    const expected =
      'publishing to mes is not enabled: it is subscribe-only until its connection names the topic prefixes Linesight may publish under';
    expect(allowRefusal(conn('mes', null), 'linesight/v1/US01/L2/mes/OrderStarted')).toBe(expected);
    expect(allowRefusal(conn('mes', []), 'linesight/v1/US01/L2/mes/OrderStarted')).toBe(expected);
  });

  it('only connections with an allowlist may publish', () => {
    expect(publishingOf([edge, conn('mes', null)]).map((c) => c.name)).toEqual(['line9-edge']);
  });
});

describe('liveTarget', () => {
  it('uses the only publishing connection and the line the order is known on', () => {
    expect(liveTarget(input())).toEqual({
      connection: edge,
      topic: 'linesight/v1/US01/L2/mes/OrderStarted',
      problem: null,
      blocked: null,
      line: undefined,
    });
  });

  it('wants a connection chosen when several may publish', () => {
    const other = conn('line3-edge', ['linesight/v1/US01/L3/']);
    expect(liveTarget(input({ publishing: [edge, other] }))).toMatchObject({ connection: null, problem: 'choose the connection to publish on', blocked: 'incomplete' });
    expect(liveTarget(input({ publishing: [edge, other], connection: 'line3-edge', lineText: 'US01/L3', knownLine: null }))).toMatchObject({
      connection: other,
      topic: 'linesight/v1/US01/L3/mes/OrderStarted',
      blocked: null,
      line: 'US01/L3',
    });
  });

  it('refuses a typed line that is not PLANT/LINE', () => {
    expect(liveTarget(input({ lineText: 'US01-L2' }))).toMatchObject({
      topic: null,
      problem: 'the line must be PLANT/LINE, e.g. US01/L2 (got “US01-L2”)',
      blocked: 'refused',
    });
  });

  it('refuses a typed line the order does not run on', () => {
    expect(liveTarget(input({ lineText: 'US01/L3' }))).toMatchObject({
      problem: 'order PO-1 runs on US01/L2, not US01/L3: clear the line or correct it',
      blocked: 'refused',
    });
  });

  it('asks for the line of an order the broker has not carried yet', () => {
    expect(liveTarget(input({ knownLine: null }))).toMatchObject({
      problem: 'order PO-1 has not been seen on this broker yet: give its line (PLANT/LINE)',
      blocked: 'incomplete',
    });
    expect(liveTarget(input({ knownLine: null, order: ' ' })).problem).toBe('give the order, and its line (PLANT/LINE) if the broker has not carried it yet');
    expect(liveTarget(input({ knownLine: null, lineText: ' US01/L2 ' }))).toMatchObject({
      topic: 'linesight/v1/US01/L2/mes/OrderStarted',
      blocked: null,
      line: 'US01/L2',
    });
  });

  it('wants a known event type', () => {
    expect(liveTarget(input({ system: null }))).toMatchObject({ topic: null, problem: 'the event type is not known', blocked: 'incomplete' });
  });

  it('shows the topic and refuses it when it is outside the allowlist', () => {
    expect(liveTarget(input({ knownLine: 'US01/L4' }))).toMatchObject({
      topic: 'linesight/v1/US01/L4/mes/OrderStarted',
      problem: 'topic linesight/v1/US01/L4/mes/OrderStarted is outside the publish allowlist of line9-edge (linesight/v1/US01/L2/)',
      blocked: 'refused',
    });
  });
});
