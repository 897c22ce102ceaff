import { DATED_MESSAGE_TYPES, parseInstant } from '../../model/index.js';

/**
 * A resend may give a dated message (confirmation, consumption, receipt) a `postingDate` even when
 * the message had none (it was dated by its time): re-posting into the open period is how an
 * operator clears a posting ERP refused for a closed period. Undefined when `field` is not that;
 * else the problems with the value (none when it is an RFC 3339 instant with a zone).
 */
export function postingDateProblems(type: string, field: string, value: unknown): string[] | undefined {
  if (field !== 'postingDate' || !DATED_MESSAGE_TYPES.includes(type)) return undefined;
  if (typeof value !== 'string' || Number.isNaN(parseInstant(value))) return [`postingDate must be an RFC 3339 instant with a time zone, e.g. 2026-03-01T06:00:00+01:00`];
  return [];
}
