import type { Database } from 'better-sqlite3';
import { checkSessionExists } from './session-state.js';
import { statement } from './statement-cache.js';

/** A change of name and/or note: undefined keeps the current value, null clears it. */
export type SessionLabel = { readonly name?: string | null; readonly note?: string | null };

export const MAX_SESSION_NAME = 200;
export const MAX_SESSION_NOTE = 4000;

/**
 * Check and tidy a label as a user typed it: trimmed; an empty string clears; at most
 * `MAX_SESSION_NAME` characters of name and `MAX_SESSION_NOTE` of note.
 */
export function normalizeLabel(args: { readonly name?: unknown; readonly note?: unknown }): SessionLabel {
  const field = (key: 'name' | 'note', max: number): string | null | undefined => {
    const value = args[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new Error(`${key}: expected text, got ${JSON.stringify(value)}`);
    const text = value.trim();
    if (text.length > max) throw new Error(`${key}: at most ${max} characters (got ${text.length})`);
    return text === '' ? null : text;
  };
  const name = field('name', MAX_SESSION_NAME);
  const note = field('note', MAX_SESSION_NOTE);
  if (name === undefined && note === undefined) throw new Error('give a name or a note (an empty one clears it)');
  return { ...(name === undefined ? {} : { name }), ...(note === undefined ? {} : { note }) };
}

// A label is metadata, not history: one row per session, replaced in place.
const SQL = `INSERT INTO session_labels (session, name, note, updated_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (session) DO UPDATE SET
    name = CASE WHEN ? THEN excluded.name ELSE name END,
    note = CASE WHEN ? THEN excluded.note ELSE note END,
    updated_at = excluded.updated_at`;

/** Set a session's name and/or note (the caller has normalized it). Unknown or deleted sessions are refused. */
export function labelSession(db: Database, session: number, label: SessionLabel, now: number): void {
  checkSessionExists(db, session);
  const setName = label.name !== undefined;
  const setNote = label.note !== undefined;
  statement(db, SQL).run(session, label.name ?? null, label.note ?? null, now, setName ? 1 : 0, setNote ? 1 : 0);
}
