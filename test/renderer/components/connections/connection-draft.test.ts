import { describe, expect, it } from 'vitest';
import {
  blankDraft,
  DEFAULT_SUBSCRIPTIONS,
  draftProblems,
  duplicateNames,
  linesOf,
  prefixProblem,
  shownName,
  subscriptionWarning,
  toBrokerConfig,
  typedProblems,
  withoutPasswords,
  type ConnectionDraft,
} from '../../../../renderer/components/connections/connection-draft.js';

const draft = (patch: Partial<ConnectionDraft> = {}): ConnectionDraft => ({ ...blankDraft('mqtt://192.168.10.5:1883'), ...patch });

describe('a blank connection', () => {
  it('subscribes to linesight/v1/# over MQTT 5, subscribe-only, without a login', () => {
    const d = blankDraft();
    expect(d).toMatchObject({ url: '', subscriptions: 'linesight/v1/#', version: '5', username: '', password: '', remember: false, allowPublish: false });
    expect(DEFAULT_SUBSCRIPTIONS).toBe('linesight/v1/#');
    expect(blankDraft().key).not.toBe(d.key);
  });

  it('becomes a BrokerConfig with the default subscription and no optional field', () => {
    expect(toBrokerConfig(draft())).toEqual({ url: 'mqtt://192.168.10.5:1883', subscriptions: ['linesight/v1/#'], protocolVersion: 5 });
  });
});

describe('draft → BrokerConfig', () => {
  it('takes one subscription per line, trimmed, blank lines dropped', () => {
    const config = toBrokerConfig(draft({ subscriptions: ' linesight/v1/US01/#\n\n  umh/v1/+/line2/#  \n' }));
    expect(config.subscriptions).toEqual(['linesight/v1/US01/#', 'umh/v1/+/line2/#']);
  });

  it('leaves subscriptions out when none is given (the engine then uses its default, never #)', () => {
    expect(toBrokerConfig(draft({ subscriptions: '  \n ' }))).not.toHaveProperty('subscriptions');
  });

  it('sends MQTT 3.1.1 as protocolVersion 4 and 5 as 5', () => {
    expect(toBrokerConfig(draft({ version: '4' })).protocolVersion).toBe(4);
    expect(toBrokerConfig(draft({ version: '5' })).protocolVersion).toBe(5);
  });

  it('trims the URL, name, user name and mappings path, and omits those left empty', () => {
    const full = toBrokerConfig(
      draft({ url: '  mqtts://edge:8883 ', name: ' line9-edge ', username: ' commissioning ', password: ' s3cret ', mappings: ' /etc/l9.yaml ' }),
    );
    expect(full).toEqual({
      url: 'mqtts://edge:8883',
      name: 'line9-edge',
      subscriptions: ['linesight/v1/#'],
      protocolVersion: 5,
      username: 'commissioning',
      password: ' s3cret ', // a password is sent exactly as typed
      mappings: '/etc/l9.yaml',
    });
    const bare = toBrokerConfig(draft({ name: '  ', username: ' ', mappings: '' }));
    for (const key of ['name', 'username', 'password', 'mappings', 'publish']) expect(bare).not.toHaveProperty(key);
  });

  it('includes the password only when one is given, and only with a user name', () => {
    expect(toBrokerConfig(draft({ username: 'u', password: '' }))).not.toHaveProperty('password');
    expect(toBrokerConfig(draft({ username: 'u', password: 'pw' }))).toMatchObject({ username: 'u', password: 'pw' });
    expect(toBrokerConfig(draft({ username: '', password: 'pw' }))).not.toHaveProperty('password');
  });

  it('never carries the remember box to the engine', () => {
    expect(toBrokerConfig(draft({ username: 'u', password: 'pw', remember: true }))).not.toHaveProperty('remember');
  });

  it('adds the publish allowlist only when publishing is allowed', () => {
    const allow = 'linesight/v1/US01/L2/\n linesight/v1/US01/L3/ \n';
    expect(toBrokerConfig(draft({ allowPublish: false, allow }))).not.toHaveProperty('publish');
    expect(toBrokerConfig(draft({ allowPublish: true, allow })).publish).toEqual({ allow: ['linesight/v1/US01/L2/', 'linesight/v1/US01/L3/'] });
  });

  it('sends the lines to show from the start, PLANT/LINE, and refuses one that is not', () => {
    expect(toBrokerConfig(draft({ lines: ' US01/L1, US01/L2\nUS01/L3 ' })).lines).toEqual(['US01/L1', 'US01/L2', 'US01/L3']);
    expect(toBrokerConfig(draft({ lines: ' ' }))).not.toHaveProperty('lines');
    expect(typedProblems(draft({ lines: 'US01/L1, L2' }))).toEqual(['line “L2” is not PLANT/LINE, e.g. US01/L2']);
  });
});

