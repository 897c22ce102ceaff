/**
 * Saved connection profiles in the watch form: a profile becomes a draft to edit and watch, a draft
 * becomes a profile (never with its password), and the lists and messages around them. Pure; the
 * engine checks a profile again when it is saved.
 */
import type { ConnectionProfile, ProfilesImport } from '../../../engine/contract/index.js';
import { blankDraft, DEFAULT_SUBSCRIPTIONS, draftProblems, shownName, toBrokerConfig, type ConnectionDraft } from './connection-draft.js';

/** What a profile may be called: its outbox, client id and password are kept under the name (as in a connections file). */
const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A saved profile as the form's inputs (no password: asked, or taken from the key store, when watching). */
export function draftFromProfile(p: ConnectionProfile): ConnectionDraft {
  const { qos, keepalive, sessionExpirySeconds, clean, receiveMaximum } = p;
  const extra = Object.fromEntries(
    Object.entries({ qos, keepalive, sessionExpirySeconds, clean, receiveMaximum, rejectUnauthorized: p.tls?.rejectUnauthorized }).filter(([, v]) => v !== undefined),
  );
  return {
    ...blankDraft(p.url),
    name: p.name,
    // none saved: the engine's default, shown as the form shows it for a new connection
    subscriptions: p.subscriptions === undefined ? DEFAULT_SUBSCRIPTIONS : p.subscriptions.join('\n'),
    version: p.protocolVersion === 4 ? '4' : '5',
    username: p.username ?? '',
    allowPublish: p.publish !== undefined,
    allow: (p.publish?.allow ?? []).join('\n'),
    mappings: p.mappings ?? '',
    lines: (p.lines ?? []).join(', '),
    clientId: p.clientId ?? '',
    tlsCa: p.tls?.ca ?? '',
    tlsCert: p.tls?.cert ?? '',
    tlsKey: p.tls?.key ?? '',
    timeZone: p.timeZone ?? '',
    extra,
  };
}

/** The profile a draft saves as, or why it cannot be saved (it needs a usable name, and whatever a watch needs). */
export function profileFromDraft(d: ConnectionDraft): { readonly ok: true; readonly profile: ConnectionProfile } | { readonly ok: false; readonly problems: string[] } {
  const name = d.name.trim();
  const problems = draftProblems(d);
  if (name === '') problems.unshift('give the connection a name to save it as a profile, e.g. line-2-gateway');
  else if (!PROFILE_NAME.test(name)) problems.unshift(`a profile name is letters, digits, “.”, “_” and “-”, starting with a letter or digit: “${name}” is not`);
  if (problems.length > 0) return { ok: false, problems };
  const { password: _never, ...config } = toBrokerConfig(d);
  const zone = d.timeZone.trim();
  return { ok: true, profile: { ...config, name, ...(zone ? { timeZone: zone } : {}) } };
}

/** The list with `profile` in it: in the place of the one of the same name, else at the end. */
export function withProfile(list: readonly ConnectionProfile[], profile: ConnectionProfile): { readonly list: ConnectionProfile[]; readonly replaced: boolean } {
  const at = list.findIndex((p) => p.name === profile.name);
  if (at < 0) return { list: [...list, profile], replaced: false };
  return { list: list.map((p, i) => (i === at ? profile : p)), replaced: true };
}

const isBlank = (d: ConnectionDraft): boolean => d.url.trim() === '' && d.name.trim() === '';

/**
 * The form's drafts with a profile's put in: over the draft of the same name, else over a form
 * that is still empty, else as one more connection to watch.
 */
export function placeDraft(drafts: readonly ConnectionDraft[], draft: ConnectionDraft): ConnectionDraft[] {
  const same = drafts.findIndex((d) => shownName(d) === draft.name);
  if (same >= 0) return drafts.map((d, i) => (i === same ? { ...draft, key: d.key } : d));
  if (drafts.length === 1 && isBlank(drafts[0]!)) return [draft];
  return [...drafts.filter((d) => !isBlank(d)), draft];
}

/** One line per outcome of an import, in words. */
export function importSummary(r: ProfilesImport): string[] {
  const names = (list: readonly string[]): string => list.map((n) => `“${n}”`).join(', ');
  const lines: string[] = [];
  if (r.added.length > 0) lines.push(`Added ${names(r.added)}.`);
  if (r.replaced.length > 0) lines.push(`Replaced the saved ${names(r.replaced)}.`);
  if (r.added.length + r.replaced.length === 0) lines.push('No profile was imported.');
  if (r.strippedPasswords.length > 0) {
    lines.push(`The file held a password for ${names(r.strippedPasswords)}: it was left out — passwords are never stored; give them when watching.`);
  }
  for (const s of r.skipped) lines.push(`Skipped “${s.name}”: ${s.reason}`);
  lines.push(...r.notes);
  return lines;
}