describe('checks before watching', () => {
  it('asks for the URL once Start watching is pressed, not while typing', () => {
    const d = blankDraft();
    expect(typedProblems(d)).toEqual([]);
    expect(draftProblems(d)).toEqual(['give the broker URL, e.g. mqtt://192.168.10.5:1883']);
  });

  it('refuses a URL that is not a broker URL, and one carrying a login', () => {
    expect(typedProblems(draft({ url: 'http://x' }))[0]).toMatch(/is not a broker URL/);
    expect(typedProblems(draft({ url: 'mqtt://u:p@edge:1883' }))).toEqual([
      'put the user name and password in their own fields, not in the URL (a URL is shown and journaled)',
    ]);
  });

  it('refuses malformed topic filters and warns (without refusing) about subscribing to everything', () => {
    expect(typedProblems(draft({ subscriptions: 'a/#/b\nx/y+' }))).toEqual([
      'subscription “a/#/b”: “#” must be the whole last level',
      'subscription “x/y+”: “+” must be a whole level',
    ]);
    const all = draft({ subscriptions: '+/#' });
    expect(typedProblems(all)).toEqual([]);
    expect(subscriptionWarning(all)).toMatch(/^“\+\/#” subscribes to every topic on the broker/);
    expect(subscriptionWarning(draft())).toBeNull();
  });

  it('refuses a password without a user name', () => {
    expect(typedProblems(draft({ password: 'pw' }))).toEqual(['a password needs a user name']);
  });

  it('refuses wildcard publish prefixes, with the message', () => {
    const message = 'publish prefix “linesight/v1/+/L2/” has a wildcard: give a concrete topic prefix such as linesight/v1/US01/L2/ (no “+” or “#”)';
    expect(prefixProblem('linesight/v1/+/L2/')).toBe(message);
    expect(prefixProblem('linesight/v1/#')).toMatch(/has a wildcard/);
    expect(prefixProblem('linesight/v1/US01/L2/')).toBeUndefined();
    expect(typedProblems(draft({ allowPublish: true, allow: 'linesight/v1/+/L2/' }))).toEqual([message]);
    // not checked while publishing is off: the prefixes are not used
    expect(typedProblems(draft({ allowPublish: false, allow: 'linesight/v1/+/L2/' }))).toEqual([]);
  });

  it('wants at least one prefix when publishing is allowed', () => {
    expect(draftProblems(draft({ allowPublish: true, allow: ' \n' }))).toEqual([
      'publishing is allowed but no topic prefix is given: name at least one, e.g. linesight/v1/US01/L2/',
    ]);
  });
});

describe('names and what survives leaving the view', () => {
  it('names a connection by its name, else its URL, and finds names given twice', () => {
    expect(shownName(draft({ name: ' edge ' }))).toBe('edge');
    expect(shownName(draft())).toBe('mqtt://192.168.10.5:1883');
    expect(duplicateNames([draft(), draft({ name: 'a' }), draft(), draft({ name: 'a' }), blankDraft()])).toEqual(['mqtt://192.168.10.5:1883', 'a']);
  });

  it('drops the passwords and keeps everything else', () => {
    const d = draft({ username: 'u', password: 'pw', remember: true });
    expect(withoutPasswords([d])).toEqual([{ ...d, password: '' }]);
  });

  it('reads textarea lines trimmed, without blanks', () => {
    expect(linesOf(' a \n\n b\r\n')).toEqual(['a', 'b']);
  });
});
